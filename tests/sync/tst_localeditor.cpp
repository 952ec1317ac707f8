#include "domain/TicketFields.h"
#include "domain/Uuid.h"
#include "store/CacheDatabase.h"
#include "store/LocalCache.h"
#include "sync/LocalEditor.h"
#include "sync/MutationCodec.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace triage;

class TestLocalEditor : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<CacheDatabase> m_db;
    std::unique_ptr<LocalCache> m_store;
    std::unique_ptr<LocalEditor> m_editor;
    QString m_me = newId();
    int m_n = 0;

    Ticket serverTicket(TicketStatus status = TicketStatus::New)
    {
        Ticket t;
        t.id = newId();
        t.number = 100 + m_n;
        t.title = u"Тормозит 1С"_qs;
        t.status = status;
        t.version = 7;
        t.createdAt = t.updatedAt = 1772434800000;
        t.rank = m_n++;
        m_store->tickets().upsertTickets({t});
        return t;
    }

private Q_SLOTS:
    void init()
    {
        m_db = CacheDatabase::open(m_dir.filePath(u"c%1.db"_qs.arg(++m_n)), nullptr, nullptr);
        m_store = std::make_unique<LocalCache>(m_db.get());
        m_editor = std::make_unique<LocalEditor>(&m_store->tickets(), &m_store->referenceData(), m_me);
    }
    void cleanup()
    {
        m_editor.reset();
        m_store.reset();
        m_db.reset();
    }

    void fieldsReadAndApplyEveryEditableField()
    {
        Ticket t;
        for (const auto &f : ticketfields::editable())
            QVERIFY2(!ticketfields::value(t, f).isUndefined(), qPrintable(f));
        QVERIFY(!ticketfields::apply(t, u"priority"_qs, u"critical"_qs));
        QCOMPARE(t.priority, Priority::Critical);
        QVERIFY(ticketfields::apply(t, u"priority"_qs, u"urgent"_qs));
        QVERIFY(ticketfields::apply(t, u"priority"_qs, 1));
        QVERIFY(ticketfields::apply(t, u"assignee_id"_qs, u"' OR 1=1 --"_qs));
        QVERIFY(!ticketfields::apply(t, u"assignee_id"_qs, QJsonValue()));
        QVERIFY(ticketfields::apply(t, u"csat_rating"_qs, 6));
        QVERIFY(!ticketfields::apply(t, u"csat_rating"_qs, 5));
        QVERIFY(ticketfields::apply(t, u"version"_qs, 1)); // not editable
        QVERIFY(ticketfields::apply(t, u"title"_qs, QJsonValue()));
    }

    void createIsLocalPendingWithoutNumber()
    {
        Ticket draft;
        draft.title = u"Принтер не печатает"_qs;
        draft.tags = {u" Printer "_qs};
        const auto created = m_editor->createTicket(draft);
        QVERIFY2(created, qPrintable(m_editor->lastError()));
        QVERIFY(isValidId(created->id));
        QVERIFY(!created->number);
        QCOMPARE(created->requesterId, m_me);
        QCOMPARE(m_store->tickets().ticket(created->id)->tags, QStringList {u"printer"_qs});
        const auto outbox = m_store->outbox().pending();
        QCOMPARE(outbox.size(), 1);
        QCOMPARE(outbox.first().type, u"ticket.create"_qs);
        QCOMPARE(
            outbox.first().payload.value(u"ticket"_qs).toObject().value(u"id"_qs).toString(), created->id);

        Ticket bad;
        bad.title = u"  "_qs;
        QVERIFY(!m_editor->createTicket(bad));
        QVERIFY(m_editor->lastError().contains(u"title"_qs));
        QCOMPARE(m_store->outbox().pendingCount(), 1);
    }

    void updateRecordsIntentsWithBaseVersion()
    {
        const Ticket t = serverTicket();
        QVERIFY(m_editor->updateFields(
            t.id, {{TicketField::Priority, u"high"_qs}, {TicketField::Title, u"Тормозит 1С у всех"_qs}}));
        const auto e = m_store->outbox().pending().constLast();
        QCOMPARE(e.type, u"ticket.update"_qs);
        QCOMPARE(e.payload.value(u"base_version"_qs).toInt(), 7);
        const QJsonArray changes = e.payload.value(u"changes"_qs).toArray();
        QCOMPARE(changes.size(), 2);
        for (const auto &c : changes) {
            const QJsonObject o = c.toObject();
            if (o.value(u"field"_qs) == u"priority"_qs) {
                QCOMPARE(o.value(u"from"_qs).toString(), u"normal"_qs);
                QCOMPARE(o.value(u"to"_qs).toString(), u"high"_qs);
            }
        }
        const auto local = m_store->tickets().ticket(t.id);
        QCOMPARE(local->priority, Priority::High);
        QCOMPARE(local->version, 7); // still the server's version until synced
        // No-op edits queue nothing.
        const int before = m_store->outbox().pendingCount();
        QVERIFY(m_editor->updateFields(t.id, {{TicketField::Priority, u"high"_qs}}));
        QCOMPARE(m_store->outbox().pendingCount(), before);
    }

    void workflowRefusalsAreReportedAndWriteNothing()
    {
        const Ticket t = serverTicket(TicketStatus::InProgress);
        QSignalSpy refused(m_editor.get(), &LocalEditor::refused);
        QVERIFY(!m_editor->updateFields(t.id, {{TicketField::Status, u"closed"_qs}}));
        QCOMPARE(refused.count(), 1);
        // A code the UI translates, and the same in English for logs and the CLI.
        QCOMPARE(refused.first().at(1).value<Refusal>().code, RefusalCode::ResolveBeforeClosing);
        QCOMPARE(m_editor->lastRefusal().code, RefusalCode::ResolveBeforeClosing);
        QCOMPARE(m_editor->lastError(), u"Resolve the ticket before closing it."_qs);
        QVERIFY(!m_editor->updateFields(t.id, {{TicketField::Status, u"resolved"_qs}})); // unassigned
        QCOMPARE(m_editor->lastRefusal().code, RefusalCode::AssignBeforeResolving);
        QVERIFY(!m_editor->updateWireFields(t.id, {{u"number"_qs, 1}}));
        QCOMPARE(m_editor->lastRefusal().code, RefusalCode::InvalidFields);
        QVERIFY(!m_editor->updateFields(newId(), {{TicketField::Title, u"x"_qs}}));
        QCOMPARE(m_editor->lastRefusal().code, RefusalCode::TicketGone);
        QCOMPARE(m_store->outbox().pendingCount(), 0);
        QCOMPARE(m_store->tickets().ticket(t.id)->status, TicketStatus::InProgress);
        QVERIFY(m_editor->assignToMe(t.id));
        QVERIFY(m_editor->updateFields(t.id, {{TicketField::Status, u"resolved"_qs}}));
        QCOMPARE(m_store->outbox().pendingCount(), 2);
    }

    void tagsAreAddRemoveSets()
    {
        const Ticket t = serverTicket();
        QVERIFY(m_editor->changeTags(t.id, {u"VPN"_qs, u"office"_qs}, {}));
        QVERIFY(m_editor->changeTags(t.id, {u"vpn"_qs}, {u"office"_qs, u"absent"_qs}));
        QCOMPARE(m_store->tickets().ticket(t.id)->tags, QStringList {u"vpn"_qs});
        const auto last = m_store->outbox().pending().constLast().payload;
        QCOMPARE(last.value(u"tags_add"_qs).toArray().size(), 0);
        QCOMPARE(last.value(u"tags_remove"_qs).toArray(), QJsonArray {u"office"_qs});
    }

    void moveComputesProvisionalRank()
    {
        const Ticket a = serverTicket(TicketStatus::InProgress);
        const Ticket b = serverTicket(TicketStatus::InProgress);
        const Ticket c = serverTicket(TicketStatus::New);
        QVERIFY(m_editor->move(c.id, TicketStatus::InProgress, a.id, b.id));
        const auto moved = m_store->tickets().ticket(c.id);
        QCOMPARE(moved->status, TicketStatus::InProgress);
        QVERIFY(moved->rank > a.rank && moved->rank < b.rank);
        const auto e = m_store->outbox().pending().constLast();
        QCOMPARE(e.type, u"ticket.move"_qs);
        QCOMPARE(e.payload.value(u"after"_qs).toString(), a.id);
        QVERIFY(!m_editor->move(a.id, TicketStatus::Closed, {}, {}));
    }

    void commentsAndNotes()
    {
        const Ticket t = serverTicket();
        const auto note = m_editor->addComment(t.id, u"Внутренняя заметка"_qs, false);
        QVERIFY(note);
        QVERIFY(!note->isPublic);
        QCOMPARE(m_store->tickets().comments(t.id).size(), 1);
        QCOMPARE(m_store->outbox().pending().constLast().type, u"comment.create"_qs);
        QVERIFY(!m_editor->addComment(t.id, u"   "_qs, true));
        QVERIFY(!m_editor->addComment(t.id, u"a\u0000b"_qs, true));
    }

    // A saved view is a change like the others: the cache and a view.put / view.delete outbox row in
    // one transaction; a pulled page does not overwrite a view whose edit is still queued.
    void savedViewsGoThroughTheOutbox()
    {
        QSignalSpy outbox(&m_store->outbox(), &OutboxRepository::outboxChanged);
        QSignalSpy views(&m_store->referenceData(), &ReferenceData::entitiesChanged);
        SavedView v;
        v.id = newId();
        v.name = u"VPN"_qs;
        v.ownerId = m_me;
        QVERIFY(m_editor->saveView(v));
        QCOMPARE(outbox.size(), 1);
        QCOMPARE(views.size(), 1);
        QCOMPARE(m_store->referenceData().entities(u"view"_qs), QList<QJsonObject> {v.toJson()});
        auto pending = m_store->outbox().pending();
        QCOMPARE(pending.size(), 1);
        QCOMPARE(pending.first().type, u"view.put"_qs);
        QCOMPARE(pending.first().entityId, v.id);
        FieldErrors envelope;
        const Mutation m = decodeMutation(
            encodeEnvelope(pending.first().payload, pending.first().type, newId(), 1), u"m"_qs, &envelope);
        QVERIFY(envelope.isEmpty() && m.errors.isEmpty());
        QCOMPARE(m.view, v);

        // The server's older copy arrives before the push: ours stays until the push's answer.
        SavedView older = v;
        older.name = u"Old name"_qs;
        ServerChanges page;
        page.entities << qMakePair(u"view"_qs, older.toJson());
        QVERIFY(m_store->syncWriter().applyServerChanges(page));
        QCOMPARE(m_store->referenceData().entities(u"view"_qs).first().value(u"name"_qs).toString(), v.name);
        QVERIFY(m_store->outbox().remove({pending.first().id}));
        QVERIFY(m_store->syncWriter().applyServerChanges(page));
        QCOMPARE(
            m_store->referenceData().entities(u"view"_qs).first().value(u"name"_qs).toString(), older.name);

        QVERIFY(m_editor->deleteView(v.id));
        QVERIFY(m_store->referenceData().entities(u"view"_qs).isEmpty());
        pending = m_store->outbox().pending();
        QCOMPARE(pending.size(), 1);
        QCOMPARE(pending.first().type, u"view.delete"_qs);
        QCOMPARE(pending.first().payload.value(u"view_id"_qs).toString(), v.id);
        QVERIFY(m_editor->deleteView(v.id)); // gone already: nothing more queued
        QCOMPARE(m_store->outbox().pendingCount(), 1);

        // What the server would refuse as invalid is refused here and queues nothing.
        SavedView unnamed = v;
        unnamed.id = newId();
        unnamed.name = u"  "_qs;
        QVERIFY(!m_editor->saveView(unnamed));
        QCOMPARE(m_editor->lastRefusal().code, RefusalCode::InvalidFields);
        QCOMPARE(m_store->outbox().pendingCount(), 1);
        QVERIFY(m_store->referenceData().entities(u"view"_qs).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLocalEditor)
#include "tst_localeditor.moc"
