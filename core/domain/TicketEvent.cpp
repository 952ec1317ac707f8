#include "TicketEvent.h"

#include "Time.h"

#include <QJsonDocument>

#include <array>
#include <iterator>

namespace triage {

namespace {

// In Kind order.
constexpr QStringView kFieldNames[] = {TicketEvent::kCreated, TicketEvent::kStatus, TicketEvent::kPriority,
    TicketEvent::kAssignee, TicketEvent::kGroup, TicketEvent::kReply, TicketEvent::kNote,
    TicketEvent::kRating, TicketEvent::kDeleted};
constexpr int kKnownKinds = int(std::size(kFieldNames));
static_assert(kKnownKinds == int(TicketEvent::Kind::Other));

} // namespace

TicketEvent::Kind TicketEvent::kindOf(QStringView field)
{
    // The first letter picks the candidate (the initial sync asks this for every event of 100k
    // tickets); the name table decides.
    if (field.isEmpty())
        return Kind::Other;
    Kind candidate = Kind::Other;
    switch (field.front().unicode()) {
    case u'c':
        candidate = field.size() == kCreated.size() ? Kind::Created : Kind::Rating;
        break;
    case u's':
        candidate = Kind::Status;
        break;
    case u'p':
        candidate = Kind::Priority;
        break;
    case u'a':
        candidate = Kind::Assignee;
        break;
    case u'g':
        candidate = Kind::Group;
        break;
    case u'r':
        candidate = Kind::Reply;
        break;
    case u'n':
        candidate = Kind::Note;
        break;
    case u'd':
        candidate = Kind::Deleted;
        break;
    default:
        return Kind::Other;
    }
    return field == kFieldNames[int(candidate)] ? candidate : Kind::Other;
}

const QString &TicketEvent::fieldName(Kind kind)
{
    // QStrings made once, so callers binding them to SQL or comparing them allocate nothing.
    static const auto names = [] {
        std::array<QString, kKnownKinds + 1> out; // the last one (Other) stays empty
        for (int i = 0; i < kKnownKinds; ++i)
            out[size_t(i)] = kFieldNames[i].toString();
        return out;
    }();
    return names[size_t(qMin(int(kind), kKnownKinds))];
}

QJsonObject TicketEvent::toJson() const
{
    QJsonObject o {{u"at"_qs, isoUtc(at)}, {u"field"_qs, field}};
    if (!userId.isEmpty())
        o.insert(u"by"_qs, userId);
    if (!oldValue.isEmpty())
        o.insert(u"from"_qs, oldValue);
    if (field == kCreated) {
        o.insert(u"initial"_qs, QJsonDocument::fromJson(newValue.toUtf8()).object());
    } else if (!newValue.isEmpty()) {
        o.insert(u"to"_qs, newValue);
    }
    return o;
}

std::optional<TicketEvent> TicketEvent::fromJson(const QJsonObject &json, QString *error)
{
    const auto fail = [error](const QString &why) -> std::optional<TicketEvent> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    TicketEvent e;
    const auto at = parseIsoUtc(json.value(u"at"_qs).toString());
    if (!at)
        return fail(u"history entry without a valid `at`"_qs);
    e.at = *at;
    const QJsonValue field = json.value(u"field"_qs);
    if (!field.isString() || field.toString().isEmpty())
        return fail(u"history entry without a `field`"_qs);
    e.field = field.toString();
    for (const auto &[key, target] :
        {std::pair {u"by", &e.userId}, std::pair {u"from", &e.oldValue}, std::pair {u"to", &e.newValue}}) {
        const QJsonValue v = json.value(QString::fromUtf16(key));
        if (!v.isUndefined() && !v.isNull() && !v.isString())
            return fail(u"history entry: `%1` must be a string"_qs.arg(QString::fromUtf16(key)));
        *target = v.toString();
    }
    if (e.field == kCreated) {
        const QJsonValue initial = json.value(u"initial"_qs);
        if (!initial.isObject())
            return fail(u"history `created` entry without an `initial` object"_qs);
        e.newValue = QString::fromUtf8(QJsonDocument(initial.toObject()).toJson(QJsonDocument::Compact));
    }
    return e;
}

std::optional<QList<TicketEvent>> TicketEvent::listFromJson(const QJsonArray &json, QString *error)
{
    QList<TicketEvent> out;
    out.reserve(json.size());
    for (const QJsonValue &v : json) {
        if (!v.isObject()) {
            if (error)
                *error = u"history entries must be objects"_qs;
            return std::nullopt;
        }
        auto e = fromJson(v.toObject(), error);
        if (!e)
            return std::nullopt;
        out << *e;
    }
    return out;
}

QByteArray TicketEvent::listToJsonText(const QList<TicketEvent> &events)
{
    QJsonArray a;
    for (const TicketEvent &e : events)
        a.append(e.toJson());
    return QJsonDocument(a).toJson(QJsonDocument::Compact);
}

std::optional<QList<TicketEvent>> TicketEvent::listFromJsonText(const QByteArray &text, QString *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isArray()) {
        if (error)
            *error = u"event log is not a JSON array"_qs;
        return std::nullopt;
    }
    return listFromJson(doc.array(), error);
}

} // namespace triage
