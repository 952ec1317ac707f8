// Engine semantics beyond the vendor examples; every expected value is derived by hand in the
// comment next to it.
#include "SlaTestSupport.h"
#include "domain/Ticket.h"
#include "sla/SlaCase.h"
#include "sla/TicketSlaState.h"

using namespace triage;

namespace {

const char *kOffice = R"("calendar": {"timezone": "Europe/Berlin", "weekly": {
    "mon": [["09:00","17:00"]], "tue": [["09:00","17:00"]], "wed": [["09:00","17:00"]],
    "thu": [["09:00","17:00"]], "fri": [["09:00","17:00"]]}})";
const char *k24x7 = R"("calendar": {"timezone": "Europe/Berlin"})";

// Evaluates `{calendar, policy, events, now}` through the documented output.
QJsonArray run(const char *calendar, const QString &rest)
{
    const QByteArray doc = "{" + QByteArray(calendar) + ", " + rest.toUtf8() + "}";
    QString error;
    const auto c = SlaCase::fromJson(doc, &error);
    if (!c)
        qFatal("case does not parse: %s", qPrintable(error));
    return QJsonDocument::fromJson(c->evaluateToJson()).object().value(u"timers"_qs).toArray();
}

QJsonObject timer(const QJsonArray &timers, const QString &metric, int cycle = 1)
{
    for (const auto &t : timers) {
        if (t[u"metric"_qs].toString() == metric && t[u"cycle"_qs].toInt() == cycle)
            return t.toObject();
    }
    return {};
}

QString error(const QString &doc)
{
    QString message;
    const auto c = SlaCase::fromJson(doc.toUtf8(), &message);
    return c ? QString() : message;
}

} // namespace

class TestSlaEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void priorityRaisedMidFlightBreachesImmediately()
    {
        // normal 240 min, critical 30; raised at 10:00 → due 09:30, already past; still running.
        const auto timers = run(k24x7, uR"("policy": {"targets": {"resolution": 240},
            "targets_by_priority": {"critical": {"resolution": 30}}},
            "events": [{"at": "2024-06-05T09:00:00+02:00", "type": "created", "priority": "normal"},
                       {"at": "2024-06-05T10:00:00+02:00", "type": "priority", "to": "critical"}],
            "now": "2024-06-05T10:00:00+02:00")"_qs);
        const QJsonObject t = timer(timers, u"resolution"_qs);
        QCOMPARE(t[u"state"_qs].toString(), u"running"_qs);
        QCOMPARE(t[u"target_minutes"_qs].toDouble(), 30.0);
        QCOMPARE(t[u"breached"_qs].toBool(), true);
        QCOMPARE(t[u"breached_at"_qs].toString(), u"2024-06-05T09:30:00+02:00"_qs);
        QCOMPARE(t[u"remaining_business_minutes"_qs].toDouble(), -30.0);
        QCOMPARE(t[u"elapsed_percent"_qs].toDouble(), 200.0);
    }

    void restartCancelsAndStartsANewCycle()
    {
        // restart: cycle 1 cancelled at 10:00 under normal (240, not breached); cycle 2 with 30
        // minutes from 10:00, due 10:30, observed at 10:45 → breached at 10:30.
        const auto timers = run(k24x7, uR"("policy": {"targets": {"resolution": 240, "first_response": 60},
            "targets_by_priority": {"critical": {"resolution": 30}}, "on_priority_change": "restart"},
            "events": [{"at": "2024-06-05T09:00:00+02:00", "type": "created", "priority": "normal"},
                       {"at": "2024-06-05T09:20:00+02:00", "type": "reply", "from": "agent"},
                       {"at": "2024-06-05T10:00:00+02:00", "type": "priority", "to": "critical"}],
            "now": "2024-06-05T10:45:00+02:00")"_qs);
        QCOMPARE(timers.size(), 3); // first_response (stopped, not restarted), resolution 1 and 2
        const QJsonObject c1 = timer(timers, u"resolution"_qs, 1);
        QCOMPARE(c1[u"state"_qs].toString(), u"cancelled"_qs);
        QCOMPARE(c1[u"stopped_at"_qs].toString(), u"2024-06-05T10:00:00+02:00"_qs);
        QCOMPARE(c1[u"target_minutes"_qs].toDouble(), 240.0);
        QCOMPARE(c1[u"breached"_qs].toBool(), false);
        QCOMPARE(c1[u"due"_qs].toString(), u"2024-06-05T13:00:00+02:00"_qs);
        const QJsonObject c2 = timer(timers, u"resolution"_qs, 2);
        QCOMPARE(c2[u"started_at"_qs].toString(), u"2024-06-05T10:00:00+02:00"_qs);
        QCOMPARE(c2[u"breached_at"_qs].toString(), u"2024-06-05T10:30:00+02:00"_qs);
        QCOMPARE(timer(timers, u"first_response"_qs)[u"state"_qs].toString(), u"stopped"_qs);
    }

    void priorityToSameValueChangesNothing()
    {
        const auto timers
            = run(k24x7, uR"("policy": {"targets": {"resolution": 60}, "on_priority_change": "restart"},
            "events": [{"at": "2024-06-05T09:00:00+02:00", "type": "created", "priority": "high"},
                       {"at": "2024-06-05T09:10:00+02:00", "type": "priority", "to": "high"}],
            "now": "2024-06-05T09:30:00+02:00")"_qs);
        QCOMPARE(timers.size(), 1);
        QCOMPARE(timer(timers, u"resolution"_qs)[u"business_elapsed_minutes"_qs].toDouble(), 30.0);
    }

    void reopen_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<int>("cycles");
        QTest::addColumn<QString>("lastState");
        QTest::addColumn<double>("lastElapsed");
        // 24x7, target 240. Open 09-10 (60), resolved 10-14, reopened 14:00, now 15:00.
        QTest::newRow("resume") << u"resume"_qs << 1 << u"running"_qs << 120.0; // 60 + 60
        QTest::newRow("new_cycle") << u"new_cycle"_qs << 2 << u"running"_qs << 60.0; // cycle 2: 14-15
        QTest::newRow("once") << u"once"_qs << 1 << u"stopped"_qs << 60.0; // no more timing
    }

    void reopen()
    {
        QFETCH(QString, mode);
        QFETCH(int, cycles);
        QFETCH(QString, lastState);
        QFETCH(double, lastElapsed);
        const auto timers = run(k24x7, uR"("policy": {"targets": {"resolution": 240}, "on_reopen": "%1"},
            "events": [{"at": "2024-06-05T09:00:00+02:00", "type": "created", "priority": "normal"},
                       {"at": "2024-06-05T10:00:00+02:00", "type": "status", "to": "resolved"},
                       {"at": "2024-06-05T11:00:00+02:00", "type": "status", "to": "closed"},
                       {"at": "2024-06-05T14:00:00+02:00", "type": "status", "to": "in_progress"}],
            "now": "2024-06-05T15:00:00+02:00")"_qs.arg(mode));
        QCOMPARE(timers.size(), cycles);
        const QJsonObject last = timer(timers, u"resolution"_qs, cycles);
        QCOMPARE(last[u"state"_qs].toString(), lastState);
        QCOMPARE(last[u"business_elapsed_minutes"_qs].toDouble(), lastElapsed);
        if (mode == u"resume"_qs) {
            QCOMPARE(last[u"due"_qs].toString(), u"2024-06-05T17:00:00+02:00"_qs); // 120 left from 15:00
            QCOMPARE(last[u"calendar_elapsed_minutes"_qs].toDouble(), 360.0);
        }
        if (mode == u"new_cycle"_qs)
            QCOMPARE(timer(timers, u"resolution"_qs, 1)[u"stopped_at"_qs].toString(),
                u"2024-06-05T10:00:00+02:00"_qs);
    }

    void resolvedToClosedIsNotAReopen()
    {
        const auto timers
            = run(k24x7, uR"("policy": {"targets": {"resolution": 240}, "on_reopen": "new_cycle"},
            "events": [{"at": "2024-06-05T09:00:00+02:00", "type": "created", "priority": "normal"},
                       {"at": "2024-06-05T10:00:00+02:00", "type": "status", "to": "resolved"},
                       {"at": "2024-06-05T11:00:00+02:00", "type": "status", "to": "closed"}],
            "now": "2024-06-05T15:00:00+02:00")"_qs);
        QCOMPARE(timers.size(), 1);
        QCOMPARE(
            timer(timers, u"resolution"_qs)[u"stopped_at"_qs].toString(), u"2024-06-05T10:00:00+02:00"_qs);
    }

    void multipleNextResponseCycles()
    {
        // agent 09:05; requester 09:10 (cycle 1) and 09:20 (same cycle); agent 09:40 stops it at
        // 30 min; requester 10:00 opens cycle 2, running at 10:50 → 50 of 30, breached at 10:30.
        const auto timers = run(k24x7, uR"("policy": {"targets": {"next_response": 30}},
            "events": [{"at": "2024-06-05T09:00:00+02:00", "type": "created", "priority": "normal"},
                       {"at": "2024-06-05T09:05:00+02:00", "type": "reply", "from": "agent"},
                       {"at": "2024-06-05T09:10:00+02:00", "type": "reply", "from": "requester"},
                       {"at": "2024-06-05T09:20:00+02:00", "type": "reply", "from": "requester"},
                       {"at": "2024-06-05T09:40:00+02:00", "type": "reply", "from": "agent"},
                       {"at": "2024-06-05T10:00:00+02:00", "type": "reply", "from": "requester"}],
            "now": "2024-06-05T10:50:00+02:00")"_qs);
        QCOMPARE(timers.size(), 2);
        const QJsonObject c1 = timer(timers, u"next_response"_qs, 1);
        QCOMPARE(c1[u"business_elapsed_minutes"_qs].toDouble(), 30.0);
        QCOMPARE(c1[u"breached"_qs].toBool(), false); // stopped exactly at due
        QCOMPARE(c1[u"due"_qs].toString(), u"2024-06-05T09:40:00+02:00"_qs);
        const QJsonObject c2 = timer(timers, u"next_response"_qs, 2);
        QCOMPARE(c2[u"state"_qs].toString(), u"running"_qs);
        QCOMPARE(c2[u"breached_at"_qs].toString(), u"2024-06-05T10:30:00+02:00"_qs);
    }

    void internalNotesChangeNothing()
    {
        const QString policy
            = uR"("policy": {"targets": {"first_response": 60, "next_response": 60}, "warn_at_percent": [50]})"_qs;
        const QString base = uR"({"at": "2024-06-05T09:00:00+02:00", "type": "created", "priority": "normal"},
                       {"at": "2024-06-05T09:45:00+02:00", "type": "reply", "from": "agent"},
                       {"at": "2024-06-05T10:00:00+02:00", "type": "reply", "from": "requester"})"_qs;
        const QString notes
            = uR"(, {"at": "2024-06-05T10:10:00+02:00", "type": "reply", "from": "agent", "public": false},
                       {"at": "2024-06-05T10:20:00+02:00", "type": "reply", "from": "requester", "public": false})"_qs;
        const QString now = uR"("now": "2024-06-05T11:30:00+02:00")"_qs;
        const auto plain = run(k24x7, policy + u", \"events\": ["_qs + base + u"], "_qs + now);
        const auto withNotes = run(k24x7, policy + u", \"events\": ["_qs + base + notes + u"], "_qs + now);
        QCOMPARE(withNotes, plain);
        QCOMPARE(timer(plain, u"next_response"_qs)[u"state"_qs].toString(), u"running"_qs);
        // A note before any public agent reply does not stop first_response either.
        const auto early = run(k24x7,
            policy
                + uR"(, "events": [{"at": "2024-06-05T09:00:00+02:00", "type": "created", "priority": "normal"},
                       {"at": "2024-06-05T09:05:00+02:00", "type": "reply", "from": "agent", "public": false}], )"_qs
                + now);
        QCOMPARE(timer(early, u"first_response"_qs)[u"state"_qs].toString(), u"running"_qs);
    }

    void pauseSpanningNights()
    {
        // Mon 16:00-17:00 (60), waiting Mon 17:00 → Wed 11:00, Wed 11:00-12:00 (60): 120 of 480.
        const auto timers = run(kOffice, uR"("policy": {"targets": {"resolution": 480}},
            "events": [{"at": "2024-06-03T16:00:00+02:00", "type": "created", "priority": "normal"},
                       {"at": "2024-06-03T17:00:00+02:00", "type": "status", "to": "waiting"},
                       {"at": "2024-06-05T11:00:00+02:00", "type": "status", "to": "in_progress"}],
            "now": "2024-06-05T12:00:00+02:00")"_qs);
        const QJsonObject t = timer(timers, u"resolution"_qs);
        QCOMPARE(t[u"business_elapsed_minutes"_qs].toDouble(), 120.0);
        QCOMPARE(t[u"calendar_elapsed_minutes"_qs].toDouble(), 2 * 1440.0 - 240.0);
        // 360 left at Wed 12:00: 300 until 17:00, then Thu 09:00 + 60.
        QCOMPARE(t[u"due"_qs].toString(), u"2024-06-06T10:00:00+02:00"_qs);
    }

    void pausedTimerHasNoDueButStillBreaches()
    {
        // 24x7, target 30; waiting from 09:45 (45 accrued) → paused, overdue, breached at 09:30.
        const auto timers
            = run(k24x7, uR"("policy": {"targets": {"resolution": 30}, "warn_at_percent": [50, 200]},
            "events": [{"at": "2024-06-05T09:00:00+02:00", "type": "created", "priority": "normal"},
                       {"at": "2024-06-05T09:45:00+02:00", "type": "status", "to": "waiting"}],
            "now": "2024-06-05T12:00:00+02:00")"_qs);
        const QJsonObject t = timer(timers, u"resolution"_qs);
        QCOMPARE(t[u"state"_qs].toString(), u"paused"_qs);
        QVERIFY(t[u"due"_qs].isNull());
        QCOMPARE(t[u"remaining_business_minutes"_qs].toDouble(), -15.0);
        QCOMPARE(t[u"breached"_qs].toBool(), true);
        QCOMPARE(t[u"breached_at"_qs].toString(), u"2024-06-05T09:30:00+02:00"_qs);
        QCOMPARE(t[u"warnings"_qs].toArray().size(), 1); // 50 % at 09:15; 200 % never reached
        QCOMPARE(t[u"warnings"_qs][0][u"at"_qs].toString(), u"2024-06-05T09:15:00+02:00"_qs);
    }

    void stopStatusStopsResponseTimers()
    {
        const auto timers = run(k24x7, uR"("policy": {"targets": {"first_response": 60, "resolution": 600}},
            "events": [{"at": "2024-06-05T09:00:00+02:00", "type": "created", "priority": "normal"},
                       {"at": "2024-06-05T10:30:00+02:00", "type": "status", "to": "resolved"},
                       {"at": "2024-06-05T11:00:00+02:00", "type": "reply", "from": "agent"}],
            "now": "2024-06-05T12:00:00+02:00")"_qs);
        const QJsonObject fr = timer(timers, u"first_response"_qs);
        QCOMPARE(fr[u"stopped_at"_qs].toString(), u"2024-06-05T10:30:00+02:00"_qs);
        QCOMPARE(fr[u"breached"_qs].toBool(), true); // stopped after its 10:00 due
    }

    // A `created` log entry's initial status and priority (the first SLA event) are read from its
    // JSON text by a one-pass reader; whatever the text, they must be what QJsonDocument reads.
    void createdEntryReadsItsInitialValuesAsJsonDoes()
    {
        const QStringList texts {
            u"{\"assignee_id\":\"\",\"group_id\":\"g1\",\"priority\":\"high\",\"status\":\"new\"}"_qs,
            u"{\"status\":\"waiting\",\"priority\":\"low\"}"_qs,
            u" { \"priority\" : \"critical\" , \"status\" : \"in_progress\" } "_qs,
            u"{\"custom\":{\"status\":\"closed\",\"priority\":\"low\"},\"status\":\"open\"}"_qs,
            u"{\"tags\":[\"}{\",\"[\",\",\"],\"status\":\"resolved\",\"x\":[{\"priority\":\"low\"}]}"_qs,
            u"{\"title\":\"a \\\"status\\\":\\\"closed\\\" title\",\"status\":\"new\"}"_qs,
            u"{\"status\":\"new\",\"status\":\"closed\"}"_qs,
            u"{\"status\":3,\"priority\":null}"_qs,
            u"{\"status\":\"новый\",\"priority\":\"normal\"}"_qs,
            u"{\"n\":12.5,\"b\":true,\"z\":null,\"priority\":\"high\"}"_qs,
            u"{}"_qs,
            u"{\"status\":\"waiting\"} "_qs,
        };
        for (const QString &text : texts) {
            Ticket t;
            t.createdAt = 1000;
            t.updatedAt = 1000;
            t.status = TicketStatus::Closed;
            t.priority = Priority::Low;
            const QList<TicketEvent> log {
                TicketEvent {1000, QString(), TicketEvent::kCreated.toString(), QString(), text}};
            const QJsonObject doc = QJsonDocument::fromJson(text.toUtf8()).object();
            const QString status = doc.value(u"status"_qs).toString();
            const auto priority = priorityFromWire(doc.value(u"priority"_qs).toString());
            const std::vector<SlaEvent> events = TicketSlaState::events(t, log, {});
            QVERIFY(!events.empty());
            QCOMPARE(events.front().type, SlaEvent::Type::Created);
            QCOMPARE(events.front().status, status.isEmpty() ? toWire(t.status) : status);
            QCOMPARE(events.front().priority, priority.value_or(t.priority));
        }
    }

    // A requester's "thanks" after the ticket is closed starts no next-response cycle (every timer
    // stops in a stop status; the cycle would run, and breach, forever on a closed ticket). If the
    // ticket is reopened, the reopen starts it.
    void requesterMessageOnAClosedTicketStartsNothing()
    {
        const auto timers = run(k24x7, uR"("policy": {"targets": {"next_response": 30}},
            "events": [{"at": "2024-06-05T09:00:00+02:00", "type": "created", "priority": "normal"},
                       {"at": "2024-06-05T09:05:00+02:00", "type": "reply", "from": "agent"},
                       {"at": "2024-06-05T09:30:00+02:00", "type": "status", "to": "resolved"},
                       {"at": "2024-06-05T09:31:00+02:00", "type": "status", "to": "closed"},
                       {"at": "2024-06-05T10:00:00+02:00", "type": "reply", "from": "requester"}],
            "now": "2024-06-06T10:00:00+02:00")"_qs);
        QVERIFY(timer(timers, u"next_response"_qs, 1).isEmpty());

        const auto reopened = run(k24x7, uR"("policy": {"targets": {"next_response": 30}},
            "events": [{"at": "2024-06-05T09:00:00+02:00", "type": "created", "priority": "normal"},
                       {"at": "2024-06-05T09:05:00+02:00", "type": "reply", "from": "agent"},
                       {"at": "2024-06-05T09:30:00+02:00", "type": "status", "to": "resolved"},
                       {"at": "2024-06-05T09:40:00+02:00", "type": "reply", "from": "requester"},
                       {"at": "2024-06-05T10:00:00+02:00", "type": "status", "to": "in_progress"},
                       {"at": "2024-06-05T10:10:00+02:00", "type": "reply", "from": "requester"}],
            "now": "2024-06-05T10:20:00+02:00")"_qs);
        // The 09:40 message was written while resolved: the 10:00 reopen starts the cycle; the
        // 10:10 message joins it (one cycle per unanswered stretch).
        const QJsonObject c1 = timer(reopened, u"next_response"_qs, 1);
        QCOMPARE(c1[u"state"_qs].toString(), u"running"_qs);
        QCOMPARE(c1[u"started_at"_qs].toString(), u"2024-06-05T10:00:00+02:00"_qs);
        QVERIFY(timer(reopened, u"next_response"_qs, 2).isEmpty());
    }

    void eventsAfterNowAreIgnored()
    {
        const auto timers = run(k24x7, uR"("policy": {"targets": {"first_response": 60}},
            "events": [{"at": "2024-06-05T09:00:00+02:00", "type": "created", "priority": "normal"},
                       {"at": "2024-06-05T11:00:00+02:00", "type": "reply", "from": "agent"}],
            "now": "2024-06-05T09:30:00+02:00")"_qs);
        QCOMPARE(timer(timers, u"first_response"_qs)[u"state"_qs].toString(), u"running"_qs);
        QCOMPARE(timer(timers, u"first_response"_qs)[u"remaining_business_minutes"_qs].toDouble(), 30.0);
    }

    void dueAcrossAutumnChangePrintsNewOffset()
    {
        // 24x7 Berlin: 01:30 CEST + 120 real minutes = 02:30 CET (the hour 02-03 happens twice).
        const auto timers = run(k24x7, uR"("policy": {"targets": {"resolution": 120}},
            "events": [{"at": "2024-10-27T01:30:00+02:00", "type": "created", "priority": "normal"}])"_qs);
        QCOMPARE(timer(timers, u"resolution"_qs)[u"due"_qs].toString(), u"2024-10-27T02:30:00+01:00"_qs);
    }

    void leadTimeWarningsAndEscalations()
    {
        // Office hours, target 120 from Mon 16:00: 60 Mon + 60 Tue → due Tue 10:00. 30 min
        // before due = 90 accrued = Tue 09:30; escalation at 50 % = Mon 17:00 (end of day).
        const auto timers
            = run(kOffice, uR"("policy": {"targets": {"resolution": 120}, "warn_before_minutes": [30],
            "escalations": [{"percent": 50, "action": "notify_lead"}, {"percent": 100, "action": "reassign"}]},
            "events": [{"at": "2024-06-03T16:00:00+02:00", "type": "created", "priority": "normal"}],
            "now": "2024-06-04T09:45:00+02:00")"_qs);
        const QJsonObject t = timer(timers, u"resolution"_qs);
        QCOMPARE(t[u"due"_qs].toString(), u"2024-06-04T10:00:00+02:00"_qs);
        QCOMPARE(t[u"warnings"_qs][0][u"before_minutes"_qs].toDouble(), 30.0);
        QCOMPARE(t[u"warnings"_qs][0][u"at"_qs].toString(), u"2024-06-04T09:30:00+02:00"_qs);
        const QJsonArray esc = t[u"escalations"_qs].toArray();
        QCOMPARE(esc.size(), 1);
        QCOMPARE(esc[0][u"action"_qs].toString(), u"notify_lead"_qs);
        QCOMPARE(esc[0][u"at"_qs].toString(), u"2024-06-03T17:00:00+02:00"_qs);
    }

    void engineMarksForTheScheduler()
    {
        QString err;
        const auto c = SlaCase::fromJson(QByteArray(R"({"calendar": {"timezone": "UTC"},
            "policy": {"targets": {"resolution": 100}, "warn_at_percent": [50, 75]},
            "events": [{"at": "2024-06-05T09:00:00Z", "type": "created", "priority": "normal"}],
            "now": "2024-06-05T10:00:00Z"})"),
            &err);
        QVERIFY2(c, qPrintable(err));
        const auto timers = c->evaluate();
        QCOMPARE(timers.size(), size_t(1));
        const auto &marks = timers[0].marks;
        QCOMPARE(marks.size(), size_t(3)); // 50 % reached, 75 % and breach upcoming
        QVERIFY(marks[0].reached);
        QCOMPARE(marks[1].at, test::at("2024-06-05T10:15:00Z"));
        QVERIFY(!marks[1].reached);
        QCOMPARE(marks[2].kind, SlaMark::Kind::Breach);
        QCOMPARE(marks[2].at, test::at("2024-06-05T10:40:00Z"));
    }

    void caseErrors_data()
    {
        QTest::addColumn<QString>("doc");
        QTest::addColumn<QString>("message");
        const QString cal
            = uR"("calendar": {"timezone": "UTC"}, "policy": {"targets": {"resolution": 60}})"_qs;
        QTest::newRow("bad json") << u"{\"calendar\": "_qs << u"bad JSON at line 1, column"_qs;
        QTest::newRow("not an object") << u"[1, 2]"_qs << u"expected a JSON object"_qs;
        QTest::newRow("no events key") << u"{"_qs + cal + u"}"_qs << u"no created event"_qs;
        QTest::newRow("empty events") << u"{"_qs + cal + u", \"events\": []}"_qs << u"no created event"_qs;
        QTest::newRow("no created") << u"{"_qs + cal
                + uR"(, "events": [{"at": "2024-06-05T09:00:00Z", "type": "status", "to": "x"}]})"_qs
                                    << u"events[0]: no created event before this status event"_qs;
        QTest::newRow("out of order") << u"{"_qs + cal
                + uR"(, "events": [{"at": "2024-06-05T09:00:00Z", "type": "created", "priority": "low"},
            {"at": "2024-06-05T08:59:00+00:00", "type": "status", "to": "x"}]})"_qs
                                      << u"events[1]: events out of order"_qs;
        QTest::newRow("two created") << u"{"_qs + cal
                + uR"(, "events": [{"at": "2024-06-05T09:00:00Z", "type": "created", "priority": "low"},
            {"at": "2024-06-05T09:00:00Z", "type": "created", "priority": "low"}]})"_qs
                                     << u"a second created event"_qs;
        QTest::newRow("unknown type") << u"{"_qs + cal
                + uR"(, "events": [{"at": "2024-06-05T09:00:00Z", "type": "created", "priority": "low"},
            {"at": "2024-06-05T09:00:00Z", "type": "escalate"}]})"_qs
                                      << uR"(unknown event type "escalate")"_qs;
        QTest::newRow("bad at type") << u"{"_qs + cal
                + uR"(, "events": [{"at": 1717578000, "type": "created", "priority": "low"}]})"_qs
                                     << u"events[0].at: expected an ISO 8601 instant"_qs;
        QTest::newRow("bad at text") << u"{"_qs + cal
                + uR"(, "events": [{"at": "yesterday", "type": "created", "priority": "low"}]})"_qs
                                     << uR"(events[0].at: "yesterday" is not an ISO 8601 instant)"_qs;
        QTest::newRow("bad priority")
            << u"{"_qs + cal
                + uR"(, "events": [{"at": "2024-06-05T09:00:00Z", "type": "created", "priority": "P1"}]})"_qs
            << uR"(events[0].priority: expected critical, high, normal or low, got string "P1")"_qs;
        QTest::newRow("bad public") << u"{"_qs + cal
                + uR"(, "events": [{"at": "2024-06-05T09:00:00Z", "type": "created", "priority": "low"},
            {"at": "2024-06-05T09:00:00Z", "type": "reply", "from": "agent", "public": "yes"}]})"_qs
                                    << u"events[1].public: expected true or false"_qs;
        QTest::newRow("bad from") << u"{"_qs + cal
                + uR"(, "events": [{"at": "2024-06-05T09:00:00Z", "type": "created", "priority": "low"},
            {"at": "2024-06-05T09:00:00Z", "type": "reply", "from": "bot"}]})"_qs
                                  << u"events[1].from: expected agent or requester"_qs;
        QTest::newRow("bad now") << u"{"_qs + cal
                + uR"(, "now": 5, "events": [{"at": "2024-06-05T09:00:00Z", "type": "created", "priority": "low"}]})"_qs
                                 << u"now: expected an ISO 8601 instant"_qs;
        QTest::newRow("bad target")
            << uR"({"calendar": {"timezone": "UTC"}, "policy": {"targets": {"resolution": "1h"}}, "events": []})"_qs
            << uR"(policy.targets.resolution: expected a positive number of business minutes, got string "1h")"_qs;
        QTest::newRow("bad metric")
            << uR"({"calendar": {"timezone": "UTC"}, "policy": {"targets": {"reply": 5}}, "events": []})"_qs
            << uR"(policy.targets: unknown metric "reply")"_qs;
        QTest::newRow("bad reopen")
            << uR"({"calendar": {"timezone": "UTC"}, "policy": {"on_reopen": "restart"}, "events": []})"_qs
            << u"policy.on_reopen: expected resume, new_cycle or once"_qs;
        QTest::newRow("policy typo")
            << uR"({"calendar": {"timezone": "UTC"}, "policy": {"warn_at_precent": [5]}, "events": []})"_qs
            << uR"(policy: unknown key "warn_at_precent")"_qs;
        QTest::newRow("bad escalation")
            << uR"({"calendar": {"timezone": "UTC"}, "policy": {"escalations": [{"percent": 90, "action": "page"}]}, "events": []})"_qs
            << u"policy.escalations[0].action"_qs;
    }

    void caseErrors()
    {
        QFETCH(QString, doc);
        QFETCH(QString, message);
        const QString e = error(doc);
        QVERIFY2(e.contains(message), qPrintable(u"got: "_qs + e));
        QVERIFY(!e.contains(u'\n'));
    }
};

QTEST_GUILESS_MAIN(TestSlaEngine)
#include "tst_slaengine.moc"
