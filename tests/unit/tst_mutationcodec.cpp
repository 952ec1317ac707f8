// The mutation wire codec (core/sync/MutationCodec), the one both ends use: what the client encodes
// decodes to the same typed mutation on the server, and malformed input gets the field errors
// clients and docs/sync-protocol.md rely on.
#include "domain/TicketFields.h"
#include "domain/Uuid.h"
#include "sync/MutationCodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace triage;

Q_DECLARE_METATYPE(triage::Mutation)

namespace {

const qint64 kAt = 1772434800000; // 2026-03-02T07:00:00Z

Ticket ticket()
{
    Ticket t;
    t.id = newId();
    t.title = u"Тормозит 1С"_qs;
    t.description = u"Since the update"_qs;
    t.priority = Priority::High;
    t.requesterId = newId();
    t.groupId = newId();
    t.tags = {u"1c"_qs};
    t.createdAt = t.updatedAt = kAt;
    return t;
}

SavedView view()
{
    SavedView v;
    v.id = newId();
    v.name = u"VPN, срочные"_qs;
    v.ownerId = newId();
    v.filter.text = u"vpn"_qs;
    v.filter.priorities = {Priority::High};
    v.position = 3;
    return v;
}

Mutation base(Mutation::Type type, const QString &ticketId = newId())
{
    Mutation m;
    m.type = type;
    m.ticketId = ticketId;
    m.baseVersion = 7;
    return m;
}

// Everything a mutation says (not what decoding adds: raw, payloadHash, errors).
void compareIntent(const Mutation &got, const Mutation &want)
{
    QCOMPARE(int(got.type), int(want.type));
    QCOMPARE(got.id, want.id);
    QCOMPARE(got.clientSeq, want.clientSeq);
    QCOMPARE(got.ticket, want.ticket);
    QCOMPARE(got.ticketId, want.ticketId);
    QCOMPARE(got.baseVersion, want.baseVersion);
    QCOMPARE(got.changes, want.changes);
    QCOMPARE(got.lists, want.lists);
    QCOMPARE(got.comment, want.comment);
    QCOMPARE(got.confirm, want.confirm);
    QCOMPARE(got.attachmentIds, want.attachmentIds);
    QCOMPARE(got.status, want.status);
    QCOMPARE(got.after, want.after);
    QCOMPARE(got.before, want.before);
    QCOMPARE(got.view, want.view);
    QCOMPARE(got.viewId, want.viewId);
}

QString dump(const FieldErrors &errors)
{
    QStringList out;
    for (const FieldError &e : errors)
        out << e.field + u": "_qs + e.message;
    return out.join(u'\n');
}

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

} // namespace

class TestMutationCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<Mutation>("mutation");
        Mutation create;
        create.type = Mutation::Type::TicketCreate;
        create.ticket = ticket();
        QTest::newRow("ticket.create") << create;

        Mutation update = base(Mutation::Type::TicketUpdate);
        update.changes = {{toWire(TicketField::Priority), u"normal"_qs, u"high"_qs},
            {toWire(TicketField::Assignee), QJsonValue(), newId()},
            {toWire(TicketField::CsatRating), 3, QJsonValue()}};
        QTest::newRow("ticket.update fields") << update;

        Mutation lists = base(Mutation::Type::TicketUpdate);
        lists.lists.tagsAdd = {u"vpn"_qs};
        lists.lists.tagsRemove = {u"1c"_qs};
        lists.lists.linksAdd = {{LinkKind::DuplicateOf, newId()}};
        QTest::newRow("ticket.update lists") << lists;

        Mutation comment = base(Mutation::Type::CommentCreate, QString());
        comment.comment = {newId(), newId(), newId(), false, u"Checked the VPN logs"_qs, kAt};
        comment.confirm = true;
        QTest::newRow("comment.create") << comment;
        Mutation withFiles = comment;
        withFiles.comment.id = newId();
        withFiles.attachmentIds = {newId(), newId()};
        QTest::newRow("comment.create with files") << withFiles;

        Mutation move = base(Mutation::Type::TicketMove);
        move.status = TicketStatus::InProgress;
        move.after = newId();
        QTest::newRow("ticket.move") << move;

        QTest::newRow("ticket.delete") << base(Mutation::Type::TicketDelete);

        Mutation put;
        put.type = Mutation::Type::ViewPut;
        put.view = view();
        put.viewId = put.view.id;
        QTest::newRow("view.put") << put;
        Mutation shared = put;
        shared.view.ownerId.clear();
        QTest::newRow("view.put shared") << shared;

        Mutation remove;
        remove.type = Mutation::Type::ViewDelete;
        remove.viewId = newId();
        QTest::newRow("view.delete") << remove;
    }

    void roundTrip()
    {
        QFETCH(Mutation, mutation);
        // As the outbox stores it (no envelope yet), then as sent.
        const QJsonObject stored = encodeMutation(mutation);
        QVERIFY(!stored.contains(u"id"_qs) && !stored.contains(u"client_seq"_qs));
        QCOMPARE(stored.value(u"type"_qs).toString(), mutationTypeName(mutation.type));
        const QString id = newId();
        const QJsonObject sent = encodeEnvelope(stored, mutationTypeName(mutation.type), id, 42);

        FieldErrors envelope;
        const Mutation decoded = decodeMutation(sent, u"mutations[0]"_qs, &envelope);
        QVERIFY2(envelope.isEmpty(), qPrintable(dump(envelope)));
        QVERIFY2(decoded.errors.isEmpty(), qPrintable(dump(decoded.errors)));
        Mutation want = mutation;
        want.id = id;
        want.clientSeq = 42;
        compareIntent(decoded, want);
        QCOMPARE(decoded.raw, sent);
        // A numbered mutation encodes with its envelope: the same object.
        QCOMPARE(encodeMutation(decoded), sent);
    }

    // What LocalEditor stored before the codec (and older outboxes still hold) is what it encodes.
    void encodesTheOutboxPayloads()
    {
        Mutation move = base(Mutation::Type::TicketMove, u"t1"_qs);
        move.status = TicketStatus::Resolved;
        move.before = u"t2"_qs;
        QCOMPARE(encodeMutation(move),
            json(R"({"type":"ticket.move","ticket_id":"t1","base_version":7,"status":"resolved",
                     "after":null,"before":"t2"})"));
        Mutation lists = base(Mutation::Type::TicketUpdate, u"t1"_qs);
        lists.lists.tagsAdd = {u"vpn"_qs};
        QCOMPARE(encodeMutation(lists),
            json(
                R"({"type":"ticket.update","ticket_id":"t1","base_version":7,"changes":[],"tags_add":["vpn"]})"));
        Mutation comment = base(Mutation::Type::CommentCreate, QString());
        comment.comment.body = u"x"_qs;
        const QJsonObject c = encodeMutation(comment);
        QCOMPARE(
            c.keys(), (QStringList {u"base_version"_qs, u"comment"_qs, u"type"_qs})); // no confirm: false

        // Saved views: the whole view (PUT /views/{id}'s body), or the id; no base_version.
        Mutation put;
        put.type = Mutation::Type::ViewPut;
        put.view.id = u"v1"_qs;
        put.view.name = u"Mine"_qs;
        put.view.ownerId = u"u1"_qs;
        QCOMPARE(encodeMutation(put),
            QJsonObject({{u"type"_qs, u"view.put"_qs}, {u"view"_qs, put.view.toJson()}}));
        Mutation remove;
        remove.type = Mutation::Type::ViewDelete;
        remove.viewId = u"v1"_qs;
        QCOMPARE(encodeMutation(remove), json(R"({"type":"view.delete","view_id":"v1"})"));
        QVERIFY(isViewMutation(u"view.put") && isViewMutation(u"view.delete"));
        QVERIFY(!isViewMutation(u"ticket.delete") && !isViewMutation(Mutation::Type::TicketUpdate));
    }

    void rejectsMalformedInput_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QStringList>("envelopeErrors");
        QTest::addColumn<QStringList>("errors");
        const QString allowed = u"status, priority, assignee_id, group_id, title, description, type, impact, "
                                "urgency, csat_rating, csat_comment"_qs;
        QTest::newRow("envelope") << QByteArray(R"({"type":"ticket.delete","ticket_id":"%T"})")
                                  << QStringList {u"m.id: is required"_qs, u"m.client_seq: is required"_qs}
                                  << QStringList();
        QTest::newRow("unknown type")
            << QByteArray(R"({"id":"%I","client_seq":1,"type":"ticket.merge"})") << QStringList()
            << QStringList {u"type: unknown mutation type 'ticket.merge'"_qs};
        QTest::newRow("update") << QByteArray(R"({"id":"%I","client_seq":1,"type":"ticket.update",
                "ticket_id":"not-a-uuid","base_version":3,"extra":1,
                "changes":[{"field":"number","from":1,"to":2},{"field":"title","to":[]}]})")
                                << QStringList()
                                << QStringList {u"ticket_id: must be a UUID"_qs,
                                       u"changes[0].field: cannot be changed (allowed: "_qs + allowed
                                           + u")"_qs,
                                       u"changes[1].from: is required (the value you saw; null if none)"_qs,
                                       u"changes[1].to: must be a string, number or null"_qs,
                                       u"extra: unknown field"_qs};
        QTest::newRow("empty update")
            << QByteArray(
                   R"({"id":"%I","client_seq":1,"type":"ticket.update","ticket_id":"%T","base_version":3})")
            << QStringList() << QStringList {u"changes: an update needs at least one change, tag or link"_qs};
        QTest::newRow("move") << QByteArray(
            R"({"id":"%I","client_seq":1,"type":"ticket.move","ticket_id":"%T",
                "status":"done","after":"x"})")
                              << QStringList()
                              << QStringList {u"status: unknown status 'done'"_qs,
                                     u"after: must be a ticket UUID or null"_qs};
        // A view is checked as PUT /views/{id} checks its body (SavedView::fromJson).
        QTest::newRow("view.put") << QByteArray(
            R"({"id":"%I","client_seq":1,"type":"view.put","base_version":1,
                "view":{"id":"v1","name":" ","filter":{},"colour":"red"}})")
                                  << QStringList()
                                  << QStringList {u"view.colour: unknown field"_qs,
                                         u"view.id: must be a UUID"_qs,
                                         u"view.name: must be non-empty text of at most 200 characters"_qs,
                                         u"base_version: unknown field"_qs};
        QTest::newRow("view.put without view")
            << QByteArray(R"({"id":"%I","client_seq":1,"type":"view.put"})") << QStringList()
            << QStringList {u"view: is required"_qs};
        // Files named by a comment (uploaded before it): UUIDs, a bounded number.
        QTest::newRow("comment.create attachment_ids")
            << QByteArray(
                   R"({"id":"%I","client_seq":1,"type":"comment.create","attachment_ids":["../x"],
                "comment":{"id":"%T","ticket_id":"%T","body":"see file","public":true}})")
            << QStringList() << QStringList {u"attachment_ids: '../x' is not a UUID"_qs};
        QTest::newRow("view.delete") << QByteArray(
            R"({"id":"%I","client_seq":1,"type":"view.delete","view_id":"../etc"})")
                                     << QStringList() << QStringList {u"view_id: must be a UUID"_qs};
    }

    void rejectsMalformedInput()
    {
        QFETCH(QByteArray, body);
        QFETCH(QStringList, envelopeErrors);
        QFETCH(QStringList, errors);
        body.replace("%I", newId().toUtf8()).replace("%T", newId().toUtf8());
        const QJsonObject o = QJsonDocument::fromJson(body).object();
        QVERIFY(!o.isEmpty());
        FieldErrors envelope;
        const Mutation m = decodeMutation(o, u"m"_qs, &envelope);
        QCOMPARE(dump(envelope), envelopeErrors.join(u'\n'));
        QCOMPARE(dump(m.errors), errors.join(u'\n'));
    }

    void rejectsMalformedBatches()
    {
        const QString a = newId();
        const QString b = newId();
        FieldErrors errors;
        const QJsonObject body {{u"client_id"_qs, newId()},
            {u"mutations"_qs,
                QJsonArray {QJsonObject {{u"id"_qs, a}, {u"client_seq"_qs, 5},
                                {u"type"_qs, u"ticket.delete"_qs}, {u"ticket_id"_qs, newId()}},
                    QJsonObject {{u"id"_qs, b}, {u"client_seq"_qs, 5}, {u"type"_qs, u"ticket.delete"_qs},
                        {u"ticket_id"_qs, newId()}},
                    7}}};
        QVERIFY(!decodeMutationBatch(body, &errors));
        QCOMPARE(dump(errors),
            u"mutations[1].client_seq: must be strictly increasing within a batch\nmutations[2]: must be an object"_qs);
        errors.clear();
        QVERIFY(!decodeMutationBatch(QJsonObject {{u"mutations"_qs, QJsonArray()}}, &errors));
        QCOMPARE(dump(errors), u"client_id: is required\nmutations: must not be empty"_qs);
    }

    void fieldNamesMapBothWays()
    {
        for (int i = 0; i <= int(TicketField::Urgency); ++i) {
            const auto f = TicketField(i);
            QCOMPARE(ticketFieldFromWire(toWire(f)), std::optional<TicketField>(f));
        }
        QVERIFY(!ticketFieldFromWire(u"number"));
        // The enum is in wire-name order: a TicketFieldValues map walks the fields as a JSON object would.
        QStringList names;
        for (int i = 0; i <= int(TicketField::Urgency); ++i)
            names << toWire(TicketField(i));
        QStringList sorted = names;
        sorted.sort();
        QCOMPARE(names, sorted);
        QCOMPARE(updatableTicketFields().size(), names.size());
        QCOMPARE(ticketfields::editable().size(), names.size());
    }
};

QTEST_GUILESS_MAIN(TestMutationCodec)
#include "tst_mutationcodec.moc"
