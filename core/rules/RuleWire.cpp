// Wire names of the rule vocabularies and the field table: which operators and values each field
// takes. One table, so the parser, the engine and docs/automation.md cannot drift apart.
#include "Rule.h"
#include "RuleFieldTable.h"
#include "domain/Enums.h"
#include "sla/KeyPhraseRules.h"
#include "sla/SlaTypes.h"

#include <QJsonArray>

#include <array>

namespace triage {
namespace {

struct FieldRow {
    RuleFieldId id;
    const char16_t *wire;
    FieldCategory category;
};

constexpr std::array<FieldRow, 28> kFields {{
    {RuleFieldId::Title, u"title", FieldCategory::Text},
    {RuleFieldId::Description, u"description", FieldCategory::Text},
    {RuleFieldId::Type, u"type", FieldCategory::Enum},
    {RuleFieldId::Status, u"status", FieldCategory::Enum},
    {RuleFieldId::Priority, u"priority", FieldCategory::Enum},
    {RuleFieldId::Impact, u"impact", FieldCategory::Enum},
    {RuleFieldId::Urgency, u"urgency", FieldCategory::Enum},
    {RuleFieldId::Assignee, u"assignee_id", FieldCategory::Id},
    {RuleFieldId::Group, u"group_id", FieldCategory::Id},
    {RuleFieldId::Requester, u"requester_id", FieldCategory::Id},
    {RuleFieldId::Channel, u"channel", FieldCategory::Enum},
    {RuleFieldId::Tags, u"tags", FieldCategory::List},
    {RuleFieldId::CsatRating, u"csat_rating", FieldCategory::Number},
    {RuleFieldId::CsatComment, u"csat_comment", FieldCategory::Text},
    {RuleFieldId::Number, u"number", FieldCategory::Number},
    {RuleFieldId::Text, u"text", FieldCategory::Text},
    {RuleFieldId::Comment, u"comment", FieldCategory::Text},
    {RuleFieldId::Custom, u"custom.", FieldCategory::Any},
    {RuleFieldId::RequesterEmail, u"requester.email", FieldCategory::Text},
    {RuleFieldId::RequesterOrganisation, u"requester.organisation", FieldCategory::Text},
    {RuleFieldId::RequesterTags, u"requester.tags", FieldCategory::List},
    {RuleFieldId::RequesterLocale, u"requester.locale", FieldCategory::Text},
    {RuleFieldId::RequesterLocation, u"requester.location", FieldCategory::Text},
    {RuleFieldId::TimeInStatus, u"time_in_status", FieldCategory::Number},
    {RuleFieldId::Age, u"age", FieldCategory::Number},
    {RuleFieldId::BusinessHours, u"business_hours", FieldCategory::Bool},
    {RuleFieldId::SlaElapsedPercent, u"sla.elapsed_percent", FieldCategory::Number},
    {RuleFieldId::SlaBreached, u"sla.breached", FieldCategory::Bool},
}};

const FieldRow &rowOf(RuleFieldId id)
{
    return kFields[static_cast<size_t>(id)];
}

constexpr std::array<const char16_t *, 13> kOps {u"equals", u"not_equals", u"in", u"not_in", u"contains",
    u"not_contains", u"key_phrase", u"is_set", u"is_empty", u"gt", u"gte", u"lt", u"lte"};

bool opAllowed(FieldCategory c, RuleOp op)
{
    switch (c) {
    case FieldCategory::Enum:
        return op == RuleOp::Equals || op == RuleOp::NotEquals || op == RuleOp::In || op == RuleOp::NotIn;
    case FieldCategory::Id:
        return op == RuleOp::Equals || op == RuleOp::NotEquals || op == RuleOp::In || op == RuleOp::NotIn
            || op == RuleOp::IsSet || op == RuleOp::IsEmpty;
    case FieldCategory::Text:
        return op < RuleOp::Gt;
    case FieldCategory::List:
        return op == RuleOp::Contains || op == RuleOp::NotContains || op == RuleOp::IsSet
            || op == RuleOp::IsEmpty;
    case FieldCategory::Number:
        return op == RuleOp::Equals || op == RuleOp::NotEquals || op >= RuleOp::IsSet;
    case FieldCategory::Bool:
        return op == RuleOp::Equals || op == RuleOp::NotEquals;
    case FieldCategory::Any:
        return true;
    }
    return false;
}

QString scalarText(const QJsonValue &v)
{
    if (v.isBool())
        return v.toBool() ? u"true"_qs : u"false"_qs;
    if (v.isDouble())
        return QString::number(v.toDouble());
    return v.toString();
}

} // namespace

FieldCategory categoryOf(RuleFieldId id)
{
    return rowOf(id).category;
}

QStringList vocabularyOf(RuleFieldId id)
{
    switch (id) {
    case RuleFieldId::Type:
        return allTicketTypes();
    case RuleFieldId::Status:
        return allTicketStatuses();
    case RuleFieldId::Priority:
        return allPriorities();
    case RuleFieldId::Impact:
    case RuleFieldId::Urgency:
        return allLevels();
    case RuleFieldId::Channel:
        return allChannels();
    default:
        return {};
    }
}

QString RuleField::wire() const
{
    if (id == RuleFieldId::Custom)
        return u"custom."_qs + key;
    if ((id == RuleFieldId::SlaElapsedPercent || id == RuleFieldId::SlaBreached) && !key.isEmpty())
        return u"sla."_qs + key + (id == RuleFieldId::SlaBreached ? u".breached"_qs : u".elapsed_percent"_qs);
    return QString::fromUtf16(rowOf(id).wire);
}

std::optional<RuleField> RuleField::fromWire(QStringView wire)
{
    if (wire.startsWith(u"custom.")) {
        const QStringView key = wire.mid(7);
        if (key.isEmpty() || key.size() > 64)
            return std::nullopt;
        for (QChar c : key) {
            if (!(c.isLetterOrNumber() || c == u'_' || c == u'-'))
                return std::nullopt;
        }
        return RuleField {RuleFieldId::Custom, key.toString()};
    }
    for (const FieldRow &r : kFields) {
        if (r.id != RuleFieldId::Custom && wire == QStringView(r.wire))
            return RuleField {r.id, {}};
    }
    // sla.<metric>.elapsed_percent, sla.<metric>.breached
    if (wire.startsWith(u"sla.")) {
        const QStringView rest = wire.mid(4);
        const qsizetype dot = rest.indexOf(u'.');
        if (dot > 0 && slaMetricFromWire(rest.left(dot))) {
            const QStringView what = rest.mid(dot + 1);
            if (what == u"elapsed_percent")
                return RuleField {RuleFieldId::SlaElapsedPercent, rest.left(dot).toString()};
            if (what == u"breached")
                return RuleField {RuleFieldId::SlaBreached, rest.left(dot).toString()};
        }
    }
    return std::nullopt;
}

QStringList ruleFieldWireNames()
{
    QStringList out;
    for (const FieldRow &r : kFields)
        out << (r.id == RuleFieldId::Custom ? u"custom.<key>"_qs : QString::fromUtf16(r.wire));
    out << u"sla.<metric>.elapsed_percent"_qs << u"sla.<metric>.breached"_qs;
    return out;
}

QString toWire(RuleOp v)
{
    return QString::fromUtf16(kOps[static_cast<size_t>(v)]);
}

std::optional<RuleOp> ruleOpFromWire(QStringView s)
{
    for (size_t i = 0; i < kOps.size(); ++i) {
        if (s == QStringView(kOps[i]))
            return RuleOp(i);
    }
    return std::nullopt;
}

QString toWire(RuleKind v)
{
    return v == RuleKind::Event ? u"event"_qs : u"time"_qs;
}

QString toWire(RuleTriggerKind v)
{
    static const std::array<QString, 5> names {
        u"created"_qs, u"updated"_qs, u"field_changed"_qs, u"comment_added"_qs, u"csat_given"_qs};
    return names[static_cast<size_t>(v)];
}

QString toWire(CommentAuthor v)
{
    static const std::array<QString, 3> names {u"any"_qs, u"requester"_qs, u"agent"_qs};
    return names[static_cast<size_t>(v)];
}

QString toWire(RuleClock v)
{
    return v == RuleClock::Wall ? u"wall"_qs : u"business"_qs;
}

QString toWire(RuleActionKind v)
{
    static const std::array<QString, 9> names {u"set_field"_qs, u"assign"_qs, u"add_tags"_qs,
        u"remove_tags"_qs, u"note"_qs, u"notify"_qs, u"highlight"_qs, u"create_child"_qs, u"webhook"_qs};
    return names[static_cast<size_t>(v)];
}

QString toWire(NotifyWho v)
{
    static const std::array<QString, 5> names {
        u"requester"_qs, u"assignee"_qs, u"group"_qs, u"lead"_qs, u"on_duty"_qs};
    return names[static_cast<size_t>(v)];
}

FieldErrors RuleCondition::compile(const QString &path)
{
    FieldErrors e;
    auto fail = [&](const QString &key, const QString &msg) { e.append({path + u'.' + key, msg}); };
    const FieldCategory cat = categoryOf(field.id);
    values.clear();
    phrases.reset();
    number = 0;
    flag = false;
    if (!opAllowed(cat, op)) {
        fail(u"op"_qs, u"'%1' does not apply to %2"_qs.arg(toWire(op), field.wire()));
        return e;
    }
    const QStringList vocab = vocabularyOf(field.id);
    auto addText = [&](const QJsonValue &v) {
        const bool scalar = v.isString() || (cat == FieldCategory::Any && (v.isDouble() || v.isBool()));
        if (!scalar
            || (v.isString() && v.toString().isEmpty() && op != RuleOp::Equals && op != RuleOp::NotEquals)) {
            fail(u"value"_qs,
                cat == FieldCategory::Any ? u"must be text, a number or true/false"_qs
                                          : u"must be non-empty text"_qs);
            return;
        }
        const QString s = scalarText(v);
        if (!vocab.isEmpty() && !vocab.contains(s)) {
            fail(u"value"_qs, u"unknown value '%1' (allowed: %2)"_qs.arg(s.left(40), vocab.join(u", "_qs)));
            return;
        }
        values << s.toLower();
    };
    switch (op) {
    case RuleOp::IsSet:
    case RuleOp::IsEmpty:
        if (!value.isUndefined() && !value.isNull())
            fail(u"value"_qs, u"must be absent for '%1'"_qs.arg(toWire(op)));
        break;
    case RuleOp::Gt:
    case RuleOp::Gte:
    case RuleOp::Lt:
    case RuleOp::Lte:
        if (!value.isDouble())
            fail(u"value"_qs, u"must be a number"_qs);
        number = value.toDouble();
        break;
    case RuleOp::Equals:
    case RuleOp::NotEquals:
        if (cat == FieldCategory::Number) {
            if (!value.isDouble())
                fail(u"value"_qs, u"must be a number"_qs);
            number = value.toDouble();
        } else if (cat == FieldCategory::Bool) {
            if (!value.isBool())
                fail(u"value"_qs, u"must be true or false"_qs);
            flag = value.toBool();
        } else {
            addText(value);
            number = value.toDouble();
            flag = value.toBool();
        }
        break;
    case RuleOp::In:
    case RuleOp::NotIn:
    case RuleOp::Contains:
    case RuleOp::NotContains:
    case RuleOp::KeyPhrase: {
        const bool listOk = op != RuleOp::In && op != RuleOp::NotIn;
        if (value.isArray()) {
            const QJsonArray a = value.toArray();
            if (a.isEmpty())
                fail(u"value"_qs, u"must not be an empty list"_qs);
            for (const QJsonValue &v : a)
                addText(v);
        } else if (listOk) {
            addText(value);
        } else {
            fail(u"value"_qs, u"must be a list"_qs);
        }
        if (op == RuleOp::KeyPhrase && e.isEmpty()) {
            std::vector<KeyPhraseRules::Rule> list;
            for (const QJsonValue &v : value.isArray() ? value.toArray() : QJsonArray {value}) {
                if (WordStemmer::tokenize(v.toString()).empty())
                    fail(u"value"_qs, u"a key phrase needs at least one word"_qs);
                list.push_back({v.toString().trimmed(), Priority::Normal});
            }
            phrases = std::make_shared<const KeyPhraseRules>(std::move(list));
        }
        break;
    }
    }
    return e;
}

} // namespace triage
