// The console cache's SLA: event logs arrive with ticket upserts, the cache derives an SLA
// snapshot from them with the synced calendars and policies, and that snapshot agrees with the
// `sla` object a real triaged computes for the same ticket — before and after local edits, a
// pending reply and a calendar change.
#include "../integration/ServerTestBase.h"
#include "SyncTestClient.h"
#include "domain/Time.h"
#include "sla/TicketSlaState.h"
#include "store/CacheDatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace triage;
using namespace triage::test;

namespace {

const QString kCalendar = QStringLiteral(R"({"timezone": "Europe/Moscow", "weekly": {
    "mon": [["09:00", "18:00"]], "tue": [["09:00", "18:00"]], "wed": [["09:00", "18:00"]],
    "thu": [["09:00", "18:00"]], "fri": [["09:00", "13:00"], ["14:00", "18:00"]]},
    "holidays": ["2026-12-31", "2027-01-01"]})");

// What the server's `sla` object says, in SlaSnapshot terms (TicketSlaState::snapshotOf).
SlaSnapshot fromServer(const QJsonObject &sla)
{
    SlaSnapshot s;
    for (const SlaMetric m : kSlaMetrics) {
        const QJsonObject o = sla.value(toWire(m)).toObject();
        if (o.isEmpty())
            continue;
        const QString state = o.value(QStringLiteral("state")).toString();
        if (state == u"running") {
            const qint64 due
                = parseIsoUtc(o.value(QStringLiteral("due")).toString()).value_or(SlaSnapshot::kNone);
            if (due < s.due) {
                s.due = due;
                s.metric = m;
                s.paused = false;
            }
        } else if (state == u"paused" && s.due == SlaSnapshot::kNone) {
            const auto remaining = qint64(o.value(QStringLiteral("remaining_minutes")).toDouble() * 60000.0);
            if (!s.paused || remaining < s.remainingMs) {
                s.paused = true;
                s.metric = m;
                s.remainingMs = remaining;
            }
        }
    }
    return s;
}

} // namespace

class TestSlaCache : public QObject
{
    Q_OBJECT

    TriagedProcess m_server;
    std::unique_ptr<TestClient> m_admin;

    // Every cached ticket's snapshot equals the server's; returns how many were compared.
    int compareAll(SyncClient &c)
    {
        int compared = 0;
        bool ok = true;
        c.store->tickets().forEachTicket([&](Ticket &&t) {
            if (!ok)
                return;
            const HttpResult r = m_admin->get(QStringLiteral("/api/v1/tickets/") + t.id);
            if (r.status != 200) {
                ok = false;
                qWarning("GET %s: %d", qPrintable(t.id), r.status);
                return;
            }
            const SlaSnapshot server = fromServer(r.json().value(QStringLiteral("sla")).toObject());
            const bool same = server.due == t.sla.due && server.paused == t.sla.paused
                && server.metric == t.sla.metric && std::abs(server.remainingMs - t.sla.remainingMs) <= 600;
            if (!same) {
                ok = false;
                qWarning(
                    "ticket #%lld %s: cache due=%lld paused=%d metric=%d remaining=%lld; server due=%lld "
                    "paused=%d metric=%d remaining=%lld; sla=%s",
                    t.number.value_or(0), qPrintable(t.id), t.sla.due, t.sla.paused, int(t.sla.metric),
                    t.sla.remainingMs, server.due, server.paused, int(server.metric), server.remainingMs,
                    QJsonDocument(r.json().value(QStringLiteral("sla")).toObject()).toJson().constData());
            }
            ++compared;
        });
        return ok ? compared : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        TRIAGE_START_SERVER(m_server, TriagedProcess::Options {});
        m_admin = signedInClient(m_server.baseUrl(), QStringLiteral("admin"));
        QVERIFY(!m_admin->token().isEmpty());
    }

    void feedCarriesHistoryForStaffOnly()
    {
        QString cursor;
        const QJsonArray staff = drainFeed(*m_admin, &cursor);
        int tickets = 0;
        for (const QJsonValue &v : staff) {
            const QJsonObject c = v.toObject();
            if (c.value(QStringLiteral("entity")).toString() != u"ticket"
                || c.value(QStringLiteral("op")).toString() != u"upsert")
                continue;
            ++tickets;
            const QJsonArray history
                = c.value(QStringLiteral("data")).toObject().value(QStringLiteral("history")).toArray();
            QVERIFY2(!history.isEmpty(), qPrintable(c.value(QStringLiteral("id")).toString()));
            QString why;
            const auto events = TicketEvent::listFromJson(history, &why);
            QVERIFY2(events, qPrintable(why));
            QCOMPARE(events->first().field, QStringLiteral("created"));
            QVERIFY(std::is_sorted(events->begin(), events->end(),
                [](const TicketEvent &a, const TicketEvent &b) { return a.at < b.at; }));
        }
        QVERIFY(tickets >= 50);

        // A requester gets their tickets without the log (it holds internal-note events).
        // A security check never skips: no requester sign-in is a failure, and so is a requester
        // who sees nothing (the check would then hold vacuously).
        auto requester = signedInClient(m_server.baseUrl(), QStringLiteral("requester01"));
        QVERIFY2(!requester->token().isEmpty(), "requester01 (demo data) could not sign in");
        cursor.clear();
        int own = 0;
        for (const QJsonValue &v : drainFeed(*requester, &cursor)) {
            const QJsonObject c = v.toObject();
            if (c.value(QStringLiteral("entity")).toString() == u"ticket"
                && c.value(QStringLiteral("op")).toString() == u"upsert") {
                ++own;
                QVERIFY(!c.value(QStringLiteral("data")).toObject().contains(QStringLiteral("history")));
            }
        }
        QVERIFY2(own > 0, "requester01 sees no ticket of their own: the log check checked nothing");
        qInfo("requester01 sees %d tickets", own);
    }

    void cacheAgreesWithServer()
    {
        SyncClient c;
        QVERIFY(c.open(m_server.baseUrl(), m_server.baseUrl(), QStringLiteral("admin")));
        QVERIFY(c.sync());
        const int compared = compareAll(c);
        QVERIFY2(compared >= 50, "the cache's SLA snapshots differ from the server's (see warnings)");

        // Logs are stored: an open ticket has its created event and what followed.
        int withLog = 0;
        c.store->tickets().forEachTicket([&](Ticket &&t) {
            const QList<TicketEvent> log = c.store->eventLogs().history(t.id);
            if (!log.isEmpty() && log.first().field == u"created")
                ++withLog;
        });
        QCOMPARE(withLog, compared);
    }

    void localEditsMoveTimersAndConverge()
    {
        SyncClient c;
        QVERIFY(c.open(m_server.baseUrl(), m_server.baseUrl(), QStringLiteral("admin")));
        QVERIFY(c.sync());
        // A new ticket, answered nowhere yet: first response and resolution run.
        Ticket draft;
        draft.title = QStringLiteral("Printer on floor 3 jams");
        draft.groupId = kGroupIt;
        draft.priority = Priority::High;
        const auto created = c.editor->createTicket(draft);
        QVERIFY(created);
        auto t = c.store->tickets().ticket(created->id);
        QVERIFY(t && t->sla.due != SlaSnapshot::kNone);
        QCOMPARE(t->sla.metric, SlaMetric::FirstResponse);
        QVERIFY(c.sync());

        // Offline: waiting pauses every timer at once, before any sync.
        QVERIFY(c.editor->updateFields(created->id, {{TicketField::Status, QStringLiteral("waiting")}}));
        t = c.store->tickets().ticket(created->id);
        QVERIFY(t->sla.paused);
        QCOMPARE(t->sla.due, SlaSnapshot::kNone);
        QVERIFY(c.sync());
        QVERIFY(compareAll(c) > 0);

        // Back to work and a pending public reply: first response is met locally, resolution runs.
        QVERIFY(c.editor->updateFields(created->id, {{TicketField::Status, QStringLiteral("in_progress")}}));
        QVERIFY(c.editor->addComment(created->id, QStringLiteral("We are on it."), true));
        t = c.store->tickets().ticket(created->id);
        QVERIFY(!t->sla.paused);
        QCOMPARE(t->sla.metric, SlaMetric::Resolution);
        QVERIFY(c.sync());
        QVERIFY(compareAll(c) > 0);
    }

    // Stored policies chosen by priority, type and group reach the cache and pick the same policy
    // per ticket as the server (SlaPolicySet on both sides).
    void policySelectionAgrees()
    {
        SyncClient c;
        QVERIFY(c.open(m_server.baseUrl(), m_server.baseUrl(), QStringLiteral("admin")));
        QVERIFY(c.sync());
        const auto put = [this](const QByteArray &body) {
            const HttpResult r = m_admin->send("PUT", QStringLiteral("/api/v1/sla-policies/") + newUuid(),
                body, {{"Content-Type", "application/json"}});
            if (r.status != 200)
                qWarning("PUT policy: %d %s", r.status, r.body.constData());
            return r.status;
        };
        QCOMPARE(
            put(R"({"name": "Everything", "policy": {"targets": {"first_response": 600, "resolution": 3000},
            "warn_at_percent": [50]}})"),
            200);
        QCOMPARE(put(R"({"name": "IT high", "applies_to": {"priorities": ["high", "critical"], "groups": [")"
                     + kGroupIt.toUtf8()
                     + R"("]}, "policy": {"targets": {"first_response": 15, "resolution": 120}}})"),
            200);
        QVERIFY(c.sync());
        QVERIFY(compareAll(c) >= 50);
        // A high IT ticket created now is due for its first answer in 15 minutes.
        Ticket draft;
        draft.title = QStringLiteral("VPN down for the whole floor");
        draft.groupId = kGroupIt;
        draft.priority = Priority::High;
        const auto created = c.editor->createTicket(draft);
        QVERIFY(created);
        const auto t = c.store->tickets().ticket(created->id);
        QCOMPARE(t->sla.metric, SlaMetric::FirstResponse);
        QCOMPARE(t->sla.due - t->createdAt, 15 * 60000LL);
        QVERIFY(c.sync());
        QVERIFY(compareAll(c) >= 50);
    }

    void calendarChangeRecomputes()
    {
        SyncClient c;
        QVERIFY(c.open(m_server.baseUrl(), m_server.baseUrl(), QStringLiteral("admin")));
        QVERIFY(c.sync());
        QHash<QString, qint64> before;
        c.store->tickets().forEachTicket([&](Ticket &&t) { before.insert(t.id, t.sla.due); });

        const QString calendarId = newUuid();
        const HttpResult put = m_admin->send("PUT", QStringLiteral("/api/v1/calendars/") + calendarId,
            QByteArray(R"({"name": "Office", "calendar": )") + kCalendar.toUtf8() + '}',
            {{"Content-Type", "application/json"}});
        QCOMPARE(put.status, 200);
        // The IT group works office hours from now on.
        QJsonObject it;
        for (const QJsonValue &g :
            m_admin->get(QStringLiteral("/api/v1/groups")).json().value(QStringLiteral("groups")).toArray()) {
            if (g.toObject().value(QStringLiteral("id")) == kGroupIt)
                it = g.toObject();
        }
        QVERIFY(!it.isEmpty());
        it.insert(QStringLiteral("calendar_id"), calendarId);
        const HttpResult group = m_admin->send("PUT", QStringLiteral("/api/v1/groups/") + kGroupIt,
            QJsonDocument(it).toJson(QJsonDocument::Compact), {{"Content-Type", "application/json"}});
        QVERIFY2(group.status == 200, group.body.constData());
        QVERIFY(c.sync());
        int moved = 0;
        c.store->tickets().forEachTicket([&](Ticket &&t) {
            if (t.sla.due != SlaSnapshot::kNone && before.value(t.id) != t.sla.due)
                ++moved;
        });
        QVERIFY2(moved > 0, "no running timer moved with the business calendar");
        QVERIFY(compareAll(c) > 0);
    }
};

QTEST_GUILESS_MAIN(TestSlaCache)
#include "tst_sla_cache.moc"
