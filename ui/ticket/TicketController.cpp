#include "TicketController.h"

#include "common/Texts.h"
#include "models/ConversationModel.h"
#include "models/TicketCache.h"
#include "session/Session.h"
#include "store/TicketStore.h"
#include "sync/LocalEditor.h"

#include <QJsonObject>

namespace triage {

TicketController::TicketController(Session *session, QString ticketId, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_id(std::move(ticketId))
    , m_conversation(new ConversationModel(session->directory(), this))
{
    TicketStore *store = session->store();
    connect(store, &TicketStore::ticketsChanged, this, [this](const QList<Ticket> &tickets) {
        for (const auto &t : tickets) {
            if (t.id == m_id) {
                m_ticket = t;
                m_deleted = false;
                Q_EMIT ticketChanged();
            }
        }
    });
    connect(store, &TicketStore::ticketsRemoved, this, [this](const QStringList &ids) {
        if (ids.contains(m_id)) {
            m_deleted = true;
            Q_EMIT deleted();
        }
    });
    connect(store, &TicketStore::commentsAdded, this, [this](const QString &id) {
        if (id == m_id)
            reloadComments();
    });
    connect(store, &TicketStore::outboxChanged, this, [this](int) { Q_EMIT ticketChanged(); });
    reload();
}

TicketController::~TicketController() = default;

void TicketController::reload()
{
    m_ticket = m_session->store()->ticket(m_id);
    m_deleted = !m_ticket.has_value();
    reloadComments();
}

void TicketController::reloadComments()
{
    m_conversation->setComments(
        m_session->store()->comments(m_id), m_ticket ? m_ticket->requesterId : QString());
}

bool TicketController::isPending() const
{
    const int row = m_session->cache()->indexOf(m_id);
    return row >= 0 && m_session->cache()->row(row).pending;
}

bool TicketController::setField(const QString &field, const QJsonValue &value)
{
    if (m_deleted)
        return false;
    if (m_session->editor()->updateFields(m_id, QJsonObject {{field, value}}))
        return true;
    m_lastError = Texts::reason(m_session->editor()->lastError());
    Q_EMIT refused(m_lastError);
    Q_EMIT ticketChanged(); // puts the editors back to the stored value
    return false;
}

bool TicketController::send(const QString &body, bool isPublic)
{
    if (m_deleted || body.trimmed().isEmpty())
        return false;
    if (!m_session->editor()->addComment(m_id, body.trimmed(), isPublic)) {
        m_lastError = Texts::reason(m_session->editor()->lastError());
        Q_EMIT refused(m_lastError);
        return false;
    }
    saveDraft(isPublic, QString());
    reloadComments();
    return true;
}

QString TicketController::draft(bool isPublic) const
{
    return m_session->store()->draft(m_id, isPublic ? u"reply"_qs : u"note"_qs);
}

void TicketController::saveDraft(bool isPublic, const QString &body)
{
    m_session->store()->saveDraft(m_id, isPublic ? u"reply"_qs : u"note"_qs, body);
}

} // namespace triage
