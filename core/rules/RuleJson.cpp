// Rule <-> JSON (docs/automation.md) and the rule-level validation.
#include "Rule.h"
#include "RuleFieldTable.h"
#include "domain/Enums.h"
#include "domain/Ticket.h"
#include "domain/TicketFields.h"
#include "domain/Uuid.h"

#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <algorithm>

namespace triage {
namespace {

const QStringList &assignStrategies()
{
    static const QStringList s {u"group_default"_qs, u"round_robin"_qs, u"least_load"_qs, u"skills"_qs,
        u"geography"_qs, u"priority"_qs, u"on_duty"_qs};
    return s;
}

const QStringList &notifyChannels()
{
    static const QStringList s {u"origin"_qs, u"email"_qs, u"telegram"_qs, u"portal"_qs, u"desktop"_qs};
    return s;
}

bool isRuleId(const QString &id)
{
    static const QRegularExpression re(u"^[A-Za-z0-9._-]{1,64}$"_qs);
    return re.match(id).hasMatch();
}

bool isTemplateId(const QString &id)
{
    static const QRegularExpression re(u"^[a-z0-9._-]{1,64}$"_qs);
    return re.match(id).hasMatch();
}

bool isColour(const QString &c)
{
    static const QRegularExpression re(u"^#[0-9a-fA-F]{6}$"_qs);
    return re.match(c).hasMatch();
}

// Fields a set_field action may write: the editable ticket fields (not the CSAT ones, which only
// the requester gives) and custom fields.
bool settable(const RuleField &f)
{
    switch (f.id) {
    case RuleFieldId::Title:
    case RuleFieldId::Description:
    case RuleFieldId::Type:
    case RuleFieldId::Status:
    case RuleFieldId::Priority:
    case RuleFieldId::Impact:
    case RuleFieldId::Urgency:
    case RuleFieldId::Assignee:
    case RuleFieldId::Group:
    case RuleFieldId::Custom:
        return true;
    default:
        return false;
    }
}

bool logged(RuleFieldId id)
{
    return id == RuleFieldId::Status || id == RuleFieldId::Priority || id == RuleFieldId::Assignee
        || id == RuleFieldId::Group;
}

// A field_changed trigger watches what a change can touch: the ticket's own fields and custom ones.
bool watchable(const RuleField &f)
{
    return settable(f) || f.id == RuleFieldId::Tags || f.id == RuleFieldId::CsatRating
        || f.id == RuleFieldId::CsatComment || f.id == RuleFieldId::Requester || f.id == RuleFieldId::Channel;
}

template<typename E>
std::optional<E> enumFrom(JsonReader &r, const QString &key, bool required, E count, E dflt)
{
    const auto s = r.string(key, required);
    if (!s)
        return required ? std::nullopt : std::optional<E>(dflt);
    QStringList allowed;
    for (int i = 0; i < int(count); ++i) {
        allowed << toWire(E(i));
        if (*s == allowed.back())
            return E(i);
    }
    r.error(key, u"unknown value '%1' (allowed: %2)"_qs.arg(s->left(40), allowed.join(u", "_qs)));
    return std::nullopt;
}

std::optional<RuleField> readField(JsonReader &r, const QString &key)
{
    const auto s = r.string(key, true);
    if (!s)
        return std::nullopt;
    if (auto f = RuleField::fromWire(*s))
        return f;
    r.error(key, u"unknown field '%1' (known: %2)"_qs.arg(s->left(64), ruleFieldWireNames().join(u", "_qs)));
    return std::nullopt;
}

std::optional<RuleCondition> readCondition(const QJsonValue &v, const QString &path, FieldErrors &errors)
{
    if (!v.isObject()) {
        errors.append({path, u"must be an object"_qs});
        return std::nullopt;
    }
    JsonReader r(v.toObject(), path);
    RuleCondition c;
    const auto field = readField(r, u"field"_qs);
    const auto opName = r.string(u"op"_qs, true);
    std::optional<RuleOp> op = opName ? ruleOpFromWire(*opName) : std::nullopt;
    if (opName && !op)
        r.error(u"op"_qs, u"unknown operator '%1'"_qs.arg(opName->left(40)));
    c.value = v.toObject().value(u"value"_qs);
    r.ignore({u"value"_qs});
    if (r.has(u"clock"_qs)) {
        if (auto clock = enumFrom(r, u"clock"_qs, true, RuleClock(2), RuleClock::Wall))
            c.clock = *clock;
        if (field && field->id != RuleFieldId::TimeInStatus && field->id != RuleFieldId::Age)
            r.error(u"clock"_qs, u"applies only to time_in_status and age"_qs);
    }
    r.rejectUnknown();
    errors += r.errors();
    if (!field || !op)
        return std::nullopt;
    c.field = *field;
    c.op = *op;
    const FieldErrors ce = c.compile(path);
    errors += ce;
    return ce.isEmpty() ? std::optional(c) : std::nullopt;
}

std::vector<RuleCondition> readConditions(JsonReader &r, const QString &key, FieldErrors &errors)
{
    std::vector<RuleCondition> out;
    if (const auto list = r.array(key, false)) {
        if (list->size() > kMaxRuleConditions)
            r.error(key, u"at most %1 conditions"_qs.arg(kMaxRuleConditions));
        for (qsizetype i = 0; i < list->size(); ++i) {
            if (auto c = readCondition(list->at(i), u"conditions.%1[%2]"_qs.arg(key).arg(i), errors))
                out.push_back(std::move(*c));
        }
    }
    return out;
}

std::optional<RuleTrigger> readTrigger(const QJsonValue &v, const QString &path, FieldErrors &errors)
{
    if (!v.isObject()) {
        errors.append({path, u"must be an object"_qs});
        return std::nullopt;
    }
    JsonReader r(v.toObject(), path);
    RuleTrigger t;
    const auto kind = enumFrom(r, u"on"_qs, true, RuleTriggerKind(5), RuleTriggerKind::Created);
    if (kind)
        t.kind = *kind;
    if (kind == RuleTriggerKind::FieldChanged) {
        if (auto f = readField(r, u"field"_qs)) {
            t.field = *f;
            if (!watchable(*f))
                r.error(u"field"_qs, u"'%1' is not a field a change can touch"_qs.arg(f->wire()));
            const QStringList vocab = vocabularyOf(f->id);
            for (const QString &key : {u"from"_qs, u"to"_qs}) {
                if (!r.has(key))
                    continue;
                QString s;
                if (r.isNull(key))
                    r.ignore({key});
                else
                    s = r.string(key, true).value_or(QString());
                if (!vocab.isEmpty() && !vocab.contains(s))
                    r.error(
                        key, u"unknown value '%1' (allowed: %2)"_qs.arg(s.left(40), vocab.join(u", "_qs)));
                (key == u"from"_qs ? t.from : t.to) = s;
            }
        }
    } else if (kind == RuleTriggerKind::CommentAdded) {
        if (auto by = enumFrom(r, u"by"_qs, false, CommentAuthor(3), CommentAuthor::Any))
            t.by = *by;
    }
    r.rejectUnknown();
    errors += r.errors();
    return r.ok() && kind ? std::optional(t) : std::nullopt;
}

std::optional<RuleTimeTrigger> readTime(const QJsonObject &o, const QString &path, FieldErrors &errors)
{
    JsonReader r(o, path);
    RuleTimeTrigger t;
    if (auto f = readField(r, u"field"_qs)) {
        t.field = *f;
        if (!logged(f->id))
            r.error(u"field"_qs, u"must be status, priority, assignee_id or group_id"_qs);
        const QStringList vocab = vocabularyOf(f->id);
        if (const auto in = r.array(u"in"_qs, true)) {
            if (in->isEmpty())
                r.error(u"in"_qs, u"must not be empty"_qs);
            for (const QJsonValue &v : *in) {
                const QString s = v.toString();
                if (!(v.isString() || v.isNull()) || (!vocab.isEmpty() && !vocab.contains(s)))
                    r.error(u"in"_qs,
                        vocab.isEmpty()
                            ? u"must list ids or null"_qs
                            : u"unknown value '%1' (allowed: %2)"_qs.arg(s.left(40), vocab.join(u", "_qs)));
                else
                    t.in << s;
                if (!vocab.isEmpty() && vocab.contains(s))
                    t.mask |= 1u << vocab.indexOf(s);
            }
        }
    }
    r.ignore({u"after_minutes"_qs});
    const QJsonValue after = o.value(u"after_minutes"_qs);
    if (!after.isDouble() || after.toDouble() <= 0 || after.toDouble() > 366.0 * 1440)
        r.error(u"after_minutes"_qs, u"must be a number of minutes in (0, 527040]"_qs);
    t.afterMinutes = after.toDouble();
    if (auto clock = enumFrom(r, u"clock"_qs, false, RuleClock(2), RuleClock::Wall))
        t.clock = *clock;
    r.rejectUnknown();
    errors += r.errors();
    return r.ok() ? std::optional(t) : std::nullopt;
}

std::optional<RuleAction> readAction(const QJsonValue &v, const QString &path, FieldErrors &errors)
{
    if (!v.isObject()) {
        errors.append({path, u"must be an object"_qs});
        return std::nullopt;
    }
    const QJsonObject o = v.toObject();
    JsonReader r(o, path);
    RuleAction a;
    const auto kind = enumFrom(r, u"type"_qs, true, RuleActionKind(9), RuleActionKind::Note);
    if (!kind) {
        r.ignore(o.keys());
        errors += r.errors();
        return std::nullopt;
    }
    a.kind = *kind;
    auto text = [&](const QString &key, int max, bool required) {
        const QString s = r.string(key, required).value_or(QString());
        if (required && s.trimmed().isEmpty() && r.has(key))
            r.error(key, u"must not be empty"_qs);
        else if (s.size() > max || !isCleanText(s, true))
            r.error(key, u"must be clean text of at most %1 characters"_qs.arg(max));
        return s;
    };
    switch (a.kind) {
    case RuleActionKind::SetField:
        if (auto f = readField(r, u"field"_qs)) {
            a.field = *f;
            r.ignore({u"value"_qs});
            a.value = o.value(u"value"_qs);
            if (!settable(*f)) {
                r.error(u"field"_qs, u"'%1' cannot be set by a rule"_qs.arg(f->wire()));
            } else if (f->id == RuleFieldId::Custom) {
                if (a.value.isArray() || a.value.isObject() || a.value.isUndefined())
                    r.error(u"value"_qs, u"must be text, a number, true/false or null"_qs);
            } else {
                Ticket probe;
                if (const auto why = ticketfields::apply(probe, f->wire(), a.value))
                    r.error(u"value"_qs, *why);
            }
        }
        break;
    case RuleActionKind::Assign:
        a.strategy = r.string(u"strategy"_qs, false).value_or(u"group_default"_qs);
        if (!assignStrategies().contains(a.strategy))
            r.error(u"strategy"_qs,
                u"unknown value '%1' (allowed: %2)"_qs.arg(
                    a.strategy.left(40), assignStrategies().join(u", "_qs)));
        a.groupId = r.nullableString(u"group_id"_qs).value_or(QString());
        if (!a.groupId.isEmpty() && !isValidId(a.groupId))
            r.error(u"group_id"_qs, u"must be a UUID"_qs);
        break;
    case RuleActionKind::AddTags:
    case RuleActionKind::RemoveTags:
        if (const auto tags = r.stringList(u"tags"_qs, true)) {
            if (tags->isEmpty() || tags->size() > kMaxTags)
                r.error(u"tags"_qs, u"must list 1..%1 tags"_qs.arg(kMaxTags));
            for (const QString &tag : *tags) {
                const QString t = normaliseTag(tag);
                if (t.isEmpty() || t.size() > kMaxTagLength || t.contains(u',') || !isCleanText(t, false))
                    r.error(u"tags"_qs, u"invalid tag '%1'"_qs.arg(tag.left(kMaxTagLength)));
                else
                    a.tags << t;
            }
        }
        break;
    case RuleActionKind::Note:
        a.text = text(u"text"_qs, 10000, true);
        break;
    case RuleActionKind::Notify:
        if (auto who = enumFrom(r, u"who"_qs, true, NotifyWho(5), NotifyWho::Requester))
            a.who = *who;
        a.templateId = r.string(u"template"_qs, true).value_or(QString());
        if (r.has(u"template"_qs) && !isTemplateId(a.templateId))
            r.error(u"template"_qs, u"must be a template id ([a-z0-9._-], at most 64)"_qs);
        a.channel = r.string(u"channel"_qs, false).value_or(u"origin"_qs);
        if (!notifyChannels().contains(a.channel))
            r.error(u"channel"_qs,
                u"unknown value '%1' (allowed: %2)"_qs.arg(
                    a.channel.left(40), notifyChannels().join(u", "_qs)));
        break;
    case RuleActionKind::Highlight:
        a.colour = r.string(u"colour"_qs, true).value_or(QString());
        if (r.has(u"colour"_qs) && !isColour(a.colour))
            r.error(u"colour"_qs, u"must be #rrggbb"_qs);
        a.colour = a.colour.toLower();
        break;
    case RuleActionKind::CreateChild:
        a.groupId = r.string(u"group_id"_qs, true).value_or(QString());
        if (r.has(u"group_id"_qs) && !isValidId(a.groupId))
            r.error(u"group_id"_qs, u"must be a UUID"_qs);
        a.text = text(u"title"_qs, kMaxTitleLength, true);
        break;
    case RuleActionKind::Webhook: {
        a.url = r.string(u"url"_qs, true).value_or(QString());
        const QUrl url(a.url, QUrl::StrictMode);
        if (r.has(u"url"_qs)
            && (!url.isValid() || url.host().isEmpty()
                || (url.scheme() != u"https"_qs && url.scheme() != u"http"_qs) || a.url.size() > 2000))
            r.error(u"url"_qs, u"must be an http(s) URL with a host"_qs);
        a.secretRef = r.string(u"secret"_qs, true).value_or(QString());
        if (r.has(u"secret"_qs) && !isTemplateId(a.secretRef))
            r.error(u"secret"_qs, u"must name a stored secret ([a-z0-9._-], at most 64), not hold it"_qs);
        break;
    }
    }
    r.rejectUnknown();
    errors += r.errors();
    return r.ok() ? std::optional(a) : std::nullopt;
}

QJsonValue fieldValueJson(const std::optional<QString> &v)
{
    return v->isEmpty() ? QJsonValue() : QJsonValue(*v);
}

QJsonObject actionToJson(const RuleAction &a)
{
    QJsonObject o {{u"type"_qs, toWire(a.kind)}};
    switch (a.kind) {
    case RuleActionKind::SetField:
        o.insert(u"field"_qs, a.field.wire());
        o.insert(u"value"_qs, a.value);
        break;
    case RuleActionKind::Assign:
        o.insert(u"strategy"_qs, a.strategy);
        if (!a.groupId.isEmpty())
            o.insert(u"group_id"_qs, a.groupId);
        break;
    case RuleActionKind::AddTags:
    case RuleActionKind::RemoveTags:
        o.insert(u"tags"_qs, QJsonArray::fromStringList(a.tags));
        break;
    case RuleActionKind::Note:
        o.insert(u"text"_qs, a.text);
        break;
    case RuleActionKind::Notify:
        o.insert(u"who"_qs, toWire(a.who));
        o.insert(u"template"_qs, a.templateId);
        o.insert(u"channel"_qs, a.channel);
        break;
    case RuleActionKind::Highlight:
        o.insert(u"colour"_qs, a.colour);
        break;
    case RuleActionKind::CreateChild:
        o.insert(u"group_id"_qs, a.groupId);
        o.insert(u"title"_qs, a.text);
        break;
    case RuleActionKind::Webhook:
        o.insert(u"url"_qs, a.url);
        o.insert(u"secret"_qs, a.secretRef);
        break;
    }
    return o;
}

} // namespace

bool Rule::hasAction(RuleActionKind k) const
{
    return std::any_of(actions.begin(), actions.end(), [k](const RuleAction &a) { return a.kind == k; });
}

QJsonObject Rule::toJson() const
{
    QJsonObject o {{u"id"_qs, id}, {u"name"_qs, name}, {u"enabled"_qs, enabled}, {u"order"_qs, order},
        {u"kind"_qs, toWire(kind)}};
    if (kind == RuleKind::Event) {
        QJsonArray ts;
        for (const RuleTrigger &t : triggers) {
            QJsonObject to {{u"on"_qs, toWire(t.kind)}};
            if (t.kind == RuleTriggerKind::FieldChanged) {
                to.insert(u"field"_qs, t.field.wire());
                if (t.from)
                    to.insert(u"from"_qs, fieldValueJson(t.from));
                if (t.to)
                    to.insert(u"to"_qs, fieldValueJson(t.to));
            } else if (t.kind == RuleTriggerKind::CommentAdded) {
                to.insert(u"by"_qs, toWire(t.by));
            }
            ts.append(to);
        }
        o.insert(u"triggers"_qs, ts);
    } else if (time) {
        QJsonArray in;
        for (const QString &v : time->in)
            in.append(v.isEmpty() ? QJsonValue() : QJsonValue(v));
        o.insert(u"time"_qs,
            QJsonObject {{u"field"_qs, time->field.wire()}, {u"in"_qs, in},
                {u"after_minutes"_qs, time->afterMinutes}, {u"clock"_qs, toWire(time->clock)}});
    }
    auto conds = [](const std::vector<RuleCondition> &list) {
        QJsonArray a;
        for (const RuleCondition &c : list) {
            QJsonObject co {{u"field"_qs, c.field.wire()}, {u"op"_qs, toWire(c.op)}};
            if (!c.value.isUndefined())
                co.insert(u"value"_qs, c.value);
            if (c.field.id == RuleFieldId::TimeInStatus || c.field.id == RuleFieldId::Age)
                co.insert(u"clock"_qs, toWire(c.clock));
            a.append(co);
        }
        return a;
    };
    o.insert(u"conditions"_qs, QJsonObject {{u"all"_qs, conds(all)}, {u"any"_qs, conds(any)}});
    QJsonArray as;
    for (const RuleAction &a : actions)
        as.append(actionToJson(a));
    o.insert(u"actions"_qs, as);
    return o;
}

std::optional<Rule> Rule::fromJson(const QJsonObject &json, FieldErrors *errors)
{
    FieldErrors all;
    JsonReader r(json);
    Rule rule;
    rule.id = r.string(u"id"_qs, true).value_or(QString());
    rule.name = r.string(u"name"_qs, true).value_or(QString());
    rule.enabled = r.boolean(u"enabled"_qs, false).value_or(true);
    rule.order = int(r.integer(u"order"_qs, false, -1'000'000, 1'000'000).value_or(0));
    if (auto kind = enumFrom(r, u"kind"_qs, true, RuleKind(2), RuleKind::Event))
        rule.kind = *kind;
    if (const auto ts = r.array(u"triggers"_qs, false)) {
        for (qsizetype i = 0; i < ts->size(); ++i) {
            if (auto t = readTrigger(ts->at(i), u"triggers[%1]"_qs.arg(i), all))
                rule.triggers.push_back(std::move(*t));
        }
    }
    if (const auto t = r.object(u"time"_qs, false))
        rule.time = readTime(*t, u"time"_qs, all);
    if (const auto c = r.object(u"conditions"_qs, false)) {
        JsonReader cr(*c, u"conditions"_qs);
        rule.all = readConditions(cr, u"all"_qs, all);
        rule.any = readConditions(cr, u"any"_qs, all);
        cr.rejectUnknown();
        all += cr.errors();
    }
    if (const auto as = r.array(u"actions"_qs, true)) {
        for (qsizetype i = 0; i < as->size(); ++i) {
            if (auto a = readAction(as->at(i), u"actions[%1]"_qs.arg(i), all))
                rule.actions.push_back(std::move(*a));
        }
    }
    r.rejectUnknown();
    all = r.errors() + all;
    if (all.isEmpty())
        all = rule.validate();
    if (!all.isEmpty()) {
        if (errors)
            *errors = all;
        return std::nullopt;
    }
    return rule;
}

FieldErrors Rule::validate() const
{
    FieldErrors e;
    if (!isRuleId(id))
        e.append({u"id"_qs, u"must be 1..64 of A-Z a-z 0-9 . _ -"_qs});
    if (name.trimmed().isEmpty() || name.size() > 200 || !isCleanText(name, false))
        e.append({u"name"_qs, u"must be clean text of 1..200 characters"_qs});
    if (kind == RuleKind::Event && triggers.empty())
        e.append({u"triggers"_qs, u"an event rule needs at least one trigger"_qs});
    if (kind == RuleKind::Event && time)
        e.append({u"time"_qs, u"only a time rule has a time trigger"_qs});
    if (kind == RuleKind::Time && !time)
        e.append({u"time"_qs, u"a time rule needs {field, in, after_minutes}"_qs});
    if (kind == RuleKind::Time && !triggers.empty())
        e.append({u"triggers"_qs, u"a time rule has no event triggers"_qs});
    if (actions.empty())
        e.append({u"actions"_qs, u"at least one action"_qs});
    if (actions.size() > size_t(kMaxRuleActions))
        e.append({u"actions"_qs, u"at most %1 actions"_qs.arg(kMaxRuleActions)});
    QSet<QString> setFields;
    for (const RuleAction &a : actions) {
        if (a.kind != RuleActionKind::SetField)
            continue;
        if (setFields.contains(a.field.wire())) {
            e.append({u"actions"_qs, u"'%1' is set twice"_qs.arg(a.field.wire())});
            break;
        }
        setFields.insert(a.field.wire());
    }
    return e;
}

std::optional<std::vector<Rule>> rulesFromJson(const QJsonValue &json, FieldErrors *errors)
{
    const QJsonValue list = json.isObject() ? json.toObject().value(u"rules"_qs) : json;
    FieldErrors all;
    std::vector<Rule> out;
    if (!list.isArray()) {
        all.append({u"rules"_qs, u"must be a list of rules"_qs});
    } else {
        QSet<QString> ids;
        const QJsonArray a = list.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QString prefix = u"rules[%1]"_qs.arg(i);
            FieldErrors e;
            if (!a.at(i).isObject()) {
                all.append({prefix, u"must be an object"_qs});
                continue;
            }
            if (auto rule = Rule::fromJson(a.at(i).toObject(), &e)) {
                if (ids.contains(rule->id))
                    all.append({prefix + u".id"_qs, u"duplicate id '%1'"_qs.arg(rule->id)});
                ids.insert(rule->id);
                out.push_back(std::move(*rule));
            }
            for (const FieldError &fe : e)
                all.append({prefix + u'.' + fe.field, fe.message});
        }
    }
    if (!all.isEmpty()) {
        if (errors)
            *errors = all;
        return std::nullopt;
    }
    sortRules(out);
    return out;
}

QJsonArray rulesToJson(const std::vector<Rule> &rules)
{
    QJsonArray a;
    for (const Rule &r : rules)
        a.append(r.toJson());
    return a;
}

void sortRules(std::vector<Rule> &rules)
{
    std::stable_sort(rules.begin(), rules.end(),
        [](const Rule &a, const Rule &b) { return a.order != b.order ? a.order < b.order : a.id < b.id; });
}

} // namespace triage
