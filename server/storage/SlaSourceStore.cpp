#include "SlaSourceStore.h"

#include "domain/TicketEvent.h"

namespace triage::server {

SlaSources SlaSourceStore::load(const QString &ticketId)
{
    SlaSources raw;
    {
        Sql q(m_db,
            u"SELECT at, field, old_value, new_value FROM ticket_history WHERE ticket_id = ?"
            " AND field IN (?, ?, ?) ORDER BY at"_qs);
        q.bind(ticketId)
            .bind(TicketEvent::fieldName(TicketEvent::Kind::Created))
            .bind(TicketEvent::fieldName(TicketEvent::Kind::Status))
            .bind(TicketEvent::fieldName(TicketEvent::Kind::Priority))
            .exec();
        while (q.next())
            raw.history.push_back({q.i64(0), q.str(1), q.str(2), q.str(3)});
    }
    Sql q(m_db,
        u"SELECT created_at, author_id, public FROM comments WHERE ticket_id = ? ORDER BY created_at, seq"_qs);
    q.bind(ticketId).exec();
    while (q.next())
        raw.replies.push_back({q.i64(0), q.str(1), q.i64(2) != 0});
    return raw;
}

QHash<QString, SlaSources> SlaSourceStore::loadMany(const QStringList &ticketIds)
{
    QHash<QString, SlaSources> out;
    if (ticketIds.isEmpty())
        return out;
    QString marks = u"?"_qs;
    for (qsizetype i = 1; i < ticketIds.size(); ++i)
        marks += u",?"_qs;
    for (const QString &id : ticketIds)
        out.insert(id, SlaSources());
    {
        Sql q(m_db,
            u"SELECT ticket_id, at, field, old_value, new_value FROM ticket_history WHERE field IN (?, ?, ?)"
            " AND ticket_id IN ("_qs
                + marks + u") ORDER BY ticket_id, at"_qs);
        q.bind(TicketEvent::fieldName(TicketEvent::Kind::Created))
            .bind(TicketEvent::fieldName(TicketEvent::Kind::Status))
            .bind(TicketEvent::fieldName(TicketEvent::Kind::Priority));
        for (const QString &id : ticketIds)
            q.bind(id);
        q.exec();
        while (q.next())
            out[q.str(0)].history.push_back({q.i64(1), q.str(2), q.str(3), q.str(4)});
    }
    Sql q(m_db,
        u"SELECT ticket_id, created_at, author_id, public FROM comments WHERE ticket_id IN ("_qs + marks
            + u") ORDER BY ticket_id, created_at, seq"_qs);
    for (const QString &id : ticketIds)
        q.bind(id);
    q.exec();
    while (q.next())
        out[q.str(0)].replies.push_back({q.i64(1), q.str(2), q.i64(3) != 0});
    return out;
}

} // namespace triage::server
