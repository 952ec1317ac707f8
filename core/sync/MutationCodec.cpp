#include "MutationCodec.h"

#include "domain/TicketFields.h"
#include "domain/Uuid.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace triage {

const QStringList &updatableTicketFields()
{
    static const QStringList fields = [] {
        QStringList out;
        for (const TicketField f :
            {TicketField::Status, TicketField::Priority, TicketField::Assignee, TicketField::Group,
                TicketField::Title, TicketField::Description, TicketField::Type, TicketField::Impact,
                TicketField::Urgency, TicketField::CsatRating, TicketField::CsatComment})
            out << toWire(f);
        return out;
    }();
    return fields;
}

QString mutationTypeName(Mutation::Type type)
{
    switch (type) {
    case Mutation::Type::TicketCreate:
        return u"ticket.create"_qs;
    case Mutation::Type::TicketUpdate:
        return u"ticket.update"_qs;
    case Mutation::Type::CommentCreate:
        return u"comment.create"_qs;
    case Mutation::Type::TicketMove:
        return u"ticket.move"_qs;
    case Mutation::Type::TicketDelete:
        return u"ticket.delete"_qs;
    case Mutation::Type::ViewPut:
        return u"view.put"_qs;
    case Mutation::Type::ViewDelete:
        return u"view.delete"_qs;
    }
    return {};
}

bool isViewMutation(Mutation::Type type)
{
    return type == Mutation::Type::ViewPut || type == Mutation::Type::ViewDelete;
}

bool isViewMutation(QStringView typeName)
{
    return typeName == u"view.put" || typeName == u"view.delete";
}

namespace {

void merge(FieldErrors *into, const FieldErrors &from, const QString &prefix)
{
    for (const FieldError &e : from)
        into->append({prefix + e.field, e.message});
}

QString readId(JsonReader &r, const QString &key, bool required)
{
    const auto v = r.string(key, required);
    if (v && !isValidId(*v)) {
        r.error(key, u"must be a UUID"_qs);
        return {};
    }
    return v.value_or(QString());
}

// Validates the shape of a field change; the value itself is checked by Ticket::fromJson when applied.
void readChanges(JsonReader &r, Mutation &m)
{
    const auto list = r.array(u"changes"_qs, false);
    if (!list)
        return;
    if (list->size() > 20) {
        r.error(u"changes"_qs, u"at most 20 changes per mutation"_qs);
        return;
    }
    for (qsizetype i = 0; i < list->size(); ++i) {
        const QString at = u"changes[%1]"_qs.arg(i);
        if (!list->at(i).isObject()) {
            r.error(at, u"must be an object"_qs);
            continue;
        }
        const QJsonObject o = list->at(i).toObject();
        JsonReader cr(o);
        FieldChange c;
        c.field = cr.string(u"field"_qs, true).value_or(QString());
        if (!c.field.isEmpty() && !updatableTicketFields().contains(c.field))
            cr.error(u"field"_qs,
                u"cannot be changed (allowed: %1)"_qs.arg(updatableTicketFields().join(u", "_qs)));
        cr.ignore({u"from"_qs, u"to"_qs});
        if (!o.contains(u"to"_qs))
            cr.error(u"to"_qs, u"is required"_qs);
        if (!o.contains(u"from"_qs))
            cr.error(u"from"_qs, u"is required (the value you saw; null if none)"_qs);
        for (const QString &k : {u"from"_qs, u"to"_qs}) {
            const QJsonValue v = o.value(k);
            if (v.isArray() || v.isObject())
                cr.error(k, u"must be a string, number or null"_qs);
        }
        c.from = o.value(u"from"_qs);
        c.to = o.value(u"to"_qs);
        cr.rejectUnknown();
        for (const FieldError &e : cr.errors())
            r.error(at + u'.' + e.field, e.message);
        m.changes.append(c);
    }
}

} // namespace

QJsonObject encodeEnvelope(QJsonObject payload, const QString &type, const QString &id, qint64 clientSeq)
{
    payload.insert(u"id"_qs, id);
    payload.insert(u"client_seq"_qs, static_cast<double>(clientSeq));
    payload.insert(u"type"_qs, type);
    return payload;
}

QJsonObject encodeMutation(const Mutation &m)
{
    QJsonObject o {{u"type"_qs, mutationTypeName(m.type)}};
    const auto ticketId = [&] { o.insert(u"ticket_id"_qs, m.ticketId); };
    const auto baseVersion = [&] {
        if (m.baseVersion)
            o.insert(u"base_version"_qs, static_cast<double>(*m.baseVersion));
    };
    const auto nullable = [](const QString &s) { return s.isEmpty() ? QJsonValue() : QJsonValue(s); };
    switch (m.type) {
    case Mutation::Type::TicketCreate:
        o.insert(u"ticket"_qs, m.ticket.toJson());
        break;
    case Mutation::Type::TicketUpdate: {
        ticketId();
        baseVersion();
        QJsonArray changes;
        for (const FieldChange &c : m.changes)
            changes.append(QJsonObject {{u"field"_qs, c.field}, {u"from"_qs, c.from}, {u"to"_qs, c.to}});
        o.insert(u"changes"_qs, changes);
        m.lists.writeTo(o);
        break;
    }
    case Mutation::Type::CommentCreate:
        o.insert(u"comment"_qs, m.comment.toJson());
        baseVersion();
        if (m.confirm)
            o.insert(u"confirm"_qs, true);
        if (!m.attachmentIds.isEmpty())
            o.insert(u"attachment_ids"_qs, QJsonArray::fromStringList(m.attachmentIds));
        break;
    case Mutation::Type::TicketMove:
        ticketId();
        baseVersion();
        o.insert(u"status"_qs, m.status ? QJsonValue(toWire(*m.status)) : QJsonValue());
        o.insert(u"after"_qs, nullable(m.after));
        o.insert(u"before"_qs, nullable(m.before));
        break;
    case Mutation::Type::TicketDelete:
        ticketId();
        baseVersion();
        break;
    case Mutation::Type::ViewPut:
        o.insert(u"view"_qs, m.view.toJson());
        break;
    case Mutation::Type::ViewDelete:
        o.insert(u"view_id"_qs, m.viewId);
        break;
    }
    if (!m.id.isEmpty() || m.clientSeq != 0)
        return encodeEnvelope(o, mutationTypeName(m.type), m.id, m.clientSeq);
    return o;
}

Mutation decodeMutation(const QJsonObject &o, const QString &prefix, FieldErrors *envelopeErrors)
{
    Mutation m;
    m.raw = o;
    m.payloadHash = QCryptographicHash::hash(
        QJsonDocument(o).toJson(QJsonDocument::Compact), QCryptographicHash::Sha256)
                        .toHex();
    JsonReader env(o, prefix);
    m.id = readId(env, u"id"_qs, true);
    m.clientSeq = env.integer(u"client_seq"_qs, true, 1, Q_INT64_C(1) << 52).value_or(0);
    merge(envelopeErrors, env.errors(), QString());

    JsonReader r(o);
    r.ignore({u"id"_qs, u"client_seq"_qs});
    const QString type = r.string(u"type"_qs, true).value_or(QString());
    if (type == u"ticket.create"_qs) {
        m.type = Mutation::Type::TicketCreate;
        if (const auto t = r.object(u"ticket"_qs, true)) {
            FieldErrors te;
            if (auto parsed = Ticket::fromJson(*t, &te))
                m.ticket = *parsed;
            merge(&m.errors, te, u"ticket."_qs);
        }
    } else if (type == u"ticket.update"_qs) {
        m.type = Mutation::Type::TicketUpdate;
        m.ticketId = readId(r, u"ticket_id"_qs, true);
        m.baseVersion = r.integer(u"base_version"_qs, true, 0, Q_INT64_C(1) << 52);
        readChanges(r, m);
        m.lists = ListEdits::read(r);
        if (m.changes.isEmpty() && m.lists.isEmpty() && r.ok())
            r.error(u"changes"_qs, u"an update needs at least one change, tag or link"_qs);
    } else if (type == u"comment.create"_qs) {
        m.type = Mutation::Type::CommentCreate;
        if (const auto c = r.object(u"comment"_qs, true)) {
            FieldErrors ce;
            if (auto parsed = Comment::fromJson(*c, &ce))
                m.comment = *parsed;
            merge(&m.errors, ce, u"comment."_qs);
        }
        m.baseVersion = r.integer(u"base_version"_qs, false, 0, Q_INT64_C(1) << 52);
        m.confirm = r.boolean(u"confirm"_qs, false).value_or(false);
        // Files uploaded before the comment (attachment.upload), linked to it by the server.
        if (const auto ids = r.stringList(u"attachment_ids"_qs, false)) {
            if (ids->size() > kMaxAttachmentsPerComment)
                r.error(
                    u"attachment_ids"_qs, u"at most %1 files per comment"_qs.arg(kMaxAttachmentsPerComment));
            for (const QString &id : *ids) {
                if (!isValidId(id))
                    r.error(u"attachment_ids"_qs, u"'%1' is not a UUID"_qs.arg(id.left(40)));
            }
            m.attachmentIds = *ids;
        }
    } else if (type == u"ticket.move"_qs) {
        m.type = Mutation::Type::TicketMove;
        m.ticketId = readId(r, u"ticket_id"_qs, true);
        m.baseVersion = r.integer(u"base_version"_qs, false, 0, Q_INT64_C(1) << 52);
        if (const auto s = r.nullableString(u"status"_qs)) {
            m.status = ticketStatusFromWire(*s);
            if (!m.status)
                r.error(u"status"_qs, u"unknown status '%1'"_qs.arg(s->left(40)));
        }
        for (const QString &k : {u"after"_qs, u"before"_qs}) {
            const auto v = r.nullableString(k);
            if (v && !isValidId(*v))
                r.error(k, u"must be a ticket UUID or null"_qs);
            (k == u"after"_qs ? m.after : m.before) = v.value_or(QString());
        }
    } else if (type == u"ticket.delete"_qs) {
        m.type = Mutation::Type::TicketDelete;
        m.ticketId = readId(r, u"ticket_id"_qs, true);
        m.baseVersion = r.integer(u"base_version"_qs, false, 0, Q_INT64_C(1) << 52);
    } else if (type == u"view.put"_qs) {
        m.type = Mutation::Type::ViewPut;
        if (const auto v = r.object(u"view"_qs, true)) {
            FieldErrors ve;
            if (auto parsed = SavedView::fromJson(*v, &ve))
                m.view = *parsed;
            merge(&m.errors, ve, u"view."_qs);
            m.viewId = m.view.id;
        }
    } else if (type == u"view.delete"_qs) {
        m.type = Mutation::Type::ViewDelete;
        m.viewId = readId(r, u"view_id"_qs, true);
    } else if (!type.isEmpty()) {
        r.error(u"type"_qs, u"unknown mutation type '%1'"_qs.arg(type.left(40)));
    }
    r.rejectUnknown();
    merge(&m.errors, r.errors(), QString());
    return m;
}

std::optional<MutationBatch> decodeMutationBatch(const QJsonObject &body, FieldErrors *errors)
{
    JsonReader r(body);
    MutationBatch batch;
    batch.clientId = readId(r, u"client_id"_qs, true);
    const auto list = r.array(u"mutations"_qs, true);
    r.rejectUnknown();
    FieldErrors all = r.errors();
    if (list) {
        if (list->size() > kMaxMutationsPerBatch)
            all.append({u"mutations"_qs, u"at most %1 mutations per request"_qs.arg(kMaxMutationsPerBatch)});
        else if (list->isEmpty())
            all.append({u"mutations"_qs, u"must not be empty"_qs});
        qint64 previous = 0;
        for (qsizetype i = 0; i < list->size() && all.size() < 50; ++i) {
            const QString prefix = u"mutations[%1]"_qs.arg(i);
            if (!list->at(i).isObject()) {
                all.append({prefix, u"must be an object"_qs});
                continue;
            }
            const qsizetype before = all.size();
            Mutation m = decodeMutation(list->at(i).toObject(), prefix, &all);
            if (all.size() == before && m.clientSeq <= previous)
                all.append({prefix + u".client_seq"_qs, u"must be strictly increasing within a batch"_qs});
            previous = m.clientSeq;
            batch.mutations.append(std::move(m));
        }
    }
    if (!all.isEmpty()) {
        *errors = all;
        return std::nullopt;
    }
    return batch;
}

} // namespace triage
