// SLA escalations and breach records driven by triaged's scheduler (docs/sla.md "Breaches and
// escalations"), against real triaged processes. A test policy with a 3-second resolution target
// (targets are business minutes, fractions allowed) notifies the group lead at 50 % and raises the
// priority and reassigns at 100 %, so nothing needs a clock override: the levels must fire at
// their instants (not on a polling period), exactly once, as real ticket changes every client
// sees in the change feed. The PostgreSQL case runs two instances on one database: both schedule
// the same levels, and each still happens once. "Nothing more happens later" is checked by moving
// the servers' clocks an hour ahead (`--test-clock`), never by sleeping.
#include "ServerTestBase.h"
#include "sla/BusinessCalendar.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUrl>

using namespace triage;
using namespace triage::test;

namespace {

const QString kSystemUser = QStringLiteral("00000000-0000-7000-8000-0000000005a1");
constexpr double kTargetMinutes = 0.05; // 3 s
constexpr qint64 kHourMs = 3'600'000;

qint64 instant(const QJsonValue &v)
{
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

QJsonObject escalationPolicy()
{
    return QJsonObject {
        {QStringLiteral("targets"), QJsonObject {{QStringLiteral("resolution"), kTargetMinutes}}},
        {QStringLiteral("escalations"),
            QJsonArray {QJsonObject {{QStringLiteral("percent"), 50},
                            {QStringLiteral("action"), QStringLiteral("notify_lead")}},
                QJsonObject {{QStringLiteral("percent"), 100},
                    {QStringLiteral("action"), QStringLiteral("raise_priority")}},
                QJsonObject {{QStringLiteral("percent"), 100},
                    {QStringLiteral("action"), QStringLiteral("reassign")}}}}};
}

// Only IT problems get the fast policy: the demo's other tickets keep the built-in default.
bool putPolicy(TestClient &admin)
{
    const HttpResult r = admin.send("PUT", QStringLiteral("/api/v1/sla-policies/") + newUuid(),
        toJson({{QStringLiteral("name"), QStringLiteral("Escalation test")},
            {QStringLiteral("policy"), escalationPolicy()},
            {QStringLiteral("applies_to"),
                QJsonObject {{QStringLiteral("groups"), QJsonArray {kGroupIt}},
                    {QStringLiteral("types"), QJsonArray {QStringLiteral("problem")}}}}}));
    if (r.status != 200)
        qWarning("PUT policy: %d %s", r.status, r.body.constData());
    return r.status == 200;
}

QJsonObject createProblem(TestClient &c, const QString &title)
{
    const HttpResult r = c.post(QStringLiteral("/api/v1/tickets"),
        {{QStringLiteral("title"), title}, {QStringLiteral("group_id"), kGroupIt},
            {QStringLiteral("type"), QStringLiteral("problem")},
            {QStringLiteral("priority"), QStringLiteral("normal")}});
    if (r.status != 201)
        qWarning("create: %d %s", r.status, r.body.constData());
    return r.json();
}

QString leadOfIt(TestClient &admin)
{
    for (const QJsonValue &g :
        admin.get(QStringLiteral("/api/v1/groups")).json().value(QStringLiteral("groups")).toArray()) {
        if (g.toObject().value(QStringLiteral("id")).toString() == kGroupIt)
            return g.toObject().value(QStringLiteral("lead_id")).toString();
    }
    return {};
}

QJsonArray escalationsOf(TestClient &c, const QString &id)
{
    return c.get(QStringLiteral("/api/v1/tickets/") + id + QStringLiteral("/escalations"))
        .json()
        .value(QStringLiteral("escalations"))
        .toArray();
}

QList<QJsonObject> notesBySystem(TestClient &c, const QString &id)
{
    QList<QJsonObject> out;
    for (const QJsonValue &v : c.get(QStringLiteral("/api/v1/tickets/") + id + QStringLiteral("/comments"))
                                   .json()
                                   .value(QStringLiteral("comments"))
                                   .toArray()) {
        if (v.toObject().value(QStringLiteral("author_id")).toString() == kSystemUser)
            out << v.toObject();
    }
    return out;
}

// The end state after the three levels fired once each.
void verifyEscalatedOnce(TestClient &admin, const QString &id, qint64 createdAt, const QString &lead)
{
    const QJsonArray levels = escalationsOf(admin, id);
    QCOMPARE(levels.size(), 3);
    const QJsonObject notify = levels.at(0).toObject();
    QCOMPARE(notify.value(QStringLiteral("action")).toString(), QStringLiteral("notify_lead"));
    QCOMPARE(notify.value(QStringLiteral("percent")).toDouble(), 50.0);
    QCOMPARE(notify.value(QStringLiteral("metric")).toString(), QStringLiteral("resolution"));
    QCOMPARE(instant(notify.value(QStringLiteral("reached_at"))), createdAt + 1500);
    QStringList actions;
    for (const QJsonValue &v : levels) {
        const QJsonObject o = v.toObject();
        actions << o.value(QStringLiteral("action")).toString();
        const qint64 reached = instant(o.value(QStringLiteral("reached_at")));
        const qint64 executed = instant(o.value(QStringLiteral("executed_at")));
        QVERIFY2(executed >= reached, qPrintable(o.value(QStringLiteral("executed_at")).toString()));
        // Woken for the instant itself (the machine may be loaded), not by a polling period.
        QVERIFY2(executed - reached < 2000, qPrintable(QString::number(executed - reached)));
        if (o.value(QStringLiteral("percent")).toDouble() == 100.0)
            QCOMPARE(reached, createdAt + 3000);
    }
    actions.sort();
    QCOMPARE(actions,
        (QStringList {
            QStringLiteral("notify_lead"), QStringLiteral("raise_priority"), QStringLiteral("reassign")}));

    const QJsonObject t = admin.get(QStringLiteral("/api/v1/tickets/") + id).json();
    QCOMPARE(t.value(QStringLiteral("priority")).toString(), QStringLiteral("high")); // raised once
    QCOMPARE(t.value(QStringLiteral("assignee_id")).toString(), lead); // not on to the on-duty agent
    QCOMPARE(t.value(QStringLiteral("version")).toInteger(), 4); // created, note, priority, assignee
    const QList<QJsonObject> notes = notesBySystem(admin, id);
    QCOMPARE(notes.size(), 1);
    QVERIFY(!notes.first().value(QStringLiteral("public")).toBool());
    QVERIFY2(notes.first().value(QStringLiteral("body")).toString().contains(QStringLiteral("@lead")),
        qPrintable(notes.first().value(QStringLiteral("body")).toString()));
    const QJsonArray breaches
        = admin.get(QStringLiteral("/api/v1/tickets/") + id + QStringLiteral("/breaches"))
              .json()
              .value(QStringLiteral("breaches"))
              .toArray();
    QCOMPARE(breaches.size(), 1);
    QCOMPARE(instant(breaches.at(0).toObject().value(QStringLiteral("breached_at"))), createdAt + 3000);
}

} // namespace

class TestServerSlaEscalation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void escalationsFireOnceAsTicketChanges()
    {
        TriagedProcess server;
        TriagedProcess::Options options;
        options.testClock = true;
        TRIAGE_START_SERVER(server, options);
        auto admin = signedInClient(server.baseUrl(), QStringLiteral("admin"));
        QVERIFY(putPolicy(*admin));
        const QString lead = leadOfIt(*admin);
        QVERIFY(!lead.isEmpty());
        const QString head0
            = admin->get(QStringLiteral("/api/v1/health")).json().value(QStringLiteral("head")).toString();

        const QJsonObject created = createProblem(*admin, QStringLiteral("Mail queue stuck"));
        const QString id = created.value(QStringLiteral("id")).toString();
        QVERIFY(!id.isEmpty());
        const qint64 createdAt = instant(created.value(QStringLiteral("created_at")));
        // An IT incident (not a problem) keeps the built-in default: nothing fires for it.
        const QString other
            = createTicketAs(*admin, QStringLiteral("Not a problem")).value(QStringLiteral("id")).toString();

        QTRY_COMPARE_WITH_TIMEOUT(escalationsOf(*admin, id).size(), 3, 15000);
        verifyEscalatedOnce(*admin, id, createdAt, lead);
        // Nothing fires again once the ticket changed (its new priority and assignee are changes):
        // an hour later, still once.
        QVERIFY(advanceClock(*admin, kHourMs) >= createdAt + kHourMs);
        verifyEscalatedOnce(*admin, id, createdAt, lead);
        QCOMPARE(escalationsOf(*admin, other).size(), 0);

        // Every client sees the actions in the change feed: the note and the changed ticket.
        const QJsonArray changes = admin->get(QStringLiteral("/api/v1/changes?cursor=") + head0)
                                       .json()
                                       .value(QStringLiteral("changes"))
                                       .toArray();
        bool sawNote = false, sawTicket = false;
        for (const QJsonValue &v : changes) {
            const QJsonObject c = v.toObject();
            const QJsonObject data = c.value(QStringLiteral("data")).toObject();
            if (c.value(QStringLiteral("entity")) == QStringLiteral("comment")
                && data.value(QStringLiteral("ticket_id")).toString() == id)
                sawNote = data.value(QStringLiteral("author_id")).toString() == kSystemUser;
            if (c.value(QStringLiteral("entity")) == QStringLiteral("ticket")
                && c.value(QStringLiteral("id")).toString() == id)
                sawTicket = data.value(QStringLiteral("priority")).toString() == QStringLiteral("high")
                    && data.value(QStringLiteral("assignee_id")).toString() == lead;
        }
        QVERIFY(sawNote);
        QVERIFY(sawTicket);
        // The system user is in the directory (clients show its name) and cannot sign in.
        const QJsonObject sys = admin->get(QStringLiteral("/api/v1/users/") + kSystemUser).json();
        QCOMPARE(sys.value(QStringLiteral("username")).toString(), QStringLiteral("triage-sla"));
        QVERIFY(sys.value(QStringLiteral("disabled")).toBool());

        // Requesters cannot read escalations (internal): the route answers 404 like for a stranger.
        auto requester = signedInClient(server.baseUrl(), QStringLiteral("requester01"));
        QCOMPARE(
            requester->get(QStringLiteral("/api/v1/tickets/") + id + QStringLiteral("/escalations")).status,
            404);
        QCOMPARE(server.stop(), 0);
    }

    // A ticket resolved before its levels are reached is never escalated; one paused is not
    // escalated while paused.
    void resolvedOrPausedTicketsAreNotEscalated()
    {
        TriagedProcess server;
        TriagedProcess::Options options;
        options.testClock = true;
        TRIAGE_START_SERVER(server, options);
        auto admin = signedInClient(server.baseUrl(), QStringLiteral("admin"));
        QVERIFY(putPolicy(*admin));
        const QString resolved
            = createProblem(*admin, QStringLiteral("Fixed at once")).value(QStringLiteral("id")).toString();
        const QString waiting = createProblem(*admin, QStringLiteral("Waiting for the user"))
                                    .value(QStringLiteral("id"))
                                    .toString();
        const QString lead = leadOfIt(*admin);
        for (const auto &[id, status] : {std::pair {resolved, QStringLiteral("resolved")},
                 std::pair {waiting, QStringLiteral("waiting")}}) {
            const HttpResult cur = admin->get(QStringLiteral("/api/v1/tickets/") + id);
            const HttpResult r = admin->patch(QStringLiteral("/api/v1/tickets/") + id,
                {{QStringLiteral("status"), status}, {QStringLiteral("assignee_id"), lead}},
                {{"If-Match", cur.header("etag")}});
            QVERIFY2(r.status == 200, r.body.constData());
        }
        // An hour later (the levels were due after 1.5 and 3 s): still nothing.
        QVERIFY(advanceClock(*admin, kHourMs) > 0);
        QCOMPARE(escalationsOf(*admin, resolved).size(), 0);
        QCOMPARE(escalationsOf(*admin, waiting).size(), 0);
        QCOMPARE(notesBySystem(*admin, waiting).size(), 0);
        QCOMPARE(server.stop(), 0);
    }

    // `triaged serve --demo` seeds business calendars and policies (TRIAGE_DEMO_SLA, on by default;
    // TriagedProcess turns it off for the other tests): the console gets realistic countdowns.
    void demoSeedsCalendarsAndPolicies()
    {
        TriagedProcess server;
        TriagedProcess::Options options;
        options.env.insert(QStringLiteral("TRIAGE_DEMO_SLA"), QStringLiteral("1"));
        TRIAGE_START_SERVER(server, options);
        auto admin = signedInClient(server.baseUrl(), QStringLiteral("admin"));
        const QJsonArray calendars = admin->get(QStringLiteral("/api/v1/calendars"))
                                         .json()
                                         .value(QStringLiteral("calendars"))
                                         .toArray();
        QCOMPARE(calendars.size(), 2);
        QHash<QString, BusinessCalendar> byId;
        QString officeId, allDayId;
        for (const QJsonValue &v : calendars) {
            const QJsonObject doc = v.toObject();
            QString why;
            const auto cal = BusinessCalendar::fromJson(doc.value(QStringLiteral("calendar")), &why);
            QVERIFY2(cal, qPrintable(why));
            byId.insert(doc.value(QStringLiteral("id")).toString(), *cal);
            const QJsonObject c = doc.value(QStringLiteral("calendar")).toObject();
            QCOMPARE(c.value(QStringLiteral("timezone")).toString(), QStringLiteral("Europe/Moscow"));
            if (cal->is24x7()) {
                allDayId = doc.value(QStringLiteral("id")).toString();
            } else {
                officeId = doc.value(QStringLiteral("id")).toString();
                const QJsonArray holidays = c.value(QStringLiteral("holidays")).toArray();
                for (const char *day : {"2026-01-01", "2026-01-08", "2026-01-09", "2026-02-23", "2026-03-09",
                         "2026-05-11", "2026-06-12", "2026-11-04", "2026-12-31"})
                    QVERIFY2(holidays.contains(QString::fromLatin1(day)), day);
                // 09:00 Moscow on the first working day of 2026 is business time; the holidays are not.
                QVERIFY(cal->isBusinessTime(
                    QDateTime::fromString(QStringLiteral("2026-01-12T06:30:00Z"), Qt::ISODate)
                        .toMSecsSinceEpoch()));
                QVERIFY(!cal->isBusinessTime(
                    QDateTime::fromString(QStringLiteral("2026-01-09T06:30:00Z"), Qt::ISODate)
                        .toMSecsSinceEpoch()));
            }
        }
        QVERIFY(!officeId.isEmpty() && !allDayId.isEmpty());
        for (const QJsonValue &g :
            admin->get(QStringLiteral("/api/v1/groups")).json().value(QStringLiteral("groups")).toArray()) {
            const QJsonObject o = g.toObject();
            QCOMPARE(o.value(QStringLiteral("calendar_id")).toString(),
                o.value(QStringLiteral("id")).toString() == kGroupIt ? allDayId : officeId);
        }
        QString standard, critical;
        const QJsonArray policies = admin->get(QStringLiteral("/api/v1/sla-policies"))
                                        .json()
                                        .value(QStringLiteral("sla_policies"))
                                        .toArray();
        QCOMPARE(policies.size(), 3);
        for (const QJsonValue &v : policies) {
            const QJsonObject p = v.toObject().value(QStringLiteral("policy")).toObject();
            QVERIFY(!p.value(QStringLiteral("escalations")).toArray().isEmpty());
            QVERIFY(!p.value(QStringLiteral("warn_at_percent")).toArray().isEmpty());
            const QJsonObject applies = v.toObject().value(QStringLiteral("applies_to")).toObject();
            if (applies.isEmpty())
                standard = v.toObject().value(QStringLiteral("id")).toString();
            else if (applies.contains(QStringLiteral("priorities")))
                critical = v.toObject().value(QStringLiteral("id")).toString();
        }
        QVERIFY(!standard.isEmpty() && !critical.isEmpty());

        // An HR request runs on office hours with the standard policy: due = 1440 business minutes on.
        HttpResult r = admin->post(QStringLiteral("/api/v1/tickets"),
            {{QStringLiteral("title"), QStringLiteral("New laptop")}, {QStringLiteral("group_id"), kGroupHr},
                {QStringLiteral("type"), QStringLiteral("request")}});
        QCOMPARE(r.status, 201);
        const qint64 createdAt = instant(r.json().value(QStringLiteral("created_at")));
        QJsonObject sla
            = admin->get(QStringLiteral("/api/v1/tickets/") + r.json().value(QStringLiteral("id")).toString())
                  .json()
                  .value(QStringLiteral("sla"))
                  .toObject();
        QCOMPARE(sla.value(QStringLiteral("policy_id")).toString(), standard);
        const QJsonObject resolution = sla.value(QStringLiteral("resolution")).toObject();
        QCOMPARE(resolution.value(QStringLiteral("target_minutes")).toDouble(), 1440.0);
        QCOMPARE(instant(resolution.value(QStringLiteral("due"))),
            *byId.value(officeId).addBusinessMinutes(createdAt, 1440));

        // A critical IT incident: the critical-incident policy beats IT's group policy; 24×7.
        r = admin->post(QStringLiteral("/api/v1/tickets"),
            {{QStringLiteral("title"), QStringLiteral("Core switch down")},
                {QStringLiteral("group_id"), kGroupIt},
                {QStringLiteral("priority"), QStringLiteral("critical")}});
        QCOMPARE(r.status, 201);
        sla = admin->get(QStringLiteral("/api/v1/tickets/") + r.json().value(QStringLiteral("id")).toString())
                  .json()
                  .value(QStringLiteral("sla"))
                  .toObject();
        QCOMPARE(sla.value(QStringLiteral("policy_id")).toString(), critical);
        QCOMPARE(sla.value(QStringLiteral("first_response"))
                     .toObject()
                     .value(QStringLiteral("target_minutes"))
                     .toDouble(),
            15.0);
        QVERIFY(sla.value(QStringLiteral("first_response"))
                    .toObject()
                    .value(QStringLiteral("within_calendar"))
                    .toBool());

        // The demo's open tickets have countdowns (a due instant) to show.
        int withDue = 0;
        for (const QJsonValue &t : admin->get(QStringLiteral("/api/v1/tickets?limit=100"))
                                       .json()
                                       .value(QStringLiteral("tickets"))
                                       .toArray()) {
            if (!t.toObject()
                     .value(QStringLiteral("sla"))
                     .toObject()
                     .value(QStringLiteral("resolution"))
                     .toObject()
                     .value(QStringLiteral("due"))
                     .isNull())
                ++withDue;
        }
        QVERIFY2(withDue >= 5, qPrintable(QString::number(withDue)));
        QCOMPARE(server.stop(), 0);
    }

    void twoInstancesOnOnePostgres()
    {
        QString url;
        TRIAGE_REQUIRE_PG_DATABASE(url);
        TriagedProcess a, b;
        TriagedProcess::Options oa;
        oa.databaseUrl = url;
        oa.testClock = true;
        QVERIFY2(a.start(oa), qPrintable(a.error()));
        TriagedProcess::Options ob;
        ob.databaseUrl = url;
        ob.demo = false;
        ob.testClock = true;
        QVERIFY2(b.start(ob), qPrintable(b.error()));
        auto ca = signedInClient(a.baseUrl(), QStringLiteral("admin"));
        auto cb = signedInClient(b.baseUrl(), QStringLiteral("admin"));
        QVERIFY(putPolicy(*ca));
        const QString lead = leadOfIt(*ca);
        QList<QPair<QString, qint64>> tickets;
        for (int i = 0; i < 6; ++i) {
            const QJsonObject t
                = createProblem(i % 2 ? *cb : *ca, QStringLiteral("Cluster escalation %1").arg(i));
            tickets << qMakePair(
                t.value(QStringLiteral("id")).toString(), instant(t.value(QStringLiteral("created_at"))));
            QVERIFY(!tickets.last().first.isEmpty());
        }
        for (const auto &[id, createdAt] : std::as_const(tickets)) {
            QTRY_COMPARE_WITH_TIMEOUT(escalationsOf(*ca, id).size(), 3, 20000);
        }
        // A late duplicate from either instance would show up within the next hour.
        QVERIFY(advanceClock(*ca, kHourMs) > 0);
        QVERIFY(advanceClock(*cb, kHourMs) > 0);
        for (const auto &[id, createdAt] : std::as_const(tickets)) {
            verifyEscalatedOnce(*ca, id, createdAt, lead);
            if (QTest::currentTestFailed())
                return;
        }
        // The history rows of the actions exist once each.
        const QUrl pg(url);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("check"));
        db.setHostName(pg.host());
        db.setPort(pg.port(5432));
        db.setUserName(pg.userName());
        db.setPassword(pg.password());
        db.setDatabaseName(pg.path().mid(1));
        QVERIFY2(db.open(), "open PostgreSQL");
        {
            QSqlQuery q(db);
            QVERIFY(q.exec(
                QStringLiteral("SELECT ticket_id, field, COUNT(*) FROM ticket_history WHERE user_id = '")
                + kSystemUser + QStringLiteral("' GROUP BY ticket_id, field")));
            int rows = 0;
            while (q.next()) {
                ++rows;
                QVERIFY2(q.value(2).toInt() == 1,
                    qPrintable(
                        q.value(0).toString() + u' ' + q.value(1).toString() + u' ' + q.value(2).toString()));
            }
            QVERIFY2(rows >= tickets.size() * 2,
                qPrintable(QString::number(rows))); // priority and assignee at least
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
        QCOMPARE(b.stop(), 0);
        QCOMPARE(a.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestServerSlaEscalation)
#include "tst_server_sla_escalation.moc"
