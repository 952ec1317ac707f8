// The event log (`history`) on the change feed's ticket upserts against a real triaged: it is
// kept in `tickets.history` by the write that logs the events, so the feed copies it; this proves the
// copy equals the `ticket_history` rows (the source of truth the SLA engine and the metrics read)
// after every kind of change, for a database written before the column existed (NULL logs are read
// from ticket_history, and stay complete after later changes), for a database upgraded from a
// schema without the column, and that requesters never get it. Long logs: new events go to the short
// `history_tail` and are folded into `history` when it grows; the two always add up to the table.
// Comments carry copies of their ticket's visibility that the feed reads instead of a join; they
// follow every change of it and are filled in on upgrade. Runs on SQLite and PostgreSQL.
#include "ServerTestBase.h"
#include "domain/TicketEvent.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

using namespace triage;
using namespace triage::test;

class TestServerFeedHistory : public QObject
{
    Q_OBJECT

private:
    TriagedProcess m_server;
    TriagedProcess::Options m_options;
    std::unique_ptr<TestClient> m_admin, m_agent, m_lead;
    QString m_connection = QStringLiteral("history-check");

    void startServer()
    {
        QVERIFY2(m_server.start(m_options), qPrintable(m_server.error()));
        if (m_options.databaseUrl.isEmpty())
            m_options.dataDir = m_server.dataDir(); // restarts keep the same SQLite file
        m_admin = signedInClient(m_server.baseUrl(), QStringLiteral("admin"));
        m_agent = signedInClient(m_server.baseUrl(), QStringLiteral("agent1"));
        m_lead = signedInClient(m_server.baseUrl(), QStringLiteral("lead"));
        QVERIFY(!m_admin->token().isEmpty() && !m_agent->token().isEmpty() && !m_lead->token().isEmpty());
    }

    // The test's own connection to the server's database (SQLite file or PostgreSQL).
    QSqlDatabase database()
    {
        return serverDatabase(m_connection, m_options.databaseUrl, m_server.dataDir());
    }

    void closeDatabase() { closeServerDatabase(m_connection); }

    void sql(const QString &statement)
    {
        QSqlQuery q(database());
        if (!q.exec(statement))
            QFAIL(qPrintable(q.lastError().text() + QStringLiteral(" [") + statement + u']'));
    }

    // A ticket's `ticket_history` rows as wire events, in the order the log was written.
    QJsonArray tableLog(const QString &ticketId)
    {
        QSqlQuery q(database());
        q.prepare(QStringLiteral("SELECT at, user_id, field, old_value, new_value FROM ticket_history"
                                 " WHERE ticket_id = ? ORDER BY at, ")
            + (m_options.databaseUrl.isEmpty() ? QStringLiteral("rowid") : QStringLiteral("ctid")));
        q.addBindValue(ticketId);
        if (!q.exec())
            qWarning("history: %s", qPrintable(q.lastError().text()));
        QJsonArray out;
        while (q.next()) {
            TicketEvent e;
            e.at = q.value(0).toLongLong();
            e.userId = q.value(1).toString();
            e.field = q.value(2).toString();
            e.oldValue = q.value(3).toString();
            e.newValue = q.value(4).toString();
            out.append(e.toJson());
        }
        return out;
    }

    // Events ordered by time, keeping the log's order for equal instants (what clients do).
    static QJsonArray byTime(QJsonArray log)
    {
        QList<QJsonValue> v(log.begin(), log.end());
        std::stable_sort(v.begin(), v.end(), [](const QJsonValue &a, const QJsonValue &b) {
            return a[QStringLiteral("at")].toString() < b[QStringLiteral("at")].toString();
        });
        QJsonArray out;
        for (const QJsonValue &e : v)
            out.append(e);
        return out;
    }

    // The latest ticket upserts of the whole feed, by id.
    static QHash<QString, QJsonObject> latestTickets(TestClient &c)
    {
        QString cursor;
        QHash<QString, QJsonObject> out;
        for (const QJsonValue &v : drainFeed(c, &cursor, 100)) {
            if (v[QStringLiteral("entity")].toString() == QStringLiteral("ticket")
                && v[QStringLiteral("op")].toString() == QStringLiteral("upsert"))
                out.insert(v[QStringLiteral("id")].toString(), v[QStringLiteral("data")].toObject());
        }
        return out;
    }

    // Every ticket's feed log equals its ticket_history rows; returns how many tickets were checked.
    int compareAll(TestClient &c)
    {
        const QHash<QString, QJsonObject> tickets = latestTickets(c);
        int checked = 0;
        for (auto it = tickets.cbegin(); it != tickets.cend(); ++it) {
            const QJsonValue log = it->value(QStringLiteral("history"));
            if (!log.isArray()) {
                qWarning("ticket %s has no history array", qPrintable(it.key()));
                return -1;
            }
            const QJsonArray expected = byTime(tableLog(it.key()));
            const QJsonArray actual = byTime(log.toArray());
            if (actual != expected) {
                qWarning("ticket %s:\n feed  %s\n table %s", qPrintable(it.key()),
                    QJsonDocument(actual).toJson(QJsonDocument::Compact).constData(),
                    QJsonDocument(expected).toJson(QJsonDocument::Compact).constData());
                return -1;
            }
            ++checked;
        }
        return checked;
    }

    // The stored log as the feed sends it (`history`, then `history_tail`), with the tail's length.
    QJsonArray storedLog(const QString &ticketId, bool *isNull = nullptr, int *tailChars = nullptr)
    {
        QSqlQuery q(database());
        q.prepare(QStringLiteral("SELECT history, history_tail FROM tickets WHERE id = ?"));
        q.addBindValue(ticketId);
        if (!q.exec() || !q.next()) {
            qWarning("stored log: %s", qPrintable(q.lastError().text()));
            return {};
        }
        if (isNull)
            *isNull = q.value(0).isNull();
        const QString head = q.value(0).toString();
        const QString tail = q.value(1).toString();
        if (tailChars)
            *tailChars = static_cast<int>(tail.size());
        const QString joined
            = head.isEmpty() || tail.isEmpty() ? QString(head + tail) : QString(head + u',' + tail);
        return QJsonDocument::fromJson((u'[' + joined + u']').toUtf8()).array();
    }

    static QByteArray etag(TestClient &c, const QString &id)
    {
        return c.get(QStringLiteral("/api/v1/tickets/") + id).header("etag");
    }

    // One ticket through every kind of logged change; returns its id.
    QString exerciseTicket(const QString &title)
    {
        const QJsonObject created = createTicketAs(*m_agent, title);
        const QString id = created.value(QStringLiteral("id")).toString();
        const QString path = QStringLiteral("/api/v1/tickets/") + id;
        const auto patch = [&](const QJsonObject &body) {
            const HttpResult r = m_agent->patch(path, body, {{"If-Match", etag(*m_agent, id)}});
            if (r.status != 200)
                qWarning("patch: %d %s", r.status, r.body.constData());
            return r.status;
        };
        if (patch({{QStringLiteral("status"), QStringLiteral("in_progress")},
                {QStringLiteral("priority"), QStringLiteral("high")}})
            != 200)
            return {};
        // A reply with quotes, a backslash and a control character in the text (the log stores the
        // side, not the text, but the body travels through the same write).
        if (m_agent
                ->post(path + QStringLiteral("/comments"),
                    {{QStringLiteral("body"), QStringLiteral("He said \"ok\" \\ done\t.")}})
                .status
            != 201)
            return {};
        if (m_agent
                ->post(path + QStringLiteral("/comments"),
                    {{QStringLiteral("body"), QStringLiteral("internal")}, {QStringLiteral("public"), false}})
                .status
            != 201)
            return {};
        // Priority changed by the lead from a stale base: last arrival wins, noted as
        // `priority_overridden` next to the `priority` event.
        const qint64 version = created.value(QStringLiteral("version")).toInteger();
        const QJsonObject upd = mutation(1, QStringLiteral("ticket.update"),
            {{QStringLiteral("ticket_id"), id}, {QStringLiteral("base_version"), version},
                {QStringLiteral("changes"),
                    QJsonArray {change(QStringLiteral("priority"), created.value(QStringLiteral("priority")),
                        QStringLiteral("low"))}}});
        const HttpResult r = m_lead->post(QStringLiteral("/api/v1/mutations"), batch(newUuid(), {upd}));
        if (r.status != 200)
            qWarning("mutation: %d %s", r.status, r.body.constData());
        if (patch({{QStringLiteral("group_id"), kGroupHr},
                {QStringLiteral("status"), QStringLiteral("waiting")}})
            != 200)
            return {};
        return id;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_options.env.insert(QStringLiteral("TRIAGE_DEMO_TICKETS"), QStringLiteral("40"));
        TRIAGE_PG_DATABASE_IF_PG_BUILD(m_options.databaseUrl);
        startServer();
    }

    void cleanupTestCase()
    {
        closeDatabase();
        m_server.stop();
    }

    void feedLogEqualsTheTable()
    {
        const QString id = exerciseTicket(QStringLiteral("Printer on fire"));
        QVERIFY(!id.isEmpty());
        const QJsonArray rows = tableLog(id);
        QStringList fields;
        for (const QJsonValue &e : rows)
            fields << e[QStringLiteral("field")].toString();
        // The ticket really went through every kind of event the test means to cover.
        for (const QString &f : {u"created"_qs, u"status"_qs, u"priority"_qs, u"reply"_qs, u"note"_qs,
                 u"priority_overridden"_qs, u"group_id"_qs})
            QVERIFY2(fields.contains(f), qPrintable(f + QStringLiteral(" missing: ") + fields.join(u',')));
        // Demo tickets (seeded) and the exercised one: every log equals its rows.
        const int checked = compareAll(*m_admin);
        QVERIFY2(checked > 40, qPrintable(QString::number(checked)));
        // The column is what the feed copied: it is set for all of them.
        QSqlQuery q(database());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM tickets WHERE history IS NULL AND deleted = 0")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }

    void requestersNeverGetTheLog()
    {
        // A requester's own ticket.
        auto requester = signedInClient(m_server.baseUrl(), QStringLiteral("requester01"));
        QVERIFY(!requester->token().isEmpty());
        const QJsonObject mine = createTicketAs(*requester, QStringLiteral("My laptop"));
        QVERIFY(!mine.value(QStringLiteral("id")).toString().isEmpty());
        const QHash<QString, QJsonObject> seen = latestTickets(*requester);
        QVERIFY(seen.contains(mine.value(QStringLiteral("id")).toString()));
        for (const QJsonObject &t : seen)
            QVERIFY2(
                !t.contains(QStringLiteral("history")), qPrintable(t.value(QStringLiteral("id")).toString()));
    }

    // A long log: every write appends to the tail (at most 1000 characters, ServerTicketStore::
    // kHistoryTailChars) and the write that would overflow it folds it into `history`. After every
    // write the two columns hold exactly the table's rows in their order, and so does the feed.
    void longLogsFoldTheTail()
    {
        const QJsonObject created = createTicketAs(*m_agent, QStringLiteral("Chatty ticket"));
        const QString id = created.value(QStringLiteral("id")).toString();
        QVERIFY(!id.isEmpty());
        const QString path = QStringLiteral("/api/v1/tickets/") + id;
        int folds = 0;
        int tailSeen = 0;
        int lastTail = 0;
        QString cursor;
        drainFeed(*m_admin, &cursor);
        for (int i = 0; i < 36; ++i) {
            if (i % 3 == 2) {
                const QString prio = i % 2 ? QStringLiteral("high") : QStringLiteral("low");
                QCOMPARE(m_agent
                             ->patch(path, {{QStringLiteral("priority"), prio}},
                                 {{"If-Match", etag(*m_agent, id)}})
                             .status,
                    200);
            } else {
                QCOMPARE(m_agent
                             ->post(path + QStringLiteral("/comments"),
                                 {{QStringLiteral("body"), QStringLiteral("note %1").arg(i)},
                                     {QStringLiteral("public"), i % 3 == 1}})
                             .status,
                    201);
            }
            bool isNull = true;
            int tailChars = -1;
            const QJsonArray stored = storedLog(id, &isNull, &tailChars);
            QVERIFY(!isNull);
            QVERIFY2(tailChars >= 0 && tailChars <= 1000, qPrintable(QString::number(tailChars)));
            const QJsonArray table = tableLog(id);
            QCOMPARE(stored, table);
            // The feed sends this write's state with both parts of the log.
            QJsonArray fromFeed;
            for (const QJsonValue &v : drainFeed(*m_admin, &cursor)) {
                if (v[QStringLiteral("entity")].toString() == QStringLiteral("ticket")
                    && v[QStringLiteral("id")].toString() == id)
                    fromFeed = v[QStringLiteral("data")][QStringLiteral("history")].toArray();
            }
            QCOMPARE(fromFeed, table);
            if (tailChars < lastTail)
                ++folds;
            if (tailChars > 0)
                ++tailSeen;
            lastTail = tailChars;
        }
        QCOMPARE(tableLog(id).size(), 37);
        // 36 events of ~100 characters: the tail filled and was folded several times.
        QVERIFY2(folds >= 2, qPrintable(QString::number(folds)));
        QVERIFY2(tailSeen >= 20, qPrintable(QString::number(tailSeen)));
        const QHash<QString, QJsonObject> tickets = latestTickets(*m_admin);
        QCOMPARE(tickets.value(id).value(QStringLiteral("history")).toArray(), tableLog(id));
        QVERIFY(compareAll(*m_admin) > 40);
    }

    // Comments whose copies of their ticket's group, requester and deleted flag (which the feed
    // decides their visibility by) differ from the ticket row; orphans must be marked deleted.
    int staleCommentCopies()
    {
        QSqlQuery q(database());
        if (!q.exec(QStringLiteral(
                "SELECT COUNT(*) FROM comments c LEFT JOIN tickets t ON t.id = c.ticket_id"
                " WHERE (t.id IS NULL AND c.ticket_deleted = 0) OR c.ticket_group <> t.group_id"
                " OR c.ticket_requester <> t.requester_id OR c.ticket_deleted <> t.deleted"))
            || !q.next()) {
            qWarning("copies: %s", qPrintable(q.lastError().text()));
            return -1;
        }
        return q.value(0).toInt();
    }

    // The comment ids a client's feed delivers as upserts, from the start.
    static QStringList visibleComments(TestClient &c)
    {
        QString cursor;
        QStringList out;
        for (const QJsonValue &v : drainFeed(c, &cursor, 100)) {
            if (v[QStringLiteral("entity")].toString() == QStringLiteral("comment")
                && v[QStringLiteral("op")].toString() == QStringLiteral("upsert"))
                out << v[QStringLiteral("id")].toString();
        }
        return out;
    }

    // The feed reads a comment's visibility from copies of its ticket's group, requester and deleted
    // flag in the comment row (no join): every change of those keeps the copies equal, and the
    // feed shows the comments to exactly who may see them, also after a group move and a delete.
    // (The requester cannot be changed through the API; ServerTicketStore would rewrite the copies too.)
    void commentCopiesFollowTheTicket()
    {
        QCOMPARE(staleCommentCopies(), 0);
        auto r1 = signedInClient(m_server.baseUrl(), QStringLiteral("requester01"));
        auto r2 = signedInClient(m_server.baseUrl(), QStringLiteral("requester02"));
        QVERIFY(!r1->token().isEmpty() && !r2->token().isEmpty());
        const QString id
            = createTicketAs(*r1, QStringLiteral("Whose is it")).value(QStringLiteral("id")).toString();
        QVERIFY(!id.isEmpty());
        const QString path = QStringLiteral("/api/v1/tickets/") + id;
        const auto comment = [&](bool isPublic) {
            const HttpResult r = m_agent->post(path + QStringLiteral("/comments"),
                {{QStringLiteral("body"), QStringLiteral("x")}, {QStringLiteral("public"), isPublic}});
            return r.status == 201 ? r.json().value(QStringLiteral("id")).toString() : QString();
        };
        const QString reply = comment(true);
        const QString note = comment(false);
        QVERIFY(!reply.isEmpty() && !note.isEmpty());
        QCOMPARE(staleCommentCopies(), 0);
        QVERIFY(visibleComments(*r1).contains(reply));
        QVERIFY(!visibleComments(*r1).contains(note));
        QVERIFY(!visibleComments(*r2).contains(reply));
        QVERIFY(visibleComments(*m_agent).contains(note));

        // Another group, then deleted.
        QCOMPARE(
            m_agent->patch(path, {{QStringLiteral("group_id"), kGroupHr}}, {{"If-Match", etag(*m_agent, id)}})
                .status,
            200);
        QCOMPARE(staleCommentCopies(), 0);
        QSqlQuery q(database());
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM comments WHERE ticket_id = ? AND ticket_group = ?"));
        q.addBindValue(id);
        q.addBindValue(kGroupHr);
        QVERIFY(q.exec() && q.next());
        QCOMPARE(q.value(0).toInt(), 2);
        q.finish();
        QVERIFY(visibleComments(*m_admin).contains(note));
        QCOMPARE(m_admin->del(path).status, 204);
        QCOMPARE(staleCommentCopies(), 0);
        const QStringList after = visibleComments(*m_admin);
        QVERIFY(!after.contains(reply) && !after.contains(note));
    }

    // Tickets written before `tickets.history` existed (NULL) get their log from ticket_history,
    // also after new changes (NULL stays NULL instead of becoming a partial log).
    void legacyLogsAreReadFromTheTable()
    {
        QCOMPARE(m_server.stop(), 0);
        sql(QStringLiteral("UPDATE tickets SET history = NULL"));
        closeDatabase();
        startServer();
        const QString id = exerciseTicket(QStringLiteral("Legacy neighbour"));
        QVERIFY(!id.isEmpty());
        // Change an old (NULL-log) ticket too.
        const QHash<QString, QJsonObject> before = latestTickets(*m_admin);
        const QHash<QString, QJsonObject> agentSees = latestTickets(*m_agent);
        QString legacyId;
        for (auto it = before.cbegin(); it != before.cend(); ++it) {
            // One the agent may change (the demo's new tickets are in several groups).
            if (it.key() != id && it->value(QStringLiteral("status")).toString() == QStringLiteral("new")
                && agentSees.contains(it.key())) {
                legacyId = it.key();
                break;
            }
        }
        QVERIFY(!legacyId.isEmpty());
        int tailBefore = -1;
        storedLog(legacyId, nullptr, &tailBefore);
        QCOMPARE(m_agent
                     ->patch(QStringLiteral("/api/v1/tickets/") + legacyId,
                         {{QStringLiteral("status"), QStringLiteral("in_progress")}},
                         {{"If-Match", etag(*m_agent, legacyId)}})
                     .status,
            200);
        QVERIFY(compareAll(*m_admin) > 40);
        QSqlQuery q(database());
        q.prepare(QStringLiteral("SELECT history FROM tickets WHERE id = ?"));
        q.addBindValue(legacyId);
        QVERIFY(q.exec() && q.next());
        QVERIFY2(q.value(0).isNull(), "a NULL log must stay NULL (the feed reads the table for it)");
        q.finish();
        int tailAfter = -1;
        storedLog(legacyId, nullptr, &tailAfter);
        QCOMPARE(tailAfter, tailBefore); // nor does its tail grow
    }

    // A database from before `history_tail` (the whole log in `history`): triaged adds the column
    // at start, empty, and the logs stay whole through later writes and folds.
    void upgradeAddsTheTail()
    {
        QCOMPARE(m_server.stop(), 0);
        sql(QStringLiteral(
            "UPDATE tickets SET history = CASE WHEN history = '' THEN history_tail"
            " ELSE history || ',' || history_tail END WHERE history IS NOT NULL AND history_tail <> ''"));
        sql(QStringLiteral("ALTER TABLE tickets DROP COLUMN history_tail"));
        closeDatabase();
        startServer();
        QSqlQuery q(database());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM tickets WHERE history_tail <> ''")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        q.finish();
        QVERIFY(compareAll(*m_admin) > 40);
        const QString id = exerciseTicket(QStringLiteral("After the tail upgrade"));
        QVERIFY(!id.isEmpty());
        // By time, like compareAll: a stale write logs `priority_overridden` (at arrival) before the
        // `priority` event it explains.
        QCOMPARE(byTime(storedLog(id)), byTime(tableLog(id)));
        QVERIFY(compareAll(*m_admin) > 40);
    }

    // A database from before the column: triaged adds it at start, old logs come from the table.
    void upgradeAddsTheColumn()
    {
        QCOMPARE(m_server.stop(), 0);
        sql(QStringLiteral("ALTER TABLE tickets DROP COLUMN history"));
        sql(QStringLiteral("ALTER TABLE tickets DROP COLUMN history_tail"));
        // …and from before the comments' copies of their ticket's visibility.
        sql(QStringLiteral("ALTER TABLE comments DROP COLUMN ticket_group"));
        sql(QStringLiteral("ALTER TABLE comments DROP COLUMN ticket_requester"));
        sql(QStringLiteral("ALTER TABLE comments DROP COLUMN ticket_deleted"));
        closeDatabase();
        startServer();
        QCOMPARE(staleCommentCopies(), 0); // filled from the tickets at start
        QSqlQuery q(database());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM comments WHERE ticket_group <> ''")));
        QVERIFY(q.next());
        QVERIFY(q.value(0).toInt() > 0);
        q.finish();
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM tickets WHERE history IS NOT NULL")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        q.finish(); // SQLite: an open statement would pin this connection's snapshot
        const QString id = exerciseTicket(QStringLiteral("After the upgrade"));
        QVERIFY(!id.isEmpty());
        QVERIFY(compareAll(*m_admin) > 40);
        q.prepare(QStringLiteral("SELECT history FROM tickets WHERE id = ?"));
        q.addBindValue(id);
        QVERIFY(q.exec() && q.next());
        QVERIFY2(!q.value(0).isNull(), "a ticket created after the upgrade keeps its log in the column");
    }
};

QTEST_GUILESS_MAIN(TestServerFeedHistory)
#include "tst_server_feed_history.moc"
