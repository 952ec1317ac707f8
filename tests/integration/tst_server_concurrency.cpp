// 20 clients hammer the same tickets at once through POST /api/v1/mutations, each batch sent twice
// (a lost response and a retry). Every acknowledged write must be present exactly once, every
// client's last_processed_seq must match, and the change feed must stay gap-free and ordered.
#include "ServerTestBase.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSet>

using namespace triage::test;

namespace {

constexpr int kClients = 20;
constexpr int kBatches = 8;
constexpr int kTickets = 4;

struct Client {
    std::unique_ptr<TestClient> http;
    QString clientId;
    int batch = 0;
    bool resent = false;
    qint64 nextSeq = 1;
    QJsonObject pending;
    QStringList appliedComments;
    QStringList tags;
    qint64 lastProcessed = 0;
    int duplicates = 0;
    QString failure;
};

} // namespace

class TestServerConcurrency : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void twentyClientsOnTheSameTickets()
    {
        TriagedProcess server;
        TRIAGE_START_SERVER(server, TriagedProcess::Options {});
        TestClient admin(server.baseUrl());
        QVERIFY(admin.login(QStringLiteral("admin")));
        QStringList tickets;
        for (int i = 0; i < kTickets; ++i) {
            const HttpResult r = admin.post(QStringLiteral("/api/v1/tickets"),
                QJsonObject {{QStringLiteral("title"), QStringLiteral("shared %1").arg(i)},
                    {QStringLiteral("group_id"), kGroupIt}});
            QCOMPARE(r.status, 201);
            tickets << r.json().value(QStringLiteral("id")).toString();
        }
        const QString startCursor
            = admin.get(QStringLiteral("/api/v1/health")).json().value(QStringLiteral("head")).toString();

        const QStringList users {QStringLiteral("admin"), QStringLiteral("lead"), QStringLiteral("agent1"),
            QStringLiteral("agent2"), QStringLiteral("agent3")};
        std::vector<Client> clients(kClients);
        for (int i = 0; i < kClients; ++i) {
            clients[i].http = std::make_unique<TestClient>(server.baseUrl());
            QVERIFY(clients[i].http->login(users[i % users.size()]));
            clients[i].clientId = newUuid();
        }

        int done = 0;
        std::function<void(int)> sendNext = [&](int ci) {
            Client &c = clients[ci];
            if (c.pending.isEmpty()) {
                if (c.batch == kBatches) {
                    ++done;
                    return;
                }
                const QString ticket = tickets[(ci + c.batch) % kTickets];
                const QString tag = QStringLiteral("c%1-b%2").arg(ci).arg(c.batch);
                const QString commentId = newUuid();
                QJsonArray ms;
                ms.append(mutation(c.nextSeq++, QStringLiteral("comment.create"),
                    {{QStringLiteral("comment"),
                        QJsonObject {{QStringLiteral("id"), commentId}, {QStringLiteral("ticket_id"), ticket},
                            {QStringLiteral("public"), false},
                            {QStringLiteral("body"), QStringLiteral("note %1").arg(tag)}}}}));
                ms.append(mutation(c.nextSeq++, QStringLiteral("ticket.update"),
                    {{QStringLiteral("ticket_id"), ticket}, {QStringLiteral("base_version"), 1},
                        {QStringLiteral("tags_add"), QJsonArray {tag}},
                        {QStringLiteral("changes"),
                            QJsonArray {change(QStringLiteral("priority"), QStringLiteral("normal"),
                                (ci % 2) ? QStringLiteral("high") : QStringLiteral("low"))}}}));
                c.pending = batch(c.clientId, ms);
                c.resent = false;
            }
            QNetworkReply *reply
                = c.http->start("POST", QStringLiteral("/api/v1/mutations"), toJson(c.pending));
            QObject::connect(reply, &QNetworkReply::finished, reply, [&, ci, reply] {
                Client &cl = clients[ci];
                const HttpResult r = TestClient::finish(reply, 0);
                if (r.status != 200) {
                    cl.failure = QStringLiteral("HTTP %1: %2")
                                     .arg(r.status)
                                     .arg(QString::fromUtf8(r.body.left(300)));
                    ++done;
                    return;
                }
                const QJsonArray results = r.json().value(QStringLiteral("results")).toArray();
                for (const QJsonValue &v : results) {
                    const QJsonObject res = v.toObject();
                    const QString status = res.value(QStringLiteral("status")).toString();
                    if (status == QStringLiteral("duplicate")) {
                        ++cl.duplicates;
                        continue;
                    }
                    if (status != QStringLiteral("applied")) {
                        cl.failure = QStringLiteral("unexpected %1").arg(QString::fromUtf8(toJson(res)));
                        continue;
                    }
                    if (res.contains(QStringLiteral("comment")))
                        cl.appliedComments << res.value(QStringLiteral("comment"))
                                                  .toObject()
                                                  .value(QStringLiteral("id"))
                                                  .toString();
                }
                cl.lastProcessed = r.json().value(QStringLiteral("last_processed_seq")).toInteger();
                if (!cl.resent) {
                    cl.resent = true; // pretend the response was lost: send the same batch again
                    for (const QJsonValue &m : cl.pending.value(QStringLiteral("mutations")).toArray()) {
                        const QJsonArray tags = m.toObject().value(QStringLiteral("tags_add")).toArray();
                        for (const QJsonValue &t : tags)
                            cl.tags << t.toString();
                    }
                } else {
                    cl.pending = {};
                    ++cl.batch;
                }
                sendNext(ci);
            });
        };
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < kClients; ++i)
            sendNext(i);
        while (done < kClients && timer.elapsed() < 120000)
            QTest::qWait(20);
        QCOMPARE(done, kClients);
        qInfo("%d clients x %d batches (each sent twice) in %lld ms", kClients, kBatches, timer.elapsed());

        // Every acknowledged write exactly once.
        QHash<QString, int> commentCount;
        QSet<QString> tagsOnServer;
        for (const QString &t : tickets) {
            const QJsonArray comments = admin.get(QStringLiteral("/api/v1/tickets/%1/comments").arg(t))
                                            .json()
                                            .value(QStringLiteral("comments"))
                                            .toArray();
            for (const QJsonValue &c : comments)
                ++commentCount[c.toObject().value(QStringLiteral("id")).toString()];
            for (const QJsonValue &tag : admin.get(QStringLiteral("/api/v1/tickets/") + t)
                                             .json()
                                             .value(QStringLiteral("tags"))
                                             .toArray())
                tagsOnServer.insert(tag.toString());
        }
        int expectedComments = 0;
        for (const Client &c : clients) {
            QVERIFY2(c.failure.isEmpty(), qPrintable(c.failure));
            QCOMPARE(c.lastProcessed, qint64(kBatches * 2));
            QCOMPARE(c.duplicates, kBatches * 2);
            QCOMPARE(c.appliedComments.size(), kBatches);
            for (const QString &id : c.appliedComments)
                QCOMPARE(commentCount.value(id), 1);
            for (const QString &tag : c.tags)
                QVERIFY2(tagsOnServer.contains(tag), qPrintable(tag));
            expectedComments += c.appliedComments.size();
        }
        QCOMPARE(commentCount.size(), expectedComments);

        // The feed: strictly increasing, and it delivers every new comment exactly once.
        QString cursor = startCursor;
        qint64 previous = 0;
        QHash<QString, int> feedComments;
        for (;;) {
            const QJsonObject page
                = admin.get(QStringLiteral("/api/v1/changes?limit=37&cursor=") + cursor).json();
            for (const QJsonValue &v : page.value(QStringLiteral("changes")).toArray()) {
                const qint64 seq = v.toObject().value(QStringLiteral("seq")).toInteger();
                QVERIFY(seq > previous);
                previous = seq;
                if (v.toObject().value(QStringLiteral("entity")).toString() == QStringLiteral("comment"))
                    ++feedComments[v.toObject().value(QStringLiteral("id")).toString()];
            }
            cursor = page.value(QStringLiteral("next_cursor")).toString();
            if (!page.value(QStringLiteral("has_more")).toBool())
                break;
        }
        QCOMPARE(feedComments.size(), expectedComments);
        for (auto it = feedComments.cbegin(); it != feedComments.cend(); ++it)
            QCOMPARE(it.value(), 1);
        QCOMPARE(server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestServerConcurrency)
#include "tst_server_concurrency.moc"
