#include "QueueController.h"

#include "common/Texts.h"
#include "sync/LocalEditor.h"

#include <QJsonObject>

namespace triage {

QueueController::QueueController(LocalEditor *editor, QObject *parent)
    : QObject(parent)
    , m_editor(editor)
{ }

QueueController::~QueueController() = default;

int QueueController::update(const QStringList &ids, const QString &field, const QString &value)
{
    m_refusals.clear();
    int changed = 0;
    for (const auto &id : ids) {
        const QJsonValue v = value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
        if (m_editor->updateFields(id, QJsonObject {{field, v}}))
            ++changed;
        else
            m_refusals << Texts::reason(m_editor->lastError());
    }
    Q_EMIT finished(changed, m_refusals);
    return changed;
}

int QueueController::assign(const QStringList &ids, const QString &userId)
{
    return update(ids, u"assignee_id"_qs, userId);
}

int QueueController::assignToMe(const QStringList &ids)
{
    m_refusals.clear();
    int changed = 0;
    for (const auto &id : ids) {
        if (m_editor->assignToMe(id))
            ++changed;
        else
            m_refusals << Texts::reason(m_editor->lastError());
    }
    Q_EMIT finished(changed, m_refusals);
    return changed;
}

int QueueController::setStatus(const QStringList &ids, TicketStatus status)
{
    return update(ids, u"status"_qs, toWire(status));
}

int QueueController::setPriority(const QStringList &ids, Priority priority)
{
    return update(ids, u"priority"_qs, toWire(priority));
}

} // namespace triage
