// The change feed's fast decoder (core/sync/FeedDecoder) against the strict parsers it stands in
// for, and the network hint's fallback when the system has no usable backend.
#include "domain/Time.h"
#include "net/NetworkStatus.h"
#include "sync/FeedDecoder.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTest>

using namespace triage;

class tst_FeedDecoder : public QObject
{
    Q_OBJECT

    static Ticket sample()
    {
        Ticket t;
        t.id = u"0190a000-0000-7000-8000-000000000001"_qs;
        t.number = 4567;
        t.title = u"Принтер на 3 этаже не печатает"_qs;
        t.description = u"Line one\nline two"_qs;
        t.type = TicketType::Request;
        t.status = TicketStatus::Waiting;
        t.priority = Priority::High;
        t.impact = Level::High;
        t.urgency = Level::Low;
        t.requesterId = u"0190a000-0000-7000-8000-000000000002"_qs;
        t.assigneeId = u"0190a000-0000-7000-8000-000000000003"_qs;
        t.channel = Channel::Email;
        t.tags = {u"printer"_qs, u"floor-3"_qs};
        t.links = {TicketLink {LinkKind::DuplicateOf, u"0190a000-0000-7000-8000-000000000004"_qs}};
        t.csatRating = 4;
        t.csatComment = u"ok"_qs;
        t.createdAt = 1772434800123;
        t.updatedAt = 1772438400456;
        t.version = 7;
        t.rank = 12.5;
        return t;
    }

private Q_SLOTS:
    void instantsMatchQDateTime()
    {
        auto *rng = QRandomGenerator::global();
        for (int i = 0; i < 2000; ++i) {
            // 1900 … 2200, any millisecond
            const qint64 ms
                = static_cast<qint64>(rng->bounded(9467280000.0)) * 1000 - 2208988800000 + rng->bounded(1000);
            const QString wire = isoUtc(ms);
            const auto fast = parseWireInstant(wire);
            QVERIFY2(fast, qPrintable(wire));
            QCOMPARE(*fast, ms);
            QCOMPARE(*fast, QDateTime::fromString(wire, Qt::ISODateWithMs).toMSecsSinceEpoch());
        }
        QVERIFY(!parseWireInstant(u"2026-03-02T07:00:00Z"_qs)); // other forms: the general parser
        QVERIFY(!parseWireInstant(u"2026-03-02T07:00:00.000+03:00"_qs));
        QVERIFY(!parseWireInstant(u"2026-13-02T07:00:00.000Z"_qs));
        QVERIFY(!parseWireInstant(u"2026-03-02T07:0x:00.000Z"_qs));
    }

    void ticketMatchesStrictParser()
    {
        QJsonObject json = sample().toJson();
        json.insert(u"sla"_qs, QJsonObject {{u"breached"_qs, false}}); // server-computed, ignored
        FieldErrors errors;
        const auto strict = Ticket::fromJson(json, &errors);
        QVERIFY(strict);
        const auto fast = decodeFeedTicket(json, &errors);
        QVERIFY(fast);
        QCOMPARE(*fast, *strict);
        QCOMPARE(*fast, sample());

        Ticket bare = sample();
        bare.number.reset();
        bare.csatRating.reset();
        bare.assigneeId.clear();
        bare.tags.clear();
        bare.links.clear();
        QCOMPARE(*decodeFeedTicket(bare.toJson(), &errors), bare);
    }

    void unknownFieldsAreIgnored()
    {
        QJsonObject json = sample().toJson();
        json.insert(u"added_by_a_later_server"_qs, QJsonArray {1, 2});
        FieldErrors errors;
        const auto t = decodeFeedTicket(json, &errors);
        QVERIFY(t);
        QCOMPARE(*t, sample());
    }

    void unexpectedRowsFallBackToTheStrictParser()
    {
        FieldErrors errors;
        QJsonObject json = sample().toJson();
        json.insert(u"status"_qs, u"teleported"_qs);
        QVERIFY(!decodeFeedTicket(json, &errors));
        QVERIFY(!errors.isEmpty()); // the strict parser says why
        json = sample().toJson();
        json.remove(u"id"_qs);
        errors.clear();
        QVERIFY(!decodeFeedTicket(json, &errors));
        QVERIFY(!errors.isEmpty());
        // another ISO form the fast path does not read: still accepted through the strict parser
        json = sample().toJson();
        json.insert(u"created_at"_qs, u"2026-03-02T10:00:00.123+03:00"_qs);
        const auto t = decodeFeedTicket(json, &errors);
        QVERIFY(t);
        QCOMPARE(t->createdAt, 1772434800123);
    }

    void commentMatchesStrictParser()
    {
        Comment c;
        c.id = u"0190a000-0000-7000-8000-000000000010"_qs;
        c.ticketId = u"0190a000-0000-7000-8000-000000000001"_qs;
        c.authorId = u"0190a000-0000-7000-8000-000000000003"_qs;
        c.isPublic = false;
        c.body = u"Internal: call the vendor"_qs;
        c.createdAt = 1772434800999;
        FieldErrors errors;
        QCOMPARE(*decodeFeedComment(c.toJson(), &errors), c);
        QCOMPARE(*decodeFeedComment(c.toJson(), &errors), *Comment::fromJson(c.toJson(), &errors));
        QJsonObject bad = c.toJson();
        bad.insert(u"public"_qs, u"yes"_qs);
        QVERIFY(!decodeFeedComment(bad, &errors));
    }

    void networkHintWithoutBackendIsUnknown()
    {
        // Containers have no NetworkManager on a system bus: either no backend loads, or one that
        // answers. Without one the hint must stay Unknown (request outcomes decide alone).
        NetworkStatus status;
        if (status.backend().isEmpty())
            QCOMPARE(status.hint(), NetworkStatus::Hint::Unknown);
        qInfo() << "network information backend:" << status.backend() << status.hint();
    }
};

QTEST_GUILESS_MAIN(tst_FeedDecoder)
#include "tst_feeddecoder.moc"
