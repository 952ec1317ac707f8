// Offline-first sync against real triaged processes, with a fault-injecting proxy in between.
#include "FaultProxy.h"
#include "SyncTestClient.h"
#include "TriagedProcess.h"
#include "domain/Uuid.h"
#include "net/NetworkStatus.h"
#include "sync/ConflictResolver.h"

#include <QJsonArray>
#include <QSet>
#include <QtTest>

using namespace triage;
using namespace triage::test;

class TestSync : public QObject
{
    Q_OBJECT

    TriagedProcess m_server;
    std::unique_ptr<FaultProxy> m_proxy;

    QUrl direct() const { return m_server.baseUrl(); }
    QUrl proxied() const { return QUrl(u"http://127.0.0.1:%1"_qs.arg(m_proxy->port())); }

    QList<QJsonObject> serverTickets(const QString &user)
    {
        TestClient c(direct());
        if (!c.login(user))
            return {};
        QList<QJsonObject> out;
        QString cursor;
        for (int guard = 0; guard < 100; ++guard) {
            const HttpResult r = c.get(
                u"/api/v1/tickets?limit=500"_qs + (cursor.isEmpty() ? QString() : u"&cursor="_qs + cursor));
            for (const auto &v : r.json().value(u"tickets"_qs).toArray())
                out << v.toObject();
            cursor = r.json().value(u"next_cursor"_qs).toString();
            if (cursor.isEmpty())
                break;
        }
        return out;
    }

    static QList<QJsonObject> cacheTickets(SyncClient &c)
    {
        QList<QJsonObject> out;
        c.store->tickets().forEachTicket([&](Ticket &&t) { out << t.toJson(); });
        return out;
    }

    int countTitled(const QString &title)
    {
        int n = 0;
        for (const auto &t : serverTickets(u"admin"_qs))
            n += t.value(u"title"_qs).toString() == title ? 1 : 0;
        return n;
    }

    QJsonArray serverComments(const QString &ticketId)
    {
        TestClient c(direct());
        c.login(u"admin"_qs);
        return c.get(u"/api/v1/tickets/%1/comments"_qs.arg(ticketId)).json().value(u"comments"_qs).toArray();
    }

    // A new demo ticket agent1 and agent2 both see (both are in IT); `skip` picks another one.
    QString sharedTicket(SyncClient &a, int skip = 0)
    {
        // Unassigned open tickets first (nobody else works them), then the other open ones: the demo
        // is a working desk, with only a few untaken at any moment.
        TicketFilter f;
        f.statuses = {TicketStatus::New, TicketStatus::InProgress, TicketStatus::Waiting};
        f.sortKey = TicketFilter::SortKey::Number;
        QList<Ticket> open = a.store->tickets().matching(f, a.userId, 1000);
        std::stable_sort(open.begin(), open.end(), [](const Ticket &x, const Ticket &y) {
            return x.assigneeId.isEmpty() && !y.assigneeId.isEmpty();
        });
        for (const auto &t : open) {
            if (t.number && !t.tags.isEmpty() && skip-- == 0)
                return t.id;
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        TriagedProcess::Options opts;
        opts.env.insert(u"TRIAGE_DEMO_TICKETS"_qs, u"600"_qs); // enough open, unassigned IT tickets
        QVERIFY2(m_server.start(opts), qPrintable(m_server.error()));
        m_proxy = std::make_unique<FaultProxy>(m_server.port());
        QVERIFY(m_proxy->listen());
    }
    void init() { m_proxy->setMode(FaultProxy::Mode::Pass), m_proxy->setMatch({}); }

    void offlineCreateGetsExactlyOneNumber()
    {
        SyncClient a;
        QVERIFY(a.open(direct(), proxied(), u"agent1"_qs));
        QVERIFY(a.sync());
        m_proxy->setMode(FaultProxy::Mode::Refuse);
        Ticket draft;
        draft.title = u"Offline: VPN не подключается "_qs + newId();
        const auto created = a.editor->createTicket(draft);
        QVERIFY(created);
        QVERIFY(!a.sync());
        QCOMPARE(a.engine->state(), SyncEngine::State::Offline);
        QVERIFY(!a.store->tickets().ticket(created->id)->number);
        QCOMPARE(a.store->outbox().pendingCount(), 1);
        m_proxy->setMode(FaultProxy::Mode::Pass);
        QVERIFY2(a.sync(), qPrintable(a.engine->lastError()));
        QVERIFY(a.store->tickets().ticket(created->id)->number.has_value());
        QCOMPARE(a.store->outbox().pendingCount(), 0);
        QCOMPARE(countTitled(draft.title), 1);
    }

    void lostResponseAfterCommitIsADuplicate_data()
    {
        QTest::addColumn<int>("mode");
        QTest::newRow("response dropped") << static_cast<int>(FaultProxy::Mode::DropResponse);
        QTest::newRow("response cut mid-body") << static_cast<int>(FaultProxy::Mode::CutResponse);
    }
    void lostResponseAfterCommitIsADuplicate()
    {
        QFETCH(int, mode);
        SyncClient a;
        QVERIFY(a.open(direct(), proxied(), u"agent1"_qs));
        QVERIFY(a.sync());
        Ticket draft;
        draft.title = u"Lost response "_qs + newId();
        const auto created = a.editor->createTicket(draft);
        m_proxy->setMatch("POST /api/v1/mutations");
        m_proxy->setCutAfterBytes(60);
        m_proxy->setMode(static_cast<FaultProxy::Mode>(mode));
        QVERIFY(!a.sync());
        QVERIFY(m_proxy->faultsInjected() > 0);
        QCOMPARE(countTitled(draft.title), 1); // the server did commit it
        QCOMPARE(a.store->outbox().pendingCount(), 1); // the client does not know yet
        m_proxy->setMode(FaultProxy::Mode::Pass);
        QVERIFY2(a.sync(), qPrintable(a.engine->lastError()));
        QCOMPARE(a.store->outbox().pendingCount(), 0);
        QCOMPARE(a.store->outbox().conflictCount(), 0);
        QCOMPARE(countTitled(draft.title), 1);
        QVERIFY(a.store->tickets().ticket(created->id)->number.has_value());
    }

    void twoAgentsDifferentFieldsBothKept()
    {
        SyncClient a;
        SyncClient b;
        QVERIFY(a.open(direct(), direct(), u"agent1"_qs));
        QVERIFY(b.open(direct(), direct(), u"agent2"_qs));
        QVERIFY(a.sync() && b.sync());
        const QString id = sharedTicket(a);
        QVERIFY(!id.isEmpty());
        QVERIFY(a.editor->updateFields(id, {{TicketField::Priority, u"critical"_qs}}));
        QVERIFY(b.editor->updateFields(id, {{TicketField::Title, u"Renamed by agent2"_qs}}));
        QVERIFY(a.sync());
        QVERIFY(b.sync());
        QVERIFY(a.sync());
        QCOMPARE(b.store->outbox().conflictCount(), 0);
        for (SyncClient *c : {&a, &b}) {
            const auto t = c->store->tickets().ticket(id);
            QCOMPARE(t->priority, Priority::Critical);
            QCOMPARE(t->title, u"Renamed by agent2"_qs);
        }
        QCOMPARE(stateHash(cacheTickets(a)), stateHash(serverTickets(u"agent1"_qs)));
        QCOMPARE(stateHash(cacheTickets(b)), stateHash(serverTickets(u"agent2"_qs)));
    }

    void bothChangeAssigneeOneWinsOtherCanReapply()
    {
        SyncClient a;
        SyncClient b;
        QVERIFY(a.open(direct(), direct(), u"agent1"_qs));
        QVERIFY(b.open(direct(), direct(), u"agent2"_qs));
        QVERIFY(a.sync() && b.sync());
        const QString id = sharedTicket(a);
        QVERIFY(a.editor->assignToMe(id));
        QVERIFY(b.editor->assignToMe(id));
        QVERIFY(a.sync());
        QVERIFY(b.sync()); // the cycle succeeds; the refused change is a conflict
        QCOMPARE(b.store->outbox().conflictCount(), 1);
        const SyncConflict c = b.store->outbox().conflicts().first();
        QCOMPARE(c.status, u"conflict"_qs);
        QCOMPARE(b.store->tickets().ticket(id)->assigneeId, a.userId); // server value shown, no flicker later
        ConflictResolver resolver(b.store.get(), b.editor.get());
        QString error;
        QVERIFY2(resolver.resolve(c.id, ConflictResolver::Choice::ApplyMine, &error), qPrintable(error));
        QVERIFY(b.sync());
        QVERIFY(a.sync());
        QCOMPARE(b.store->outbox().conflictCount(), 0);
        QCOMPARE(a.store->tickets().ticket(id)->assigneeId, b.userId);
        QCOMPARE(stateHash(cacheTickets(a)), stateHash(serverTickets(u"agent1"_qs)));
    }

    void tagsMergeAsIntents()
    {
        SyncClient a;
        SyncClient b;
        QVERIFY(a.open(direct(), direct(), u"agent1"_qs));
        QVERIFY(b.open(direct(), direct(), u"agent2"_qs));
        QVERIFY(a.sync() && b.sync());
        const QString id = sharedTicket(a);
        const QStringList before = a.store->tickets().ticket(id)->tags;
        QVERIFY(!before.isEmpty());
        QVERIFY(a.editor->changeTags(id, {u"vpn"_qs}, {before.first()}));
        QVERIFY(b.editor->changeTags(id, {u"office"_qs}, {}));
        QVERIFY(a.sync() && b.sync() && a.sync());
        QStringList expected = before;
        expected.removeAll(before.first());
        expected << u"vpn"_qs << u"office"_qs;
        for (SyncClient *c : {&a, &b}) {
            QStringList got = c->store->tickets().ticket(id)->tags;
            got.sort();
            QStringList want = expected;
            want.sort();
            QCOMPARE(got, want);
            QCOMPARE(c->store->outbox().conflictCount(), 0);
        }
    }

    void commentsFromBothSidesExactlyOnce()
    {
        SyncClient a;
        SyncClient b;
        QVERIFY(a.open(direct(), proxied(), u"agent1"_qs));
        QVERIFY(b.open(direct(), direct(), u"agent2"_qs));
        QVERIFY(a.sync() && b.sync());
        const QString id = sharedTicket(a);
        const int before = static_cast<int>(serverComments(id).size());
        QVERIFY(a.editor->addComment(id, u"Проверил логи, всё чисто"_qs, false));
        QVERIFY(b.editor->addComment(id, u"Asked the vendor"_qs, false));
        m_proxy->setMatch("POST /api/v1/mutations");
        m_proxy->setMode(FaultProxy::Mode::DropResponse);
        QVERIFY(!a.sync());
        m_proxy->setMode(FaultProxy::Mode::Pass);
        QVERIFY(a.sync() && b.sync() && a.sync());
        const QJsonArray comments = serverComments(id);
        QCOMPARE(comments.size(), before + 2);
        QCOMPARE(a.store->tickets().comments(id).size(), before + 2);
        QCOMPARE(b.store->tickets().comments(id).size(), before + 2);
    }

    void editsToATicketDeletedMeanwhileKeepTheText()
    {
        SyncClient a;
        QVERIFY(a.open(direct(), direct(), u"agent1"_qs));
        QVERIFY(a.sync());
        const QString id = sharedTicket(a);
        const QString text = u"Долгое описание, которое нельзя потерять "_qs + newId();
        QVERIFY(a.editor->updateFields(id, {{TicketField::Description, text}}));
        TestClient admin(direct());
        QVERIFY(admin.login(u"admin"_qs));
        QCOMPARE(admin.del(u"/api/v1/tickets/"_qs + id).status / 100, 2);
        QVERIFY(a.sync());
        QCOMPARE(a.store->outbox().pendingCount(), 0);
        QCOMPARE(a.store->outbox().conflictCount(), 1);
        const SyncConflict c = a.store->outbox().conflicts().first();
        QCOMPARE(c.status, u"rejected"_qs);
        QVERIFY(ConflictResolver::textOf(c).contains(text));
        QVERIFY(a.sync());
        QVERIFY(!a.store->tickets().ticket(id)); // the tombstone arrived once nothing was pending
    }

    void fiveHundredOfflineChangesAppliedOnceInOrder()
    {
        SyncClient a;
        QVERIFY(a.open(direct(), proxied(), u"agent1"_qs));
        QVERIFY(a.sync());
        const QString id = sharedTicket(a);
        const int before = static_cast<int>(serverComments(id).size());
        m_proxy->setMode(FaultProxy::Mode::Refuse);
        for (int i = 0; i < 500; ++i)
            QVERIFY2(
                a.editor->addComment(id, u"note %1"_qs.arg(i), false), qPrintable(a.editor->lastError()));
        QVERIFY(!a.sync());
        QCOMPARE(a.store->outbox().pendingCount(), 500);
        m_proxy->setMode(FaultProxy::Mode::Pass);
        a.engine->setBatchSize(50);
        QVERIFY2(a.sync(), qPrintable(a.engine->lastError()));
        QCOMPARE(a.store->outbox().pendingCount(), 0);
        const QJsonArray comments = serverComments(id);
        QCOMPARE(comments.size(), before + 500);
        int next = 0;
        for (const auto &v : comments) {
            const QString body = v.toObject().value(u"body"_qs).toString();
            if (body == u"note %1"_qs.arg(next))
                ++next;
        }
        QCOMPARE(next, 500); // all there, in the order they were written
    }

    void serverKilledMidBatchAppliesEverythingOnce()
    {
        TriagedProcess server;
        TriagedProcess::Options opts;
        QVERIFY2(server.start(opts), qPrintable(server.error()));
        const QString dataDir = server.dataDir();
        FaultProxy proxy(server.port());
        QVERIFY(proxy.listen());
        SyncClient a;
        QVERIFY(a.open(server.baseUrl(), QUrl(u"http://127.0.0.1:%1"_qs.arg(proxy.port())), u"agent1"_qs));
        QVERIFY(a.sync());
        const QString id = sharedTicket(a);
        for (int i = 0; i < 300; ++i)
            QVERIFY(a.editor->addComment(id, u"crash-note %1"_qs.arg(i), false));
        a.engine->setBatchSize(20);
        proxy.setDelayMs(30); // slow enough to kill it half-way
        proxy.setMode(FaultProxy::Mode::Delay);
        a.engine->syncNow();
        QTRY_VERIFY_WITH_TIMEOUT(a.store->outbox().pendingCount() < 250, 20000);
        server.kill();
        QTRY_VERIFY_WITH_TIMEOUT(a.engine->state() != SyncEngine::State::Syncing, 20000);
        QVERIFY(a.store->outbox().pendingCount() > 0);

        TriagedProcess again;
        opts.dataDir = dataDir;
        opts.demo = false;
        QVERIFY2(again.start(opts), qPrintable(again.error()));
        a.pointAt(again.baseUrl());
        QVERIFY2(a.sync(), qPrintable(a.engine->lastError()));
        QCOMPARE(a.store->outbox().pendingCount(), 0);
        TestClient admin(again.baseUrl());
        QVERIFY(admin.login(u"admin"_qs));
        const QJsonArray comments
            = admin.get(u"/api/v1/tickets/%1/comments"_qs.arg(id)).json().value(u"comments"_qs).toArray();
        int next = 0;
        int seen = 0;
        for (const auto &v : comments) {
            const QString body = v.toObject().value(u"body"_qs).toString();
            if (!body.startsWith(u"crash-note "_qs))
                continue;
            ++seen;
            QCOMPARE(body, u"crash-note %1"_qs.arg(next));
            ++next;
        }
        QCOMPARE(seen, 300); // each exactly once, in order
    }

    void newServerEpochResyncsAndKeepsPendingChanges()
    {
        TriagedProcess first;
        QVERIFY2(first.start(), qPrintable(first.error()));
        SyncClient a;
        QVERIFY(a.open(first.baseUrl(), first.baseUrl(), u"agent1"_qs));
        Ticket onlyOnFirst;
        onlyOnFirst.title = u"Exists only on the old server"_qs;
        const auto made = a.editor->createTicket(onlyOnFirst);
        QVERIFY(a.sync());
        QVERIFY(a.store->tickets().ticket(made->id)->number);
        const QString id = sharedTicket(a);
        QVERIFY(
            a.editor->updateFields(id, {{TicketField::Priority, u"high"_qs}})); // pending across the switch

        TriagedProcess restored; // same demo data, new database: a new epoch
        QVERIFY2(restored.start(), qPrintable(restored.error()));
        TestClient login(restored.baseUrl());
        QVERIFY(login.login(u"agent1"_qs));
        a.pointAt(restored.baseUrl());
        a.api->setToken(QString::fromUtf8(login.token()));
        QSignalSpy divergences(a.engine.get(), &SyncEngine::divergencesFound);
        QVERIFY2(a.sync(), qPrintable(a.engine->lastError()));
        QCOMPARE(a.store->outbox().pendingCount(), 0);
        QVERIFY(a.store->tickets().ticket(made->id)); // never deleted silently…
        QCOMPARE(divergences.count(), 1); // …but listed
        bool listed = false;
        for (const auto &c : a.store->outbox().conflicts())
            listed |= c.status == u"diverged"_qs && c.entityId == made->id;
        QVERIFY(listed);
        TestClient check(restored.baseUrl());
        QVERIFY(check.login(u"agent1"_qs));
        QCOMPARE(check.get(u"/api/v1/tickets/"_qs + id).json().value(u"priority"_qs).toString(), u"high"_qs);
    }

    void networkHintShowsOfflineAndRetriesAtOnceWhenBack()
    {
        SyncClient a;
        QVERIFY(a.open(direct(), direct(), u"agent1"_qs));
        QVERIFY2(a.sync(), qPrintable(a.engine->lastError()));
        a.engine->start();
        QTRY_COMPARE(a.engine->state(), SyncEngine::State::Idle);
        // The system says the link is gone: shown at once, no request needed.
        a.engine->networkStatus()->setHint(NetworkStatus::Hint::Offline);
        QCOMPARE(a.engine->state(), SyncEngine::State::Offline);
        // It is back: a cycle runs now instead of after the backoff.
        QSignalSpy cycles(a.engine.get(), &SyncEngine::cycleFinished);
        a.engine->networkStatus()->setHint(NetworkStatus::Hint::Online);
        QVERIFY(cycles.wait(5000));
        QVERIFY(cycles.first().first().toBool());
        QCOMPARE(a.engine->state(), SyncEngine::State::Idle);
        a.engine->stop();
    }

    void expiredTokenStopsAndResumes()
    {
        SyncClient a;
        QVERIFY(a.open(direct(), direct(), u"agent1"_qs));
        QVERIFY2(a.sync(), qPrintable(a.engine->lastError()));
        const QString token = QString::fromUtf8(a.api->authorization().mid(7));
        TestClient revoke(direct());
        revoke.setToken(token.toUtf8());
        QCOMPARE(revoke.post(u"/api/v1/auth/logout"_qs, {}).status / 100, 2);
        const QString id = sharedTicket(a);
        QVERIFY2(a.editor->updateFields(
                     id, {{TicketField::Title, QString(u"Edited while the token expired "_qs + newId())}}),
            qPrintable(a.editor->lastError()));
        QSignalSpy auth(a.engine.get(), &SyncEngine::authRequired);
        QVERIFY(!a.sync());
        QCOMPARE(a.engine->state(), SyncEngine::State::AuthRequired);
        QVERIFY(auth.count() >= 1);
        QCOMPARE(a.store->outbox().pendingCount(), 1); // nothing lost
        TestClient fresh(direct());
        QVERIFY(fresh.login(u"agent1"_qs));
        a.api->setToken(QString::fromUtf8(fresh.token()));
        const bool ok = a.sync();
        QVERIFY2(ok,
            qPrintable(a.engine->lastError() + u" state "_qs
                + QString::number(static_cast<int>(a.engine->state()))));
        QCOMPARE(a.store->outbox().pendingCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSync)
#include "tst_sync.moc"
