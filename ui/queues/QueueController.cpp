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

bool QueueController::refuseReadOnly(const QStringList &ids)
{
    if (!m_readOnly)
        return false;
    m_refusals.clear();
    for (qsizetype i = 0; i < ids.size(); ++i)
        m_refusals << tr("This is a read-only account: tickets cannot be changed from it.");
    Q_EMIT finished(0, m_refusals);
    return true;
}

int QueueController::update(const QStringList &ids, TicketField field, const QString &value)
{
    if (refuseReadOnly(ids))
        return 0;
    m_refusals.clear();
    int changed = 0;
    for (const auto &id : ids) {
        const QJsonValue v = value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
        if (m_editor->updateField(id, field, v))
            ++changed;
        else
            m_refusals << Texts::refusal(m_editor->lastRefusal());
    }
    Q_EMIT finished(changed, m_refusals);
    return changed;
}

int QueueController::assign(const QStringList &ids, const QString &userId)
{
    return update(ids, TicketField::Assignee, userId);
}

int QueueController::assignToMe(const QStringList &ids)
{
    if (refuseReadOnly(ids))
        return 0;
    m_refusals.clear();
    int changed = 0;
    for (const auto &id : ids) {
        if (m_editor->assignToMe(id))
            ++changed;
        else
            m_refusals << Texts::refusal(m_editor->lastRefusal());
    }
    Q_EMIT finished(changed, m_refusals);
    return changed;
}

int QueueController::setStatus(const QStringList &ids, TicketStatus status)
{
    return update(ids, TicketField::Status, toWire(status));
}

int QueueController::setPriority(const QStringList &ids, Priority priority)
{
    return update(ids, TicketField::Priority, toWire(priority));
}

} // namespace triage
