#pragma once

// Small QtSql helpers shared by the rooms of the local cache (LocalCache; not a public API).
#include "domain/Ticket.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>

class QSqlQuery;

namespace triage::storesql {

// The `links` column: a compact JSON array of {kind, ticket_id} (TicketRepositoryLinks.cpp).
QString linksToJson(const QList<TicketLink> &links);
QList<TicketLink> linksFromJson(const QString &json);

// A ticket row's columns, and a Ticket read from them in this order starting at `base`
// (TicketRepository.cpp; ResyncStaging reads the staging copy the same way).
inline constexpr const char16_t *kTicketColumns
    = u"id, number, title, description, type, status, priority, impact, urgency, "
      u"requester_id, assignee_id, group_id, channel, tags, links, csat_rating, "
      u"csat_comment, created_at, updated_at, version, rank, sla_due, sla_metric, sla_paused_ms, sla_warn_at";
Ticket readTicket(const QSqlQuery &q, int base = 0);

// QtSql binds a null QString as SQL NULL; NOT NULL text columns need a non-null empty string.
inline QString text(const QString &s)
{
    return s.isNull() ? u""_qs : s;
}

class Transaction
{
public:
    explicit Transaction(QSqlDatabase db)
        : m_db(std::move(db))
    {
        m_ok = m_db.transaction();
    }
    ~Transaction()
    {
        if (m_ok && !m_done)
            m_db.rollback();
    }
    bool ok() const { return m_ok; }
    bool commit()
    {
        m_done = true;
        if (m_db.commit())
            return true;
        m_error = m_db.lastError().text(); // before the rollback replaces it
        m_db.rollback();
        return false;
    }
    QString error() const { return m_error.isEmpty() ? m_db.lastError().text() : m_error; }

private:
    QSqlDatabase m_db;
    QString m_error;
    bool m_ok = false;
    bool m_done = false;
};

} // namespace triage::storesql
