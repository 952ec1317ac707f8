// Saved views through the outbox (view.put / view.delete) against a real triaged: saved offline and
// sent once online, refused by the server's rule (another user's view, sharing without the right,
// a viewer, a requester) and restored from the server's copy, deleted, and the queue an older
// console kept in meta "pending_views" adopted once.
#include "FaultProxy.h"
#include "SyncTestClient.h"
#include "TriagedProcess.h"
#include "domain/Uuid.h"
#include "sync/ConflictResolver.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QtTest>

using namespace triage;
using namespace triage::test;

class TestViewSync : public QObject
{
    Q_OBJECT

    TriagedProcess m_server;
    std::unique_ptr<FaultProxy> m_proxy;

    QUrl direct() const { return m_server.baseUrl(); }
    QUrl proxied() const { return QUrl(u"http://127.0.0.1:%1"_qs.arg(m_proxy->port())); }

    // GET /views as `user`: id → view.
    QHash<QString, QJsonObject> serverViews(const QString &user)
    {
        TestClient c(direct());
        if (!c.login(user))
            return {};
        QHash<QString, QJsonObject> out;
        for (const auto &v : c.get(u"/api/v1/views"_qs).json().value(u"views"_qs).toArray())
            out.insert(v.toObject().value(u"id"_qs).toString(), v.toObject());
        return out;
    }

    static std::optional<QJsonObject> cachedView(SyncClient &c, const QString &id)
    {
        for (const auto &o : c.store->referenceData().entities(u"view"_qs)) {
            if (o.value(u"id"_qs).toString() == id)
                return o;
        }
        return std::nullopt;
    }

    static SavedView personal(const SyncClient &c, const QString &name)
    {
        SavedView v;
        v.id = newId();
        v.name = name;
        v.ownerId = c.userId;
        v.filter.text = u"printer"_qs;
        return v;
    }

private Q_SLOTS:
    void initTestCase()
    {
        TriagedProcess::Options opts;
#ifdef TRIAGE_TEST_PG
        TRIAGE_REQUIRE_PG_DATABASE(opts.databaseUrl);
#endif
        QVERIFY2(m_server.start(opts), qPrintable(m_server.error()));
        m_proxy = std::make_unique<FaultProxy>(m_server.port());
        QVERIFY(m_proxy->listen());
    }
    void init()
    {
        m_proxy->setMode(FaultProxy::Mode::Pass);
    }

    void savedOfflineReachesTheServerOnce()
    {
        SyncClient a;
        QVERIFY(a.open(direct(), proxied(), u"agent1"_qs));
        QVERIFY(a.sync());
        m_proxy->setMode(FaultProxy::Mode::Refuse);
        m_proxy->closeAll(); // keep-alive connections too: offline now
        SavedView v = personal(a, u"Принтеры"_qs);
        QVERIFY(a.editor->saveView(v));
        v.name = u"Printers, 3rd floor"_qs; // edited again while offline: two intents, in order
        QVERIFY(a.editor->saveView(v));
        QCOMPARE(cachedView(a, v.id)->value(u"name"_qs).toString(), v.name); // at once, offline
        QCOMPARE(a.store->outbox().pendingCount(), 2);
        QVERIFY(!a.sync());
        QCOMPARE(a.engine->state(), SyncEngine::State::Offline);
        QVERIFY(!serverViews(u"agent1"_qs).contains(v.id));

        m_proxy->setMode(FaultProxy::Mode::Pass);
        QSignalSpy refused(a.engine.get(), &SyncEngine::viewRefused);
        QVERIFY2(a.sync(), qPrintable(a.engine->lastError()));
        QCOMPARE(a.store->outbox().pendingCount(), 0);
        QCOMPARE(a.store->outbox().conflictCount(), 0);
        QCOMPARE(refused.size(), 0);
        const auto onServer = serverViews(u"agent1"_qs);
        QVERIFY(onServer.contains(v.id));
        QCOMPARE(onServer.value(v.id), v.toJson());
        QVERIFY(!serverViews(u"agent2"_qs).contains(v.id)); // personal
        QCOMPARE(*cachedView(a, v.id), v.toJson());
    }

    // A lead may not share (only administrators may): refused, the server's copy (the personal
    // version it accepted) comes back, the agent is told and the change is kept as a conflict.
    void refusedShareIsRestoredAndReported()
    {
        SyncClient lead;
        QVERIFY(lead.open(direct(), direct(), u"lead"_qs));
        QVERIFY(lead.sync());
        SavedView v = personal(lead, u"Team printers"_qs);
        QVERIFY(lead.editor->saveView(v));
        QVERIFY(lead.sync());
        QVERIFY(serverViews(u"lead"_qs).contains(v.id));

        SavedView shared = v;
        shared.ownerId.clear();
        shared.name = u"Everyone's printers"_qs;
        QVERIFY(lead.editor->saveView(shared));
        QVERIFY(cachedView(lead, v.id)->value(u"owner_id"_qs).isNull());
        QSignalSpy refused(lead.engine.get(), &SyncEngine::viewRefused);
        QVERIFY(lead.sync());
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.first().at(0).toString(), shared.name);
        const QJsonObject problem = refused.first().at(1).toJsonObject();
        QCOMPARE(problem.value(u"status"_qs).toInt(), 403);
        QVERIFY(problem.value(u"detail"_qs).toString().contains(u"Only administrators"_qs));
        QCOMPARE(*cachedView(lead, v.id), v.toJson()); // the server's copy, not ours
        QCOMPARE(serverViews(u"lead"_qs).value(v.id), v.toJson());
        QCOMPARE(lead.store->outbox().pendingCount(), 0);
        const auto conflicts = lead.store->outbox().conflicts();
        QCOMPARE(conflicts.size(), 1);
        QCOMPARE(conflicts.first().status, u"rejected"_qs);
        QCOMPARE(conflicts.first().entityId, v.id);
        QCOMPARE(ConflictResolver::textOf(conflicts.first()), shared.name); // what the agent wrote is kept

        // The admin may share it: PUT-over-REST and the mutation follow the same rule.
        SyncClient admin;
        QVERIFY(admin.open(direct(), direct(), u"admin"_qs));
        QVERIFY(admin.sync());
        QVERIFY(admin.editor->saveView(shared));
        QVERIFY(admin.sync());
        QCOMPARE(admin.store->outbox().conflictCount(), 0);
        QVERIFY(serverViews(u"agent2"_qs).contains(v.id));
    }

    // Another agent's personal view cannot be taken over: refused, and the local copy (which this
    // agent may not read on the server) goes away.
    void anotherUsersViewIsRefused()
    {
        SyncClient owner;
        QVERIFY(owner.open(direct(), direct(), u"agent2"_qs));
        SavedView v = personal(owner, u"Sam's queue"_qs);
        QVERIFY(owner.editor->saveView(v));
        QVERIFY(owner.sync());

        SyncClient thief;
        QVERIFY(thief.open(direct(), direct(), u"agent1"_qs));
        QVERIFY(thief.sync());
        QVERIFY(!cachedView(thief, v.id)); // never sent to another agent
        SavedView taken = v;
        taken.ownerId = thief.userId;
        taken.name = u"Mine now"_qs;
        QVERIFY(thief.editor->saveView(taken));
        QSignalSpy refused(thief.engine.get(), &SyncEngine::viewRefused);
        QVERIFY(thief.sync());
        QCOMPARE(refused.size(), 1);
        QVERIFY(refused.first()
                    .at(1)
                    .toJsonObject()
                    .value(u"detail"_qs)
                    .toString()
                    .contains(u"belongs to someone else"_qs));
        QVERIFY(!cachedView(thief, v.id));
        QCOMPARE(thief.store->outbox().conflictCount(), 1);
        QCOMPARE(serverViews(u"agent2"_qs).value(v.id), v.toJson()); // untouched

        // Its deletion too (not visible: 404, as DELETE /views/{id} answers).
        QVERIFY(thief.store->referenceData().putEntities(u"view"_qs, {v.toJson()}));
        QVERIFY(thief.editor->deleteView(v.id));
        QVERIFY(thief.sync());
        const auto conflicts = thief.store->outbox().conflicts();
        QCOMPARE(conflicts.size(), 2);
        QVERIFY(std::any_of(conflicts.begin(), conflicts.end(), [](const SyncConflict &c) {
            return c.mutation.value(u"type"_qs) == u"view.delete"_qs
                && c.result.value(u"problem"_qs).toObject().value(u"status"_qs) == 404;
        }));
        QVERIFY(!cachedView(thief, v.id));
        QVERIFY(serverViews(u"agent2"_qs).contains(v.id));
    }

    // A viewer writes nothing (the batch is refused before any mutation runs); a requester's view
    // mutation is refused by the views rule itself. Nothing reaches the server either way.
    void viewersAndRequestersAreRefused()
    {
        for (const QString &user : {u"wall"_qs, u"requester01"_qs}) {
            TestClient c(direct());
            QVERIFY(c.login(user));
            const QString me = c.get(u"/api/v1/me"_qs).json().value(u"id"_qs).toString();
            SavedView v;
            v.id = newId();
            v.name = u"Wall view"_qs;
            v.ownerId = me;
            const HttpResult rest = c.send("PUT", u"/api/v1/views/"_qs + v.id, toJson(v.toJson()));
            QCOMPARE(rest.status, 403);
            const QJsonObject put {{u"id"_qs, newId()}, {u"client_seq"_qs, 1}, {u"type"_qs, u"view.put"_qs},
                {u"view"_qs, v.toJson()}};
            const HttpResult r = c.post(
                u"/api/v1/mutations"_qs, {{u"client_id"_qs, newId()}, {u"mutations"_qs, QJsonArray {put}}});
            if (user == u"wall") {
                QCOMPARE(r.status, 403);
                QCOMPARE(r.problemType(), u"read-only"_qs);
            } else {
                QCOMPARE(r.status, 200);
                const QJsonObject result = r.json().value(u"results"_qs).toArray().first().toObject();
                QCOMPARE(result.value(u"status"_qs).toString(), u"rejected"_qs);
                QCOMPARE(result.value(u"problem"_qs).toObject().value(u"detail"_qs).toString(),
                    rest.json().value(u"detail"_qs).toString()); // one rule, one answer
                QVERIFY(result.value(u"view"_qs).isNull());
            }
            QVERIFY(!serverViews(u"admin"_qs).contains(v.id));
        }
    }

    void deleteReachesTheServer()
    {
        SyncClient a;
        QVERIFY(a.open(direct(), proxied(), u"agent1"_qs));
        const SavedView v = personal(a, u"Short-lived"_qs);
        QVERIFY(a.editor->saveView(v));
        QVERIFY(a.sync());
        QVERIFY(serverViews(u"agent1"_qs).contains(v.id));
        m_proxy->setMode(FaultProxy::Mode::Refuse);
        m_proxy->closeAll(); // keep-alive connections too: offline now
        QVERIFY(a.editor->deleteView(v.id));
        QVERIFY(!cachedView(a, v.id));
        QVERIFY(a.editor->deleteView(v.id)); // already gone here: nothing more to send
        QCOMPARE(a.store->outbox().pendingCount(), 1);
        QVERIFY(!a.sync());
        m_proxy->setMode(FaultProxy::Mode::Pass);
        QVERIFY(a.sync());
        QVERIFY(!serverViews(u"agent1"_qs).contains(v.id));
        QVERIFY(!cachedView(a, v.id));

        // An agent deleting a shared view: refused, and the shared view comes back.
        const QString sharedId = [&] {
            for (const auto &o : a.store->referenceData().entities(u"view"_qs)) {
                if (o.value(u"owner_id"_qs).isNull())
                    return o.value(u"id"_qs).toString();
            }
            return QString();
        }();
        QVERIFY(!sharedId.isEmpty());
        QVERIFY(a.editor->deleteView(sharedId));
        QVERIFY(!cachedView(a, sharedId));
        QVERIFY(a.sync());
        QVERIFY(cachedView(a, sharedId));
        QVERIFY(serverViews(u"agent1"_qs).contains(sharedId));
    }

    // A profile of the version before the outbox carried views: its meta queue becomes outbox
    // entries once (a PUT of the cached view; a DELETE where the view is no longer cached).
    void anOlderQueueIsAdoptedOnce()
    {
        SyncClient a;
        QVERIFY(a.open(direct(), direct(), u"agent1"_qs));
        const SavedView gone = personal(a, u"Deleted offline, old version"_qs);
        QVERIFY(a.editor->saveView(gone));
        QVERIFY(a.sync());
        QVERIFY(serverViews(u"agent1"_qs).contains(gone.id));

        // What SavedViewSync left behind: the views written straight into the cache, their ids in
        // meta "pending_views" (and a base copy of an edited one), nothing in the outbox.
        const SavedView kept = personal(a, u"Saved offline, old version"_qs);
        QVERIFY(a.store->referenceData().putEntities(u"view"_qs, {kept.toJson()}));
        QVERIFY(a.store->referenceData().removeEntity(u"view"_qs, gone.id));
        QVERIFY(a.store->meta().setValue(u"pending_views"_qs, kept.id + u","_qs + gone.id));
        QVERIFY(a.store->meta().setValue(u"view_base:"_qs + gone.id, u"{}"_qs));
        QCOMPARE(a.store->outbox().pendingCount(), 0);

        QVERIFY(a.editor->adoptLegacyViewQueue(a.store->meta()));
        const auto pending = a.store->outbox().pending();
        QCOMPARE(pending.size(), 2);
        QCOMPARE(pending.at(0).type, u"view.put"_qs);
        QCOMPARE(pending.at(0).entityId, kept.id);
        QCOMPARE(pending.at(1).type, u"view.delete"_qs);
        QCOMPARE(pending.at(1).entityId, gone.id);
        QVERIFY(a.store->meta().value(u"pending_views"_qs).isEmpty());
        QVERIFY(a.store->meta().value(u"view_base:"_qs + gone.id).isEmpty());
        QVERIFY(a.editor->adoptLegacyViewQueue(a.store->meta())); // the next open: nothing again
        QCOMPARE(a.store->outbox().pendingCount(), 2);

        QVERIFY(a.sync());
        const auto onServer = serverViews(u"agent1"_qs);
        QCOMPARE(onServer.value(kept.id), kept.toJson());
        QVERIFY(!onServer.contains(gone.id));
        QCOMPARE(a.store->outbox().conflictCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestViewSync)
#include "tst_view_sync.moc"
