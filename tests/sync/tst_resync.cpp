// Full resync after a 410 against real triaged processes: a server whose database is replaced by
// an older copy (restored from a backup) must not take local data with it — what it lacks is kept
// and listed, what it has older is listed and re-appliable — and pending changes still go out once.
#include "SyncTestClient.h"
#include "TriagedProcess.h"
#include "domain/Uuid.h"
#include "sync/ConflictResolver.h"

#include <QDir>
#include <QSignalSpy>
#include <QtTest>

using namespace triage;
using namespace triage::test;

namespace {

bool copyDir(const QString &from, const QString &to)
{
    QDir().mkpath(to);
    for (const auto &name : QDir(from).entryList(QDir::Files)) {
        if (!QFile::copy(from + u'/' + name, to + u'/' + name))
            return false;
    }
    return true;
}

} // namespace

class tst_Resync : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static QString openTicket(SyncClient &a, int skip)
    {
        TicketFilter f;
        f.statuses = {TicketStatus::New, TicketStatus::InProgress, TicketStatus::Waiting};
        f.sortKey = TicketFilter::SortKey::Number;
        for (const auto &t : a.store->tickets().matching(f, a.userId, 1000)) {
            if (t.number && skip-- == 0)
                return t.id;
        }
        return {};
    }

    static bool pointAt(SyncClient &a, const TriagedProcess &server)
    {
        TestClient login(server.baseUrl());
        if (!login.login(u"agent1"_qs))
            return false;
        a.pointAt(server.baseUrl());
        a.api->setToken(QString::fromUtf8(login.token()));
        return true;
    }

    static QJsonObject serverTicket(const TriagedProcess &server, const QString &id)
    {
        TestClient c(server.baseUrl());
        if (!c.login(u"agent1"_qs))
            return {};
        return c.get(u"/api/v1/tickets/"_qs + id).json();
    }

private Q_SLOTS:
    void restoredBackupListsDivergencesAndLosesNothing()
    {
        const QString live = m_dir.filePath(u"live"_qs);
        const QString backup = m_dir.filePath(u"backup"_qs);
        TriagedProcess::Options opts;
        opts.dataDir = live;
        SyncClient a;
        QString changed;
        QString pendingId;
        QString createdId;
        QString commentId;
        QString changedTitle = u"Renamed after the backup "_qs + newId();
        {
            TriagedProcess server;
            QVERIFY2(server.start(opts), qPrintable(server.error()));
            QVERIFY(a.open(server.baseUrl(), server.baseUrl(), u"agent1"_qs));
            QVERIFY2(a.sync(), qPrintable(a.engine->lastError()));
            changed = openTicket(a, 0);
            pendingId = openTicket(a, 1);
            QVERIFY(!changed.isEmpty() && !pendingId.isEmpty());
            QCOMPARE(server.stop(), 0);
        }
        QVERIFY(copyDir(live, backup)); // the nightly backup
        {
            TriagedProcess server; // the same database, the day goes on
            QVERIFY2(server.start(opts), qPrintable(server.error()));
            QVERIFY(pointAt(a, server));
            Ticket draft;
            draft.title = u"Created after the backup "_qs + newId();
            const auto created = a.editor->createTicket(draft);
            QVERIFY(created);
            createdId = created->id;
            QVERIFY(a.editor->updateFields(changed, {{TicketField::Title, changedTitle}}));
            const auto comment = a.editor->addComment(changed, u"Called the user after the backup"_qs, false);
            QVERIFY(comment);
            commentId = comment->id;
            QVERIFY2(a.sync(), qPrintable(a.engine->lastError()));
            QVERIFY(a.store->tickets().ticket(createdId)->number);
            QCOMPARE(serverTicket(server, changed).value(u"title"_qs).toString(), changedTitle);
            QCOMPARE(server.stop(), 0);
        }
        // A change made offline, still pending when the server comes back from the backup.
        const QString priority = a.store->tickets().ticket(pendingId)->priority == Priority::Critical
            ? u"low"_qs
            : u"critical"_qs;
        QVERIFY(a.editor->updateFields(pendingId, {{TicketField::Priority, priority}}));
        QCOMPARE(a.store->outbox().pendingCount(), 1);

        TriagedProcess restored;
        opts.dataDir = backup;
        QVERIFY2(restored.start(opts), qPrintable(restored.error()));
        QVERIFY(pointAt(a, restored));
        QSignalSpy found(a.engine.get(), &SyncEngine::divergencesFound);
        QVERIFY2(a.sync(), qPrintable(a.engine->lastError()));
        QCOMPARE(found.count(), 1);
        QVERIFY(!a.store->staging().isActive());

        // Nothing local was deleted…
        QVERIFY(a.store->tickets().ticket(createdId));
        bool commentKept = false;
        for (const auto &c : a.store->tickets().comments(changed))
            commentKept |= c.id == commentId;
        QVERIFY(commentKept);
        // …the pending change went out once…
        QCOMPARE(a.store->outbox().pendingCount(), 0);
        QCOMPARE(serverTicket(restored, pendingId).value(u"priority"_qs).toString(), priority);
        // …and each thing the server lost is listed, once.
        const QList<SyncConflict> divergences = a.store->outbox().divergences();
        QStringList listed;
        for (const auto &d : divergences)
            listed << d.result.value(u"divergence"_qs).toString() + u' '
                    + d.mutation.value(u"type"_qs).toString() + u' ' + d.entityId;
        QVERIFY2(divergences.size() == 3, qPrintable(listed.join(u"; "_qs)));
        int missingTicket = 0;
        int missingComment = 0;
        int changedTicket = 0;
        QString changedConflict;
        for (const auto &d : divergences) {
            QCOMPARE(d.status, u"diverged"_qs);
            const QString kind = d.result.value(u"divergence"_qs).toString();
            const QString type = d.mutation.value(u"type"_qs).toString();
            if (kind == u"missing" && type == u"ticket.create" && d.entityId == createdId)
                ++missingTicket;
            else if (kind == u"missing" && type == u"comment.create"
                && d.mutation.value(u"comment"_qs).toObject().value(u"id"_qs).toString() == commentId)
                ++missingComment;
            else if (kind == u"changed" && type == u"ticket.update" && d.entityId == changed) {
                ++changedTicket;
                changedConflict = d.id;
                const QJsonArray changes = d.mutation.value(u"changes"_qs).toArray();
                QCOMPARE(changes.size(), 1);
                QCOMPARE(changes.first().toObject().value(u"field"_qs).toString(), u"title"_qs);
                QCOMPARE(changes.first().toObject().value(u"to"_qs).toString(), changedTitle);
            }
        }
        QCOMPARE(missingTicket, 1);
        QCOMPARE(missingComment, 1);
        QCOMPARE(changedTicket, 1);
        // The cache shows the server's state of the changed ticket; "apply mine" brings mine back.
        QVERIFY(a.store->tickets().ticket(changed)->title != changedTitle);
        ConflictResolver resolver(a.store.get(), a.editor.get());
        QString error;
        QVERIFY2(resolver.resolve(changedConflict, ConflictResolver::Choice::ApplyMine, &error),
            qPrintable(error));
        QVERIFY2(a.sync(), qPrintable(a.engine->lastError()));
        QCOMPARE(serverTicket(restored, changed).value(u"title"_qs).toString(), changedTitle);
        QCOMPARE(a.store->outbox().divergences().size(), 2);

        // A second resync (another 410) lists nothing new: the swap committed with its state.
        QVERIFY2(a.sync(), qPrintable(a.engine->lastError()));
        QCOMPARE(a.store->outbox().divergences().size(), 2);
    }

    void interruptedResyncResumesIntoStaging()
    {
        TriagedProcess server;
        QVERIFY2(server.start(), qPrintable(server.error()));
        SyncClient a;
        QVERIFY(a.open(server.baseUrl(), server.baseUrl(), u"agent1"_qs));
        QVERIFY2(a.sync(), qPrintable(a.engine->lastError()));
        const qint64 count = a.store->tickets().ticketCount();
        // As a killed resync leaves it: staging begun, its reason and an empty cursor in meta.
        QVERIFY(a.store->staging().begin(false));
        QVERIFY(a.store->meta().setValue(u"sync.resync"_qs, u"cursor-expired"_qs));
        QVERIFY(a.store->meta().setValue(u"sync.cursor"_qs, QString()));
        a.pointAt(server.baseUrl()); // a new engine, as after a restart
        QSignalSpy reset(&a.store->tickets(), &TicketRepository::reset);
        QVERIFY2(a.sync(), qPrintable(a.engine->lastError()));
        QVERIFY(!a.store->staging().isActive());
        QVERIFY(a.store->meta().value(u"sync.resync"_qs).isEmpty());
        QVERIFY(!a.store->meta().value(u"sync.cursor"_qs).isEmpty());
        QCOMPARE(a.store->tickets().ticketCount(), count);
        QVERIFY(reset.count() >= 1);
        QVERIFY(a.store->outbox().divergences().isEmpty()); // an expired cursor is not a lost server
    }
};

QTEST_GUILESS_MAIN(tst_Resync)
#include "tst_resync.moc"
