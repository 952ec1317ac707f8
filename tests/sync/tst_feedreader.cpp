// The initial sync's one-pass page reader (core/sync/FeedReader) against the QJsonDocument path it
// stands in for (decodeFeedPage): the same store page from the same bytes, and `false` (the caller
// then takes the strict path) for everything it does not expect.
#include "domain/Time.h"
#include "sync/FeedReader.h"
#include "sync/PagePipeline.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace triage;

namespace {

const QString kKey = u"sync.cursor"_qs;

Ticket sample(int i)
{
    Ticket t;
    t.id = u"0190a000-0000-7000-8000-%1"_qs.arg(i, 12, 10, QLatin1Char('0'));
    t.number = 4567 + i;
    t.title = u"Принтер на 3 этаже не печатает «%1» \"quoted\" \\ back/slash 😀"_qs.arg(i);
    t.description = i % 2 ? u"Line one\nline two\ttab \u0001 control"_qs : QString();
    t.type = TicketType::Request;
    t.status = TicketStatus::Waiting;
    t.priority = Priority::High;
    t.impact = Level::High;
    t.urgency = Level::Low;
    t.requesterId = u"0190a000-0000-7000-8000-000000000002"_qs;
    t.assigneeId = i % 3 ? u"0190a000-0000-7000-8000-000000000003"_qs : QString();
    t.channel = Channel::Email;
    t.tags = {u"printer"_qs, u"floor-3"_qs};
    if (i % 2)
        t.links = {TicketLink {LinkKind::DuplicateOf, u"0190a000-0000-7000-8000-000000000004"_qs}};
    if (i % 2)
        t.csatRating = 4;
    t.csatComment = i % 2 ? u"ok"_qs : QString();
    t.createdAt = 1772434800123 + i;
    t.updatedAt = 1772438400456 + i;
    t.version = 7;
    t.rank = 12.5 * i;
    return t;
}

QJsonArray historyOf(const Ticket &t)
{
    return QJsonArray {
        QJsonObject {{u"at"_qs, isoUtc(t.createdAt)}, {u"field"_qs, u"created"_qs}, {u"by"_qs, t.requesterId},
            {u"initial"_qs,
                QJsonObject {{u"status"_qs, u"new"_qs}, {u"priority"_qs, u"high"_qs},
                    {u"group_id"_qs, QString()}, {u"assignee_id"_qs, t.assigneeId}}}},
        QJsonObject {{u"at"_qs, isoUtc(t.createdAt + 60000)}, {u"field"_qs, u"status"_qs},
            {u"by"_qs, t.assigneeId}, {u"from"_qs, u"new"_qs}, {u"to"_qs, u"waiting"_qs}},
        QJsonObject {{u"at"_qs, isoUtc(t.createdAt + 120000)}, {u"field"_qs, u"reply"_qs},
            {u"to"_qs, u"agent"_qs}, {u"from"_qs, QJsonValue::Null}},
        QJsonObject {{u"at"_qs, isoUtc(t.createdAt + 180000)}, {u"field"_qs, u"field_from_a_later_server"_qs},
            {u"to"_qs, u"x"_qs}},
    };
}

QJsonObject change(
    qint64 seq, const QString &entity, const QString &op, const QString &id, const QJsonValue &data)
{
    QJsonObject c {{u"seq"_qs, seq}, {u"entity"_qs, entity}, {u"op"_qs, op}, {u"id"_qs, id}};
    if (!data.isUndefined())
        c.insert(u"data"_qs, data);
    return c;
}

QJsonObject page(bool extraKeys)
{
    QJsonArray changes;
    qint64 seq = 1;
    changes << change(seq++, u"group"_qs, u"upsert"_qs, u"g1"_qs,
        QJsonObject {{u"id"_qs, u"g1"_qs}, {u"name"_qs, u"IT"_qs}, {u"calendar_id"_qs, QJsonValue::Null}});
    for (int i = 0; i < 6; ++i) {
        const Ticket t = sample(i);
        QJsonObject data = t.toJson();
        if (i != 4)
            data.insert(u"history"_qs, i == 5 ? QJsonArray() : historyOf(t));
        if (extraKeys)
            data.insert(u"added_by_a_later_server"_qs,
                QJsonObject {{u"a"_qs, QJsonArray {1, 2.5, true, QJsonValue::Null}}});
        QJsonObject c = change(seq++, u"ticket"_qs, u"upsert"_qs, t.id, data);
        if (extraKeys)
            c.insert(u"more"_qs, u"x"_qs);
        changes << c;
        Comment cm;
        cm.id = u"0190a000-0000-7000-8000-1000000000%1"_qs.arg(i, 2, 10, QLatin1Char('0'));
        cm.ticketId = t.id;
        cm.authorId = i % 2 ? t.assigneeId : QString();
        cm.isPublic = i % 2;
        cm.body = u"Ответ «%1»\nс переводом строки"_qs.arg(i);
        cm.createdAt = t.createdAt + 5;
        changes << change(seq++, u"comment"_qs, u"upsert"_qs, cm.id, cm.toJson());
    }
    changes << change(
        seq++, u"ticket"_qs, u"delete"_qs, u"0190a000-0000-7000-8000-00000000dead"_qs, QJsonValue::Null);
    changes << change(seq++, u"ticket"_qs, u"remove"_qs, u"0190a000-0000-7000-8000-00000000beef"_qs, {});
    changes << change(seq++, u"comment"_qs, u"delete"_qs, u"c-gone"_qs, QJsonValue::Null);
    changes << change(seq++, u"view"_qs, u"delete"_qs, u"v1"_qs, QJsonValue::Null);
    changes << change(seq++, u"board"_qs, u"upsert"_qs, u"b1"_qs, QJsonValue::Null);
    QJsonObject p {{u"changes"_qs, changes}, {u"next_cursor"_qs, u"epoch.42"_qs}, {u"has_more"_qs, true},
        {u"head"_qs, u"epoch.99"_qs}, {u"last_processed_seq"_qs, 17},
        {u"recent_results"_qs,
            QJsonArray {QJsonObject {{u"id"_qs, u"m1"_qs}, {u"status"_qs, u"applied"_qs}}}}};
    if (extraKeys)
        p.insert(u"zz_later"_qs, QJsonArray {QJsonObject {{u"deep"_qs, QJsonArray {QJsonArray {}}}}});
    return p;
}

void compare(const ServerChanges &a, const ServerChanges &b)
{
    QCOMPARE(a.tickets.size(), b.tickets.size());
    for (qsizetype i = 0; i < a.tickets.size(); ++i)
        QCOMPARE(a.tickets.at(i).toJson(), b.tickets.at(i).toJson());
    QVERIFY(a.tickets == b.tickets);
    QCOMPARE(a.comments.size(), b.comments.size());
    QVERIFY(a.comments == b.comments);
    QCOMPARE(a.removedTickets, b.removedTickets);
    QCOMPARE(a.removedComments, b.removedComments);
    QVERIFY(a.entities == b.entities);
    QVERIFY(a.removedEntities == b.removedEntities);
    QCOMPARE(a.meta, b.meta);
    QCOMPARE(a.history.keys().size(), b.history.keys().size());
    for (auto it = b.history.constBegin(); it != b.history.constEnd(); ++it) {
        QVERIFY(a.history.contains(it.key()));
        QCOMPARE(a.history.value(it.key()).size(), it.value().size());
        for (qsizetype i = 0; i < it.value().size(); ++i) {
            const TicketEvent &x = a.history.value(it.key()).at(i);
            const TicketEvent &y = it.value().at(i);
            QCOMPARE(x.at, y.at);
            QCOMPARE(x.userId, y.userId);
            QCOMPARE(x.field, y.field);
            QCOMPARE(x.oldValue, y.oldValue);
            QCOMPARE(x.newValue, y.newValue);
        }
    }
}

// What the pipeline did before the reader: QJsonDocument, then decodeFeedPage.
ServerChanges strict(const QByteArray &body, FeedEnvelope *env = nullptr)
{
    const QJsonObject p = QJsonDocument::fromJson(body).object();
    ServerChanges out;
    decodeFeedPage(p, {}, kKey, &out);
    if (env) {
        env->nextCursor = p.value(u"next_cursor"_qs).toString();
        env->hasMore = p.value(u"has_more"_qs).toBool();
        env->recentResults = p.value(u"recent_results"_qs).toArray();
        env->lastProcessedSeq = static_cast<qint64>(p.value(u"last_processed_seq"_qs).toDouble());
    }
    return out;
}

bool fast(const QByteArray &body, ServerChanges *out = nullptr, FeedEnvelope *env = nullptr)
{
    ServerChanges c;
    FeedEnvelope e;
    const bool ok = readFeedPage(body, {}, kKey, &c, &e);
    if (out)
        *out = c;
    if (env)
        *env = e;
    return ok;
}

} // namespace

class tst_FeedReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void samePageAsTheStrictPath_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("compact") << QJsonDocument(page(false)).toJson(QJsonDocument::Compact);
        QTest::newRow("indented") << QJsonDocument(page(false)).toJson(QJsonDocument::Indented);
        QTest::newRow("unknown keys") << QJsonDocument(page(true)).toJson(QJsonDocument::Compact);
        QTest::newRow("empty page") << QByteArray(
            "{\"changes\":[],\"next_cursor\":\"e.5\",\"has_more\":false}");
        // escapes QJsonDocument never writes, and `data` before `entity`/`op`
        QTest::newRow("escapes, data first") << QByteArray(
            "{\"has_more\":false,\"changes\":[{\"data\":{\"id\":\"t\\u002d1\",\"title\":\"Caf\\u00e9 "
            "\\ud83d\\ude00 \\\"q\\\" \\/ \\\\ \\b\\f\\n\\r\\t\","
            "\"type\":\"incident\",\"status\":\"new\",\"priority\":\"low\",\"impact\":\"low\",\"urgency\":"
            "\"low\",\"channel\":\"web\","
            "\"created_at\":\"2026-03-02T07:00:00.123Z\",\"tags\":null,\"links\":null,\"number\":null,\"csat_"
            "rating\":null,"
            "\"history\":[{\"field\":\"created\",\"initial\":{ \"status\" : \"new\" "
            "},\"at\":\"2026-03-02T07:00:00.123Z\"},"
            "{\"at\":\"2026-03-02T07:00:01.000Z\",\"field\":\"note\",\"to\":\"agent\",\"by\":null}]},"
            "\"entity\":\"ticket\",\"op\":\"upsert\",\"id\":\"t-1\"}] , \"next_cursor\" : null } ");
        // A page captured from a real server (curl …/api/v1/changes?limit=1000 > page.json).
        if (const QString path = qEnvironmentVariable("TRIAGE_FEED_SAMPLE"); !path.isEmpty()) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QTest::newRow("captured page") << f.readAll();
        }
    }
    void samePageAsTheStrictPath()
    {
        QFETCH(QByteArray, body);
        ServerChanges a;
        FeedEnvelope ea;
        QVERIFY(fast(body, &a, &ea));
        FeedEnvelope eb;
        const ServerChanges b = strict(body, &eb);
        compare(a, b);
        QCOMPARE(ea.nextCursor, eb.nextCursor);
        QCOMPARE(ea.hasMore, eb.hasMore);
        QCOMPARE(ea.recentResults, eb.recentResults);
        QCOMPARE(ea.lastProcessedSeq, eb.lastProcessedSeq);
    }

    void pageContents()
    {
        ServerChanges a;
        QVERIFY(fast(QJsonDocument(page(false)).toJson(QJsonDocument::Compact), &a));
        QCOMPARE(a.tickets.size(), 6);
        QCOMPARE(a.tickets.at(1), sample(1));
        QCOMPARE(a.comments.size(), 6);
        QCOMPARE(a.history.size(), 5); // ticket 4 came without a log; ticket 5 with an empty one
        QVERIFY(a.history.value(sample(5).id).isEmpty());
        QCOMPARE(a.history.value(sample(0).id).size(), 4);
        QCOMPARE(a.history.value(sample(0).id).first().newValue,
            u"{\"assignee_id\":\"\",\"group_id\":\"\",\"priority\":\"high\",\"status\":\"new\"}"_qs);
        // Each log is also kept as the feed sent it (stored as is): it reads back as the same events.
        QCOMPARE(a.historyJson.size(), a.history.size());
        for (auto it = a.history.constBegin(); it != a.history.constEnd(); ++it) {
            QString why;
            const auto again = TicketEvent::listFromJsonText(a.historyJson.value(it.key()), &why);
            QVERIFY2(again, qPrintable(why));
            QCOMPARE(*again, it.value());
        }
        QVERIFY(a.historyJson.value(sample(0).id).startsWith('['));
        QCOMPARE(a.historyJson.value(sample(5).id), QByteArray("[]"));
        QCOMPARE(a.removedTickets.size(), 2);
        QCOMPARE(a.meta.value(kKey), u"epoch.42"_qs);
        QCOMPARE(a.entities.size(), 2);
    }

    void unexpectedPagesAreLeftToTheStrictPath_data()
    {
        QTest::addColumn<QByteArray>("body");
        const QByteArray good = QJsonDocument(page(false)).toJson(QJsonDocument::Compact);
        auto with = [&](const char *from, const char *to) {
            QByteArray b = good;
            b.replace(from, to);
            return b;
        };
        QTest::newRow("unknown status") << with("\"status\":\"waiting\"", "\"status\":\"teleported\"");
        QTest::newRow("other instant form") << with("\"created_at\":\"2026-03-02T07:00:00.123Z\"",
            "\"created_at\":\"2026-03-02T10:00:00.123+03:00\"");
        QTest::newRow("history not an array") << with("\"history\":[]", "\"history\":{}");
        QTest::newRow("ticket without data") << QByteArray(
            "{\"changes\":[{\"entity\":\"ticket\",\"op\":\"upsert\",\"id\":\"t\",\"data\":null}]}");
        QTest::newRow("truncated") << good.left(good.size() / 2);
        QTest::newRow("garbage after") << good + "x";
        QTest::newRow("invalid UTF-8") << with("Ответ", "\xff\xfe");
        QTest::newRow("lone surrogate") << with("\"ok\"", "\"\\ud800\"");
        QTest::newRow("number as text") << with("\"version\":7", "\"version\":\"7\"");
        QTest::newRow("blank title") << QByteArray(
            "{\"changes\":[{\"entity\":\"ticket\",\"op\":\"upsert\",\"id\":\"t\","
            "\"data\":{\"id\":\"t\",\"title\":\"  \"}}]}");
        QTest::newRow("not an object") << QByteArray("[]");
    }
    void unexpectedPagesAreLeftToTheStrictPath()
    {
        QFETCH(QByteArray, body);
        QVERIFY(!fast(body));
    }

    // The skimmed envelope (next page requested before this one is read) is the full read's, on
    // every page the full reader accepts, including strings full of brackets, quotes and
    // backslashes and a `next_cursor` key nested inside the changes.
    void skimmedEnvelopeIsTheFullReadsOne_data() { samePageAsTheStrictPath_data(); }
    void skimmedEnvelopeIsTheFullReadsOne()
    {
        QFETCH(QByteArray, body);
        FeedEnvelope full;
        strict(body, &full);
        QString next = u"unset"_qs;
        bool more = !full.hasMore;
        const bool ok = skimFeedEnvelope(body, &next, &more);
        if (QJsonDocument::fromJson(body).object().value(u"next_cursor"_qs).isNull()) {
            QVERIFY(!ok); // null cursor: left to the full read
            return;
        }
        QVERIFY(ok);
        QCOMPARE(next, full.nextCursor);
        QCOMPARE(more, full.hasMore);
    }
    void skimmerFollowsTheStructure()
    {
        // Strings full of brackets, quotes, backslashes and look-alike keys, in the changes and in
        // the envelope's tail, and a `next_cursor` key nested one level down.
        Ticket t = sample(9);
        t.title = u"] } \\\" \"next_cursor\":\"wrong\", \"has_more\":false }\\"_qs;
        t.description = u"[[[{{{\\"_qs;
        QJsonObject data = t.toJson();
        data.insert(u"next_cursor"_qs, u"nested"_qs);
        data.insert(u"has_more"_qs, false);
        const QJsonArray changes {change(1, u"ticket"_qs, u"upsert"_qs, t.id, data)};
        const QJsonArray results {QJsonObject {{u"id"_qs, u"m1\\"_qs},
            {u"detail"_qs, u"\",\"next_cursor\":\"bad\"}]\\"_qs}, {u"next_cursor"_qs, u"nested"_qs}}};
        const QByteArray changesJson = QJsonDocument(changes).toJson(QJsonDocument::Compact);
        const QByteArray resultsJson = QJsonDocument(results).toJson(QJsonDocument::Compact);
        const QList<QByteArray> bodies {
            // the server's order: the envelope after the changes
            "{\"changes\":" + changesJson
                + ",\"next_cursor\":\"epoch.77\",\"has_more\":true,"
                  "\"head\":\"epoch.99\",\"last_processed_seq\":3,\"recent_results\":"
                + resultsJson + "}",
            // another order: walked back over the changes
            "{\"recent_results\":" + resultsJson
                + ",\"has_more\":true,\"next_cursor\":\"epoch.77\","
                  "\"changes\":"
                + changesJson + "}",
            // indented
            QJsonDocument(QJsonObject {{u"changes"_qs, changes}, {u"next_cursor"_qs, u"epoch.77"_qs},
                              {u"has_more"_qs, true}, {u"recent_results"_qs, results}})
                .toJson(QJsonDocument::Indented),
            // the same key twice: the last one counts, as in a JSON reader
            "{\"next_cursor\":\"e.1\",\"has_more\":false,\"changes\":" + changesJson
                + ",\"next_cursor\":\"epoch.77\",\"has_more\":true}",
        };
        for (const QByteArray &body : bodies) {
            FeedEnvelope full;
            QVERIFY2(fast(body, nullptr, &full), body.constData());
            QCOMPARE(full.nextCursor, u"epoch.77"_qs);
            QString next;
            bool more = false;
            QVERIFY2(skimFeedEnvelope(body, &next, &more), body.constData());
            QCOMPARE(next, u"epoch.77"_qs);
            QVERIFY(more);
        }
        QString next;
        bool more = true;
        QVERIFY(
            skimFeedEnvelope("{\"next_cursor\":\"e.1\",\"has_more\":false,\"changes\":[]}", &next, &more));
        QCOMPARE(next, u"e.1"_qs);
        QVERIFY(!more);
        // Missing, of another type, escaped or cut short: not skimmed (the full read decides).
        for (const QByteArray &bad : {QByteArray("{\"changes\":[],\"has_more\":true}"),
                 QByteArray("{\"changes\":[],\"next_cursor\":\"e.1\"}"),
                 QByteArray("{\"next_cursor\":null,\"has_more\":true}"),
                 QByteArray("{\"next_cursor\":7,\"has_more\":true}"),
                 QByteArray("{\"next_cursor\":\"e\\u002e1\",\"has_more\":true}"),
                 QByteArray("{\"next_cursor\":\"e.1\",\"has_more\":1}"),
                 QByteArray("{\"changes\":[{\"a\":\"]\"}],\"next_cursor\":\"e.1\",\"has_more\":true"),
                 QByteArray("{\"x\":{\"next_cursor\":\"e.1\",\"has_more\":true}}"), QByteArray("{}"),
                 QByteArray("[]"), QByteArray()}) {
            QVERIFY2(!skimFeedEnvelope(bad, &next, &more), bad.constData());
        }
    }

    void removalWithPendingEditsIsLeftToTheStrictPath()
    {
        const QByteArray body
            = "{\"changes\":[{\"entity\":\"ticket\",\"op\":\"delete\",\"id\":\"t1\",\"data\":null}]}";
        PendingByTicket pending;
        pending.insert(u"t1"_qs, {OutboxEntry {}});
        ServerChanges c;
        FeedEnvelope e;
        QVERIFY(!readFeedPage(body, pending, kKey, &c, &e));
        QVERIFY(readFeedPage(body, {}, kKey, &c, &e));
        QCOMPARE(c.removedTickets, QStringList {u"t1"_qs});
    }
};

QTEST_GUILESS_MAIN(tst_FeedReader)
#include "tst_feedreader.moc"
