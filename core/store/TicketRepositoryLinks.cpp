// Ticket links in the cache: the `links` column's JSON and who links to a ticket.
#include "CacheDatabase.h"
#include "StoreSql.h"
#include "TicketRepository.h"
#include "domain/ListEdits.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace triage {

QString storesql::linksToJson(const QList<TicketLink> &links)
{
    QJsonArray a;
    for (const auto &l : links)
        a.append(linkToJson(l));
    return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

QList<TicketLink> storesql::linksFromJson(const QString &s)
{
    QList<TicketLink> out;
    if (s.size() <= 2)
        return out;
    const QJsonArray a = QJsonDocument::fromJson(s.toUtf8()).array();
    for (const auto &v : a) {
        const QJsonObject o = v.toObject();
        if (auto kind = linkKindFromWire(o.value(u"kind"_qs).toString()))
            out << TicketLink {*kind, o.value(u"ticket_id"_qs).toString()};
    }
    return out;
}

QList<TicketLink> TicketRepository::linksTo(const QString &id) const
{
    // The partial index tickets_linking (schema v7) holds only tickets with links: no cache scan.
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT id, links FROM tickets INDEXED BY tickets_linking"
              " WHERE links != '[]' AND instr(links, ?) > 0 ORDER BY number"_qs);
    q.addBindValue(id);
    QList<TicketLink> out;
    if (!q.exec())
        return out;
    while (q.next()) {
        for (const TicketLink &l : storesql::linksFromJson(q.value(1).toString())) {
            if (l.ticketId == id)
                out << TicketLink {l.kind, q.value(0).toString()};
        }
    }
    return out;
}

} // namespace triage
