#pragma once

// Small QtSql helpers shared by the TicketStore translation units (not a public API).
#include "domain/Ticket.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>

namespace triage::storesql {

// The `links` column: a compact JSON array of {kind, ticket_id} (TicketStoreLinks.cpp).
QString linksToJson(const QList<TicketLink> &links);
QList<TicketLink> linksFromJson(const QString &json);

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
