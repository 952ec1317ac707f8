#include "DemoSeeder.h"

#include "DemoSla.h"
#include "DirectoryStore.h"
#include "HistoryLog.h"
#include "ServerTicketStore.h"
#include "api/Auth.h"
#include "demo/DemoGenerator.h"
#include "domain/Time.h"

namespace triage::server {

qint64 seedDemo(ServerDatabase &db, const QString &password, qint64 ticketCount, bool withSla)
{
    WriteTx tx(db);
    {
        Sql q(db, u"SELECT value FROM meta WHERE key = 'demo_seeded'"_qs);
        q.exec();
        if (q.next())
            return 0;
    }
    DemoGenerator gen;
    gen.setTimeline(ticketCount, nowMs(), 60, 6); // a Monday morning: fresh requests of the last hours
    const DemoOrganisation &org = gen.organisation();
    // The wall screen's read-only account (`triage --wall` signs in with it): a viewer of every group.
    User wall;
    wall.id = DemoGenerator::stableId(u"wall"_qs, 0);
    wall.username = u"wall"_qs;
    wall.displayName = u"Wall"_qs;
    wall.email = u"wall@example.com"_qs;
    wall.role = UserRole::Viewer;
    for (const Group &g : org.groups)
        wall.groupIds << g.id;
    // One Argon2id hash shared by the demo accounts: same password, and seeding stays fast.
    const QString hash = hashPassword(password);
    const DemoSla sla = withSla ? DemoSla::make(org.groups) : DemoSla();
    qint64 rows = org.groups.size() + org.users.size() + 1 + org.boards.size() + org.views.size()
        + sla.calendars.size() + sla.policies.size();
    QList<QPair<Ticket, QList<Comment>>> tickets;
    gen.generate(ticketCount, [&](const Ticket &t, const QList<Comment> &comments) {
        tickets.append({t, comments});
        rows += 1 + comments.size();
    });
    qint64 seq = tx.bumpHead(static_cast<int>(rows));
    DirectoryStore dir(db);
    ServerTicketStore store(db);
    Sql history(db,
        u"INSERT INTO ticket_history (ticket_id, at, user_id, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)"_qs);
    for (Group g : org.groups) {
        g.calendarId = sla.calendarByGroup.value(g.id, g.calendarId);
        dir.upsertGroup(g, seq++);
    }
    for (const QJsonObject &c : sla.calendars)
        dir.upsertConfigDoc(u"calendar"_qs, c, seq++);
    for (const QJsonObject &p : sla.policies)
        dir.upsertConfigDoc(u"sla_policy"_qs, p, seq++);
    for (const User &u : org.users)
        dir.upsertUser(u, hash, seq++);
    dir.upsertUser(wall, hash, seq++);
    for (const Board &b : org.boards)
        dir.upsertBoard(b, seq++);
    for (const SavedView &v : org.views)
        dir.upsertView(v, seq++);
    for (const auto &[t, comments] : tickets) {
        // The life that led here, so SLA timers, history and metrics have real events; the same
        // events as wire JSON in `tickets.history` (HistoryLog), which the change feed copies.
        const QList<TicketEvent> events = gen.history(t, comments);
        QByteArray log;
        for (const TicketEvent &e : events) {
            if (!log.isEmpty())
                log.append(',');
            HistoryLog::appendEventJson(
                log, e.at, e.userId.toUtf8(), e.field.toUtf8(), e.oldValue.toUtf8(), e.newValue.toUtf8());
        }
        store.insert(t, seq++, log);
        for (const Comment &c : comments)
            store.insertComment(c, t, t.version, seq++);
        for (const TicketEvent &e : events) {
            history.bind(t.id)
                .bind(e.at)
                .bind(e.userId)
                .bind(e.field)
                .bind(e.oldValue)
                .bind(e.newValue)
                .exec();
        }
    }
    Sql counter(db, u"UPDATE counters SET value = ? WHERE name = 'ticket_number' AND value < ?"_qs);
    counter.bind(ticketCount + 1000).bind(ticketCount + 1000).exec();
    Sql mark(db, u"INSERT INTO meta (key, value) VALUES ('demo_seeded', ?)"_qs);
    mark.bind(isoUtc(nowMs())).exec();
    tx.commit();
    if (db.isPostgres())
        db.execRaw(u"ANALYZE"_qs); // fresh planner statistics for the feed and list queries
    return ticketCount;
}

} // namespace triage::server
