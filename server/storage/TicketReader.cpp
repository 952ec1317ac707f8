#include "TicketReader.h"

namespace triage::server {

namespace {

QString marks(qsizetype count)
{
    return QStringList(count, u"?"_qs).join(u',');
}

QStringList ids(Sql &query)
{
    QStringList out;
    while (query.next())
        out << query.str(0);
    return out;
}

} // namespace

QString TicketReader::visibilityFilter(const TicketVisibility &visibility, QVariantList *binds)
{
    switch (visibility.scope) {
    case TicketVisibility::Scope::All:
        return {};
    case TicketVisibility::Scope::OwnRequests:
        *binds << visibility.userId;
        return u" AND requester_id = ?"_qs;
    case TicketVisibility::Scope::Groups:
        break;
    }
    QString sql = u" AND (group_id = ''"_qs;
    if (!visibility.groups.isEmpty()) {
        sql += u" OR group_id IN ("_qs + marks(visibility.groups.size()) + u')';
        for (const QString &g : visibility.groups)
            *binds << g;
    }
    return sql + u')';
}

TicketReader::Page TicketReader::list(const TicketVisibility &visibility, const ListFilter &filter)
{
    QString sql = u"SELECT data, number FROM tickets WHERE deleted = 0"_qs;
    QVariantList binds;
    sql += visibilityFilter(visibility, &binds);
    if (!filter.statuses.isEmpty()) {
        sql += u" AND status IN ("_qs + marks(filter.statuses.size()) + u')';
        for (const QString &w : filter.statuses)
            binds << w;
    }
    if (filter.priority) {
        sql += u" AND priority = ?"_qs;
        binds << *filter.priority;
    }
    // Exact matches, in this order (one prepared statement per combination).
    if (filter.groupId) {
        sql += u" AND group_id = ?"_qs;
        binds << *filter.groupId;
    }
    if (filter.requesterId) {
        sql += u" AND requester_id = ?"_qs;
        binds << *filter.requesterId;
    }
    if (filter.assigneeId) {
        sql += u" AND assignee_id = ?"_qs;
        binds << *filter.assigneeId;
    }
    if (!filter.text.isEmpty()) {
        QString escaped = filter.text;
        escaped.replace(u"\\"_qs, u"\\\\"_qs).replace(u"%"_qs, u"\\%"_qs).replace(u"_"_qs, u"\\_"_qs);
        sql += u" AND LOWER(data) LIKE ? ESCAPE '\\'"_qs;
        binds << QString(u'%' + escaped.toLower() + u'%'); // any text field of the ticket
    }
    if (filter.beforeNumber) {
        sql += u" AND number < ?"_qs;
        binds << *filter.beforeNumber;
    }
    sql += u" ORDER BY number DESC LIMIT ?"_qs;
    binds << filter.limit + 1;

    Sql q(m_db, sql);
    for (const QVariant &b : std::as_const(binds))
        q.bind(b);
    q.exec();
    Page page;
    while (q.next()) {
        if (page.tickets.size() == filter.limit) {
            page.more = true;
            break;
        }
        page.tickets << q.value(0).toByteArray();
        page.lastNumber = q.i64(1);
    }
    return page;
}

QList<TicketReader::Label> TicketReader::labels(const QStringList &ids)
{
    QList<Label> out;
    // One statement per batch size keeps the prepared-statement cache small.
    for (qsizetype start = 0; start < ids.size(); start += 50) {
        const QStringList batch = ids.mid(start, 50);
        Sql q(m_db, u"SELECT id, number, data FROM tickets WHERE id IN ("_qs + marks(batch.size()) + u')');
        for (const QString &id : batch)
            q.bind(id);
        q.exec();
        while (q.next())
            out.append(Label {q.str(0), q.i64(1), q.value(2).toByteArray()});
    }
    return out;
}

void TicketReader::forEachLive(const std::function<void(const QString &id, const QByteArray &data)> &visit)
{
    Sql q(m_db, u"SELECT id, data FROM tickets WHERE deleted = 0"_qs);
    q.exec();
    while (q.next())
        visit(q.str(0), q.value(1).toByteArray());
}

QList<QByteArray> TicketReader::liveData(const QStringList &ids)
{
    Sql q(m_db, u"SELECT data FROM tickets WHERE deleted = 0 AND id IN ("_qs + marks(ids.size()) + u')');
    for (const QString &id : ids)
        q.bind(id);
    q.exec();
    QList<QByteArray> out;
    while (q.next())
        out.append(q.value(0).toByteArray());
    return out;
}

QStringList TicketReader::openIds()
{
    Sql q(m_db, u"SELECT id FROM tickets WHERE deleted = 0 AND status NOT IN ('resolved', 'closed')"_qs);
    q.exec();
    return ids(q);
}

QStringList TicketReader::writtenSince(qint64 seq)
{
    Sql q(m_db, u"SELECT id FROM tickets WHERE seq > ?"_qs);
    q.bind(seq).exec();
    return ids(q);
}

QStringList TicketReader::touchedBetween(qint64 after, qint64 upTo)
{
    Sql q(m_db,
        u"SELECT id FROM tickets WHERE seq > ? AND seq <= ?"
        " UNION SELECT ticket_id FROM comments WHERE seq > ? AND seq <= ?"_qs);
    q.bind(after).bind(upTo).bind(after).bind(upTo).exec();
    return ids(q);
}

} // namespace triage::server
