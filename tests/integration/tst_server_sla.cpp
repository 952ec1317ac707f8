// The `sla` object of GET /api/v1/tickets/{id} and the list against a real triaged: the REST values
// equal SlaEngine::evaluate computed here from the same events (timestamps read back from the API)
// and policy; a stored business calendar moves `due`; a ticket past its due reads as breached.
// `sla_at` evaluates at an explicit instant, so nothing sleeps.
#include "ServerTestBase.h"
#include "api/TicketSla.h"
#include "domain/Time.h"
#include "sla/SlaEngine.h"

#include <QDateTime>

#include <cmath>

using namespace triage;
using namespace triage::test;

namespace {

qint64 instant(const QJsonValue &v)
{
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

QString atParam(qint64 ms)
{
    return QStringLiteral("?sla_at=") + isoUtc(ms);
}

const QJsonObject kOfficeCalendar {{QStringLiteral("timezone"), QStringLiteral("Europe/Moscow")},
    {QStringLiteral("weekly"),
        QJsonObject {{QStringLiteral("mon"),
                         QJsonArray {QJsonArray {QStringLiteral("09:00"), QStringLiteral("18:00")}}},
            {QStringLiteral("tue"),
                QJsonArray {QJsonArray {QStringLiteral("09:00"), QStringLiteral("18:00")}}},
            {QStringLiteral("wed"),
                QJsonArray {QJsonArray {QStringLiteral("09:00"), QStringLiteral("18:00")}}},
            {QStringLiteral("thu"),
                QJsonArray {QJsonArray {QStringLiteral("09:00"), QStringLiteral("18:00")}}},
            {QStringLiteral("fri"),
                QJsonArray {QJsonArray {QStringLiteral("09:00"), QStringLiteral("18:00")}}}}}};

} // namespace

class TestServerSla : public QObject
{
    Q_OBJECT

private:
    TriagedProcess m_server;
    std::unique_ptr<TestClient> m_agent;
    std::unique_ptr<TestClient> m_admin;
    QString m_ticketId;
    std::vector<SlaEvent> m_events;
    QString m_calendarId;

    std::unique_ptr<TestClient> client(const QString &user)
    {
        auto c = std::make_unique<TestClient>(m_server.baseUrl());
        if (!c->login(user))
            qWarning("login failed for %s", qPrintable(user));
        return c;
    }

    QJsonObject setStatus(const QString &status)
    {
        const HttpResult cur = m_agent->get(QStringLiteral("/api/v1/tickets/") + m_ticketId);
        const HttpResult r = m_agent->patch(QStringLiteral("/api/v1/tickets/") + m_ticketId,
            {{QStringLiteral("status"), status}}, {{"If-Match", cur.header("etag")}});
        if (r.status != 200)
            qWarning("patch failed: %d %s", r.status, r.body.constData());
        return r.json();
    }

    // Compares every metric of the REST `sla` with the engine's latest cycle.
    static void compare(const QJsonObject &sla, const std::vector<SlaTimer> &timers)
    {
        for (const SlaMetric m : kSlaMetrics) {
            const SlaTimer *cur = nullptr;
            for (const SlaTimer &t : timers) {
                if (t.metric == m)
                    cur = &t;
            }
            const QJsonValue got = sla.value(toWire(m));
            if (!cur) {
                QVERIFY2(got.isNull(), qPrintable(toWire(m)));
                continue;
            }
            const QJsonObject o = got.toObject();
            QCOMPARE(o.value(QStringLiteral("cycle")).toInt(), cur->cycle);
            QCOMPARE(o.value(QStringLiteral("state")).toString(), toWire(cur->state));
            QCOMPARE(o.value(QStringLiteral("paused")).toBool(), cur->state == SlaTimerState::Paused);
            QCOMPARE(o.value(QStringLiteral("breached")).toBool(), cur->breached);
            QCOMPARE(o.value(QStringLiteral("due")), cur->due ? QJsonValue(isoUtc(*cur->due)) : QJsonValue());
            QVERIFY(
                std::abs(o.value(QStringLiteral("remaining_minutes")).toDouble() - cur->remainingMs / 60000.0)
                < 0.01);
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        TRIAGE_START_SERVER(m_server, TriagedProcess::Options {});
        m_agent = client(QStringLiteral("agent1"));
        m_admin = client(QStringLiteral("admin"));
        QVERIFY(!m_agent->token().isEmpty() && !m_admin->token().isEmpty());
    }

    void createdAnsweredPausedResumed()
    {
        HttpResult r = m_admin->post(QStringLiteral("/api/v1/tickets"),
            {{QStringLiteral("title"), QStringLiteral("VPN drops")}, {QStringLiteral("group_id"), kGroupIt},
                {QStringLiteral("priority"), QStringLiteral("high")}});
        QCOMPARE(r.status, 201);
        m_ticketId = r.json().value(QStringLiteral("id")).toString();
        const qint64 t0 = instant(r.json().value(QStringLiteral("created_at")));
        m_events.push_back(SlaEvent::created(t0, Priority::High, QStringLiteral("new")));

        // Fresh ticket: first response and resolution running, no next response yet.
        const SlaPolicy policy = server::TicketSla::defaultPolicy();
        const BusinessCalendar allDay;
        r = m_agent->get(QStringLiteral("/api/v1/tickets/") + m_ticketId + atParam(t0 + 3'600'000));
        QCOMPARE(r.status, 200);
        QJsonObject sla = r.json().value(QStringLiteral("sla")).toObject();
        compare(sla, SlaEngine::evaluate(allDay, policy, m_events, t0 + 3'600'000));
        QCOMPARE(sla.value(QStringLiteral("first_response"))
                     .toObject()
                     .value(QStringLiteral("remaining_minutes"))
                     .toDouble(),
            180.0);
        QVERIFY(sla.value(QStringLiteral("next_response")).isNull());
        QVERIFY(sla.value(QStringLiteral("resolution"))
                    .toObject()
                    .value(QStringLiteral("within_calendar"))
                    .toBool());

        r = m_agent->post(QStringLiteral("/api/v1/tickets/") + m_ticketId + QStringLiteral("/comments"),
            {{QStringLiteral("body"), QStringLiteral("Looking into it")}, {QStringLiteral("public"), true}});
        QCOMPARE(r.status, 201);
        m_events.push_back(SlaEvent::reply(instant(r.json().value(QStringLiteral("created_at"))), true));

        const qint64 t2 = instant(setStatus(QStringLiteral("waiting")).value(QStringLiteral("updated_at")));
        m_events.push_back(SlaEvent::statusChange(t2, QStringLiteral("waiting")));
        // While waiting the resolution clock is paused: no due instant, however late we look.
        const qint64 later = t2 + 5 * 3'600'000;
        sla = m_agent->get(QStringLiteral("/api/v1/tickets/") + m_ticketId + atParam(later))
                  .json()
                  .value(QStringLiteral("sla"))
                  .toObject();
        compare(sla, SlaEngine::evaluate(allDay, policy, m_events, later));
        const QJsonObject paused = sla.value(QStringLiteral("resolution")).toObject();
        QVERIFY(paused.value(QStringLiteral("paused")).toBool());
        QVERIFY(paused.value(QStringLiteral("due")).isNull());
        QCOMPARE(
            sla.value(QStringLiteral("first_response")).toObject().value(QStringLiteral("state")).toString(),
            QStringLiteral("stopped"));

        const qint64 t3
            = instant(setStatus(QStringLiteral("in_progress")).value(QStringLiteral("updated_at")));
        m_events.push_back(SlaEvent::statusChange(t3, QStringLiteral("in_progress")));
        const qint64 at = t3 + 2 * 3'600'000;
        sla = m_agent->get(QStringLiteral("/api/v1/tickets/") + m_ticketId + atParam(at))
                  .json()
                  .value(QStringLiteral("sla"))
                  .toObject();
        const auto expected = SlaEngine::evaluate(allDay, policy, m_events, at);
        compare(sla, expected);
        const QJsonObject res = sla.value(QStringLiteral("resolution")).toObject();
        QVERIFY(!res.value(QStringLiteral("paused")).toBool());
        QVERIFY(!res.value(QStringLiteral("breached")).toBool());
        QVERIFY(!res.value(QStringLiteral("due")).isNull());

        // The list carries the same object.
        const QJsonArray list = m_agent->get(QStringLiteral("/api/v1/tickets?limit=5&sla_at=") + isoUtc(at))
                                    .json()
                                    .value(QStringLiteral("tickets"))
                                    .toArray();
        bool found = false;
        for (const QJsonValue &v : list) {
            if (v.toObject().value(QStringLiteral("id")).toString() == m_ticketId) {
                found = true;
                QCOMPARE(v.toObject().value(QStringLiteral("sla")).toObject(), sla);
            }
        }
        QVERIFY(found);
        QCOMPARE(
            m_agent->get(QStringLiteral("/api/v1/tickets/") + m_ticketId + QStringLiteral("?sla_at=soon"))
                .status,
            400);
    }

    void storedCalendarMovesDue()
    {
        QVERIFY(!m_ticketId.isEmpty());
        const qint64 at = m_events.back().at + 60'000;
        const QString path = QStringLiteral("/api/v1/tickets/") + m_ticketId + atParam(at);
        const QJsonValue before = m_agent->get(path)
                                      .json()
                                      .value(QStringLiteral("sla"))
                                      .toObject()
                                      .value(QStringLiteral("resolution"))
                                      .toObject()
                                      .value(QStringLiteral("due"));
        m_calendarId = newUuid();
        const HttpResult put = m_admin->send("PUT", QStringLiteral("/api/v1/calendars/") + m_calendarId,
            toJson({{QStringLiteral("name"), QStringLiteral("Office")},
                {QStringLiteral("calendar"), kOfficeCalendar}}),
            {{"Content-Type", "application/json"}});
        QCOMPARE(put.status, 200);
        const QJsonObject sla = m_agent->get(path).json().value(QStringLiteral("sla")).toObject();
        const QJsonValue after
            = sla.value(QStringLiteral("resolution")).toObject().value(QStringLiteral("due"));
        QVERIFY(!after.isNull());
        QString why;
        const auto office = BusinessCalendar::fromJson(kOfficeCalendar, &why);
        QVERIFY2(office, qPrintable(why));
        const auto officeTimers
            = SlaEngine::evaluate(*office, server::TicketSla::defaultPolicy(), m_events, at);
        compare(sla, officeTimers);
        // The due moves unless the whole target fits in today's office hours (a ticket created on a
        // weekday between 09:00 and 10:00 Moscow time has the same 8 h due on both calendars).
        const auto allDayTimers
            = SlaEngine::evaluate(BusinessCalendar(), server::TicketSla::defaultPolicy(), m_events, at);
        QCOMPARE(before, QJsonValue(isoUtc(*allDayTimers.back().due)));
        QCOMPARE(after != before, *officeTimers.back().due != *allDayTimers.back().due);
        QCOMPARE(sla.value(QStringLiteral("resolution"))
                     .toObject()
                     .value(QStringLiteral("within_calendar"))
                     .toBool(),
            office->isBusinessTime(at));
    }

    void pastDueIsBreached()
    {
        QVERIFY(!m_ticketId.isEmpty());
        const qint64 at = m_events.back().at + 30LL * 86'400'000;
        const QJsonObject res = m_agent->get(QStringLiteral("/api/v1/tickets/") + m_ticketId + atParam(at))
                                    .json()
                                    .value(QStringLiteral("sla"))
                                    .toObject()
                                    .value(QStringLiteral("resolution"))
                                    .toObject();
        QVERIFY(res.value(QStringLiteral("breached")).toBool());
        QVERIFY(res.value(QStringLiteral("remaining_minutes")).toDouble() < 0);
        QVERIFY(!res.value(QStringLiteral("breached_at")).isNull());
    }

    // Stored policies with `applies_to`: each ticket gets the most specific match (group + type over
    // priority over the catch-all), the `sla` object names it, a priority change switches it, and
    // an invalid `applies_to` is refused. The policies are deleted again at the end.
    void policySelectedByPriorityTypeGroup()
    {
        const auto putPolicy = [this](const QString &name, double resolution, const QJsonObject &appliesTo) {
            const QString id = newUuid();
            QJsonObject body {{QStringLiteral("name"), name},
                {QStringLiteral("policy"),
                    QJsonObject {{QStringLiteral("targets"),
                        QJsonObject {{QStringLiteral("resolution"), resolution}}}}}};
            if (!appliesTo.isEmpty())
                body.insert(QStringLiteral("applies_to"), appliesTo);
            const HttpResult r
                = m_admin->send("PUT", QStringLiteral("/api/v1/sla-policies/") + id, toJson(body));
            if (r.status != 200)
                qWarning("PUT policy: %d %s", r.status, r.body.constData());
            return r.status == 200 ? id : QString();
        };
        const QString catchAll = putPolicy(QStringLiteral("Catch-all"), 1000, {});
        const QString itIncidents = putPolicy(QStringLiteral("IT incidents"), 100,
            {{QStringLiteral("groups"), QJsonArray {kGroupIt}},
                {QStringLiteral("types"), QJsonArray {QStringLiteral("incident")}}});
        const QString critical = putPolicy(QStringLiteral("Critical"), 10,
            {{QStringLiteral("priorities"), QJsonArray {QStringLiteral("critical")}}});
        QVERIFY(!catchAll.isEmpty() && !itIncidents.isEmpty() && !critical.isEmpty());

        struct Case {
            QString group, type, priority, policy;
            double target;
        };
        const QList<Case> cases {
            {kGroupIt, QStringLiteral("incident"), QStringLiteral("normal"), itIncidents, 100},
            {kGroupIt, QStringLiteral("incident"), QStringLiteral("critical"), itIncidents, 100},
            {kGroupHr, QStringLiteral("question"), QStringLiteral("critical"), critical, 10},
            {kGroupHr, QStringLiteral("request"), QStringLiteral("normal"), catchAll, 1000},
            {kGroupIt, QStringLiteral("request"), QStringLiteral("low"), catchAll, 1000}};
        QString hrTicket;
        for (const Case &c : cases) {
            const HttpResult r = m_admin->post(QStringLiteral("/api/v1/tickets"),
                {{QStringLiteral("title"), QStringLiteral("Policy pick")},
                    {QStringLiteral("group_id"), c.group}, {QStringLiteral("type"), c.type},
                    {QStringLiteral("priority"), c.priority}});
            QCOMPARE(r.status, 201);
            const QString id = r.json().value(QStringLiteral("id")).toString();
            const HttpResult got = m_admin->get(QStringLiteral("/api/v1/tickets/") + id);
            QVERIFY2(got.status == 200, got.body.constData());
            const QJsonObject sla = got.json().value(QStringLiteral("sla")).toObject();
            QCOMPARE(sla.value(QStringLiteral("policy_id")).toString(), c.policy);
            QCOMPARE(sla.value(QStringLiteral("resolution"))
                         .toObject()
                         .value(QStringLiteral("target_minutes"))
                         .toDouble(),
                c.target);
            if (c.group == kGroupHr && c.priority == QStringLiteral("normal"))
                hrTicket = id;
        }

        // Raising the HR request to critical switches it to the critical policy (keep_start).
        const QString path = QStringLiteral("/api/v1/tickets/") + hrTicket;
        const HttpResult cur = m_admin->get(path);
        HttpResult r = m_admin->patch(path, {{QStringLiteral("priority"), QStringLiteral("critical")}},
            {{"If-Match", cur.header("etag")}});
        QCOMPARE(r.status, 200);
        QJsonObject sla = m_admin->get(path).json().value(QStringLiteral("sla")).toObject();
        QCOMPARE(sla.value(QStringLiteral("policy_id")).toString(), critical);
        QCOMPARE(sla.value(QStringLiteral("resolution"))
                     .toObject()
                     .value(QStringLiteral("target_minutes"))
                     .toDouble(),
            10.0);

        // The list picks per ticket too.
        r = m_admin->get(QStringLiteral("/api/v1/tickets?limit=5"));
        QCOMPARE(r.status, 200);
        bool seen = false;
        for (const QJsonValue &t : r.json().value(QStringLiteral("tickets")).toArray()) {
            if (t.toObject().value(QStringLiteral("id")).toString() == hrTicket) {
                seen = true;
                QCOMPARE(t.toObject()
                             .value(QStringLiteral("sla"))
                             .toObject()
                             .value(QStringLiteral("policy_id"))
                             .toString(),
                    critical);
            }
        }
        QVERIFY(seen);

        // An invalid `applies_to` is a validation problem naming the field; nothing is stored.
        const QString badId = newUuid();
        r = m_admin->send("PUT", QStringLiteral("/api/v1/sla-policies/") + badId,
            toJson({{QStringLiteral("name"), QStringLiteral("Bad")},
                {QStringLiteral("policy"), QJsonObject {}},
                {QStringLiteral("applies_to"),
                    QJsonObject {{QStringLiteral("priorities"), QJsonArray {QStringLiteral("urgent")}}}}}));
        QCOMPARE(r.status, 422);
        QVERIFY2(r.body.contains("applies_to.priorities[0]"), r.body.constData());
        QCOMPARE(m_admin->del(QStringLiteral("/api/v1/sla-policies/") + badId).status, 404);

        // Stored documents keep `applies_to` for the clients that sync them.
        bool listed = false;
        for (const QJsonValue &d : m_admin->get(QStringLiteral("/api/v1/sla-policies"))
                                       .json()
                                       .value(QStringLiteral("sla_policies"))
                                       .toArray()) {
            if (d.toObject().value(QStringLiteral("id")).toString() == itIncidents) {
                listed = true;
                QCOMPARE(d.toObject()
                             .value(QStringLiteral("applies_to"))
                             .toObject()
                             .value(QStringLiteral("types")),
                    QJsonValue(QJsonArray {QStringLiteral("incident")}));
            }
        }
        QVERIFY(listed);
        for (const QString &id : {catchAll, itIncidents, critical})
            QCOMPARE(m_admin->del(QStringLiteral("/api/v1/sla-policies/") + id).status, 204);
    }

    // Tiny targets on a 24×7 clock: the sweep records both breaches once, with their exact
    // theoretical instants; reads record nothing twice. Runs last: it replaces the policy.
    void breachesRecordedOnce()
    {
        QCOMPARE(m_admin->del(QStringLiteral("/api/v1/calendars/") + m_calendarId).status, 204);
        const QJsonObject policy {{QStringLiteral("targets"),
            QJsonObject {{QStringLiteral("first_response"), 0.01}, {QStringLiteral("resolution"), 0.02}}}};
        QCOMPARE(m_admin
                     ->send("PUT", QStringLiteral("/api/v1/sla-policies/") + newUuid(),
                         toJson({{QStringLiteral("name"), QStringLiteral("Instant")},
                             {QStringLiteral("policy"), policy}}))
                     .status,
            200);
        const HttpResult r = m_agent->post(QStringLiteral("/api/v1/tickets"),
            {{QStringLiteral("title"), QStringLiteral("Printer")}, {QStringLiteral("group_id"), kGroupIt}});
        QCOMPARE(r.status, 201);
        const QString id = r.json().value(QStringLiteral("id")).toString();
        const qint64 t0 = instant(r.json().value(QStringLiteral("created_at")));
        const QString path = QStringLiteral("/api/v1/tickets/") + id + QStringLiteral("/breaches");
        QJsonArray breaches;
        QTRY_VERIFY_WITH_TIMEOUT(
            (breaches = m_agent->get(path).json().value(QStringLiteral("breaches")).toArray()).size() == 2,
            4000);
        QCOMPARE(breaches.at(0).toObject().value(QStringLiteral("metric")).toString(),
            QStringLiteral("first_response"));
        QCOMPARE(breaches.at(0).toObject().value(QStringLiteral("breached_at")).toString(), isoUtc(t0 + 600));
        QCOMPARE(breaches.at(1).toObject().value(QStringLiteral("metric")).toString(),
            QStringLiteral("resolution"));
        QCOMPARE(
            breaches.at(1).toObject().value(QStringLiteral("breached_at")).toString(), isoUtc(t0 + 1200));
        for (const QJsonValue &b : breaches) {
            QCOMPARE(b.toObject().value(QStringLiteral("cycle")).toInt(), 1);
            QVERIFY(instant(b.toObject().value(QStringLiteral("detected_at")))
                >= instant(b.toObject().value(QStringLiteral("breached_at"))));
        }
        const QJsonObject sla = m_agent->get(QStringLiteral("/api/v1/tickets/") + id)
                                    .json()
                                    .value(QStringLiteral("sla"))
                                    .toObject();
        QVERIFY(
            sla.value(QStringLiteral("resolution")).toObject().value(QStringLiteral("breached")).toBool());
        QCOMPARE(m_agent->get(path).json().value(QStringLiteral("breaches")).toArray(), breaches);
        QCOMPARE(
            m_agent->get(QStringLiteral("/api/v1/tickets/") + newUuid() + QStringLiteral("/breaches")).status,
            404);
    }

    void cleanupTestCase() { m_server.stop(); }
};

QTEST_GUILESS_MAIN(TestServerSla)
#include "tst_server_sla.moc"
