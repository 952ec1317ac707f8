#include "domain/Board.h"
#include "domain/Comment.h"
#include "domain/Directory.h"
#include "domain/Ticket.h"
#include "domain/TicketEvent.h"
#include "domain/TicketFilter.h"
#include "domain/Time.h"
#include "domain/Uuid.h"
#include "domain/Workflow.h"
#include "store/StoreErrors.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSet>
#include <QtTest>

using namespace triage;

class TestDomain : public QObject
{
    Q_OBJECT

private:
    static Ticket sample()
    {
        Ticket t;
        t.id = newId();
        t.title = u"Не получается зайти в CRM"_qs;
        t.description = u"Пишет «неверный пароль», хотя пароль верный.\nС утра."_qs;
        t.type = TicketType::Incident;
        t.priority = Priority::High;
        t.requesterId = newId();
        t.channel = Channel::Telegram;
        t.tags = {u"crm"_qs, u"login"_qs};
        t.links = {{LinkKind::DuplicateOf, newId()}};
        t.csatRating = 5;
        t.createdAt = 1772434800000; // 2026-03-02T07:00:00Z
        t.updatedAt = t.createdAt + 1000;
        t.version = 3;
        t.number = 4567;
        return t;
    }

private Q_SLOTS:
    // isoUtc formats without QDateTime: it must equal Qt's UTC ISO form everywhere in the
    // fixed-width range, and round-trip through parseWireInstant.
    // The history field names are one table: each kind reads back from its name, nothing else does.
    void eventKindsMapBothWays()
    {
        for (int i = 0; i < int(TicketEvent::Kind::Other); ++i) {
            const auto kind = TicketEvent::Kind(i);
            QVERIFY(!TicketEvent::fieldName(kind).isEmpty());
            QCOMPARE(int(TicketEvent::kindOf(TicketEvent::fieldName(kind))), i);
        }
        for (const QString &other : {u""_qs, u"c"_qs, u"csat_comment"_qs, u"status_x"_qs, u"Status"_qs,
                 u"priority_overridden"_qs, u"x"_qs}) {
            QCOMPARE(int(TicketEvent::kindOf(other)), int(TicketEvent::Kind::Other));
        }
        QVERIFY(TicketEvent::fieldName(TicketEvent::Kind::Other).isEmpty());
        QCOMPARE(TicketEvent::fieldName(TicketEvent::Kind::Assignee), u"assignee_id"_qs);
    }

    void isoUtcEqualsQt()
    {
        QRandomGenerator rng(20261127);
        QList<qint64> instants {0, -1, 1, 86399999, 86400000, -86400000, -86400001,
            951782400000 /* 2000-02-29 */, 4107542399999 /* 2100-02-28T23:59:59.999 */, -62135596800000,
            253402300799999, 1796054400000};
        for (int i = 0; i < 20000; ++i)
            instants << rng.bounded(qint64(-62135596800000), qint64(253402300799999));
        for (const qint64 ms : instants) {
            const QString expected = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
            QCOMPARE(isoUtc(ms), expected);
            QCOMPARE(parseWireInstant(isoUtc(ms)), std::optional<qint64>(ms));
        }
        // Outside four-digit years Qt's own form is kept.
        QCOMPARE(isoUtc(253402300800000),
            QDateTime::fromMSecsSinceEpoch(253402300800000, Qt::UTC).toString(Qt::ISODateWithMs));
    }

    void uuidV7IsVersion7AndOrdered()
    {
        QString prev;
        QSet<QString> seen;
        for (int i = 0; i < 5000; ++i) {
            const QUuid u = createUuidV7();
            const QByteArray raw = u.toRfc4122(); // QUuid::version() predates v7 in Qt 6.4
            QCOMPARE((raw.at(6) >> 4) & 0x0F, 7);
            QCOMPARE(raw.at(8) & 0xC0, 0x80);
            const QString s = u.toString(QUuid::WithoutBraces);
            QVERIFY(isValidId(s));
            QVERIFY2(prev < s, qPrintable(prev + u" !< "_qs + s)); // monotonic, so sortable
            QVERIFY(!seen.contains(s));
            seen.insert(s);
            prev = s;
        }
        QVERIFY(!isValidId(u"../../etc/passwd"_qs));
        QVERIFY(!isValidId(u"' OR 1=1 --"_qs));
        QVERIFY(!isValidId(u"0190a000-0000-7000-8000-00000000000g"_qs));
    }

    void ticketJsonRoundTrip()
    {
        const Ticket t = sample();
        FieldErrors errors;
        const auto back = Ticket::fromJson(t.toJson(), &errors);
        QVERIFY2(back.has_value(), qPrintable(describe(errors)));
        QCOMPARE(*back, t);
        QCOMPARE(t.toJson().value(u"created_at"_qs).toString(), u"2026-03-02T07:00:00.000Z"_qs);
        QCOMPARE(t.toJson().value(u"status"_qs).toString(), u"new"_qs);
    }

    void ticketRejectsBadInput_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("expectedField");

        QTest::newRow("empty title") << u"title"_qs << QJsonValue(u"   "_qs) << u"title"_qs;
        QTest::newRow("huge title") << u"title"_qs << QJsonValue(QString(100 * 1024, u'x')) << u"title"_qs;
        QTest::newRow("NUL in title") << u"title"_qs << QJsonValue(u"a\u0000b"_qs) << u"title"_qs;
        QTest::newRow("lone surrogate")
            << u"title"_qs << QJsonValue(QString(QChar(0xD800)) + u"x"_qs) << u"title"_qs;
        QTest::newRow("title wrong type") << u"title"_qs << QJsonValue(42) << u"title"_qs;
        QTest::newRow("unknown status") << u"status"_qs << QJsonValue(u"' OR 1=1 --"_qs) << u"status"_qs;
        QTest::newRow("priority wrong type") << u"priority"_qs << QJsonValue(true) << u"priority"_qs;
        QTest::newRow("csat 6") << u"csat_rating"_qs << QJsonValue(6) << u"csat_rating"_qs;
        QTest::newRow("csat fraction") << u"csat_rating"_qs << QJsonValue(4.5) << u"csat_rating"_qs;
        QTest::newRow("bad assignee") << u"assignee_id"_qs << QJsonValue(u"../admin"_qs) << u"assignee_id"_qs;
        QTest::newRow("unknown field") << u"evil"_qs << QJsonValue(1) << u"evil"_qs;
        QTest::newRow("tags not array") << u"tags"_qs << QJsonValue(u"a,b"_qs) << u"tags"_qs;
        QTest::newRow("bad timestamp") << u"created_at"_qs << QJsonValue(u"yesterday"_qs) << u"created_at"_qs;
    }

    void ticketRejectsBadInput()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, expectedField);
        QJsonObject json = sample().toJson();
        json.insert(field, value);
        FieldErrors errors;
        QVERIFY(!Ticket::fromJson(json, &errors).has_value());
        QVERIFY(!errors.isEmpty());
        QCOMPARE(errors.first().field, expectedField);
        QVERIFY(!errors.first().message.isEmpty());
    }

    void missingRequiredFieldsAreAllReported()
    {
        FieldErrors errors;
        QVERIFY(!Ticket::fromJson(QJsonObject {}, &errors));
        QStringList fields;
        for (const auto &e : errors)
            fields << e.field;
        QVERIFY(fields.contains(u"id"_qs));
        QVERIFY(fields.contains(u"title"_qs));
        QCOMPARE(describe({{u"title"_qs, u"is required"_qs}}), u"title: is required"_qs);
    }

    void tagsAreNormalised()
    {
        QJsonObject json = sample().toJson();
        json[u"tags"_qs] = QJsonArray {u"  VPN "_qs, u"Принтер"_qs};
        FieldErrors errors;
        const auto t = Ticket::fromJson(json, &errors);
        QVERIFY(t);
        QCOMPARE(t->tags, (QStringList {u"vpn"_qs, u"принтер"_qs}));
    }

    void commentValidation()
    {
        Comment c {newId(), newId(), newId(), false, u"Внутренняя заметка"_qs, 1};
        FieldErrors errors;
        const auto back = Comment::fromJson(c.toJson(), &errors);
        QVERIFY(back);
        QCOMPARE(*back, c);
        c.body = u"  "_qs;
        QVERIFY(!c.validate().isEmpty());
    }

    void userAndGroup()
    {
        User u;
        u.id = newId();
        u.username = u"agent1"_qs;
        u.displayName = u"Денис Орлов"_qs;
        u.role = UserRole::Agent;
        u.groupIds = {newId()};
        u.locale = u"ru"_qs;
        FieldErrors errors;
        const auto back = User::fromJson(u.toJson(), &errors);
        QVERIFY2(back, qPrintable(describe(errors)));
        QCOMPARE(*back, u);
        QCOMPARE(initials(u.displayName), u"ДО"_qs);
        u.username = u"Robert'); DROP TABLE users;--"_qs;
        QVERIFY(!u.validate().isEmpty());

        Group g {newId(), u"IT"_qs, {}, {}, {}};
        QVERIFY(Group::fromJson(g.toJson(), &errors));
    }

    void boardDefaultsAndValidation()
    {
        Board b = Board::defaultBoard(newId(), u"Support"_qs);
        QCOMPARE(b.columns.size(), 5);
        QCOMPARE(b.columnOf(TicketStatus::Waiting), 2);
        FieldErrors errors;
        const auto back = Board::fromJson(b.toJson(), &errors);
        QVERIFY2(back, qPrintable(describe(errors)));
        QCOMPARE(*back, b);
        b.columns[1].statuses << TicketStatus::New; // a status in two columns
        QVERIFY(!b.validate().isEmpty());
    }

    void filterMatchesAndRoundTrips()
    {
        Ticket t = sample();
        const QString me = newId();
        TicketFilter f;
        f.statuses = {TicketStatus::New, TicketStatus::InProgress};
        f.assignee = TicketFilter::Assignee::Unassigned;
        QVERIFY(f.matches(t, me));
        t.assigneeId = me;
        QVERIFY(!f.matches(t, me));
        f.assignee = TicketFilter::Assignee::Me;
        QVERIFY(f.matches(t, me));
        f.tag = u"CRM"_qs;
        QVERIFY(f.matches(t, me));
        f.tag = u"printer"_qs;
        QVERIFY(!f.matches(t, me));

        FieldErrors errors;
        const auto back = TicketFilter::fromJson(f.toJson(), &errors);
        QVERIFY(back);
        QCOMPARE(*back, f);
        QVERIFY(!TicketFilter::fromJson(QJsonObject {{u"sort"_qs, u"drop"_qs}}, &errors));
    }

    void workflowTransitions()
    {
        using S = TicketStatus;
        QVERIFY(!workflow::refuseTransition(S::New, S::InProgress));
        QVERIFY(!workflow::refuseTransition(S::Resolved, S::InProgress)); // reopen
        QCOMPARE(
            workflow::refuseTransition(S::InProgress, S::Closed)->code, RefusalCode::ResolveBeforeClosing);
        QCOMPARE(workflow::refuseTransition(S::Closed, S::New)->code, RefusalCode::ClosedStatusFrozen);
        QCOMPARE(
            workflow::refuseTransition(S::Resolved, S::Waiting)->code, RefusalCode::ResolvedReopenOrClose);
        const auto notAllowed = workflow::refuseTransition(S::InProgress, S::InProgress);
        QVERIFY(!notAllowed);
        QVERIFY(workflow::isReopen(S::Resolved, S::InProgress));
        QVERIFY(!workflow::isReopen(S::Resolved, S::Closed));

        Ticket before = sample();
        before.status = S::InProgress;
        Ticket after = before;
        after.status = S::Resolved;
        QCOMPARE(
            workflow::refuseChange(before, after)->code, RefusalCode::AssignBeforeResolving); // unassigned
        after.assigneeId = newId();
        QVERIFY(!workflow::refuseChange(before, after));
        before.status = S::Closed;
        after = before;
        after.title = u"changed"_qs;
        QCOMPARE(workflow::refuseChange(before, after)->code, RefusalCode::ClosedReadOnly);
    }

    // Every refusal code has its own wire name that reads back to it and an English text; the
    // arguments are substituted in one pass (an argument holding "%1" stays as typed).
    void refusalCodesRoundTrip()
    {
        QSet<QString> wires;
        for (int i = 0; i <= int(RefusalCode::StorageFailed); ++i) {
            const Refusal r {RefusalCode(i), {u"a"_qs, u"b"_qs}};
            QVERIFY2(!r.english().isEmpty(), qPrintable(r.wireCode()));
            QVERIFY2(!wires.contains(r.wireCode()), qPrintable(r.wireCode()));
            wires.insert(r.wireCode());
            QCOMPARE(Refusal::codeFromWire(r.wireCode()), std::optional(RefusalCode(i)));
        }
        QVERIFY(!Refusal::codeFromWire(u"no-such-code"));
        const Refusal moved {RefusalCode::TransitionNotAllowed, {u"50%1"_qs, u"closed"_qs}};
        QCOMPARE(moved.english(), u"Cannot move a ticket from 50%1 to closed."_qs);
        QCOMPARE(Refusal({RefusalCode::DiskFull, {}}).english(), QString::fromUtf16(kDiskFullError));
    }
};

QTEST_GUILESS_MAIN(TestDomain)
#include "tst_domain.moc"
