#include "RuleEvaluator.h"

#include "RuleFieldTable.h"
#include "sla/BusinessCalendar.h"
#include "sla/KeyPhraseRules.h"

#include <QJsonArray>

#include <cmath>

namespace triage {
namespace {

QString valueText(const RuleCondition &c)
{
    if (c.value.isArray()) {
        QStringList parts;
        for (const QJsonValue &v : c.value.toArray())
            parts << (v.isDouble() ? QString::number(v.toDouble()) : v.toString());
        return parts.join(u", "_qs);
    }
    if (c.value.isDouble())
        return QString::number(c.value.toDouble());
    if (c.value.isBool())
        return c.value.toBool() ? u"true"_qs : u"false"_qs;
    return c.value.toString();
}

bool compare(RuleOp op, double a, double b)
{
    switch (op) {
    case RuleOp::Equals:
        return a == b;
    case RuleOp::NotEquals:
        return a != b;
    case RuleOp::Gt:
        return a > b;
    case RuleOp::Gte:
        return a >= b;
    case RuleOp::Lt:
        return a < b;
    case RuleOp::Lte:
        return a <= b;
    default:
        return false;
    }
}

bool listContains(const QStringList &list, const QStringList &values)
{
    for (const QString &v : values) {
        if (list.contains(v, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool containsValue(const QStringList &list, const QString &v)
{
    for (const QString &x : list) {
        if (QString::compare(x, v, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

RuleEvaluator::RuleEvaluator(const RuleSubject &subject, const RuleContext &ctx)
    : m_subject(subject)
    , m_ctx(ctx)
{ }

std::optional<qint64> RuleEvaluator::enteredAt(RuleFieldId field, const QStringList &values) const
{
    if (!values.contains(ruleFieldText(ticket(), {}, RuleField {field, {}})))
        return std::nullopt;
    auto scan = [&](const std::vector<RuleStateChange> &changes) -> std::optional<qint64> {
        for (auto it = changes.rbegin(); it != changes.rend(); ++it) {
            if (it->field == field && (!values.contains(it->to) || !values.contains(it->from)))
                return it->at;
        }
        return std::nullopt;
    };
    if (const auto at = scan(m_extra))
        return at;
    return scan(m_subject.changes).value_or(ticket().createdAt);
}

std::optional<qint64> RuleEvaluator::enteredAt(const RuleTimeTrigger &watched) const
{
    if (watched.mask) {
        const Ticket &t = ticket();
        const int current = watched.field.id == RuleFieldId::Status ? int(t.status)
            : watched.field.id == RuleFieldId::Priority             ? int(t.priority)
                                                                    : -1;
        if (current >= 0 && !(watched.mask & (1u << current)))
            return std::nullopt;
    }
    return enteredAt(watched.field.id, watched.in);
}

void RuleEvaluator::changed(RuleFieldId field, const QString &from, const QString &to)
{
    if (field == RuleFieldId::Status || field == RuleFieldId::Priority || field == RuleFieldId::Assignee
        || field == RuleFieldId::Group)
        m_extra.push_back({m_ctx.now, field, from, to});
    m_text.reset();
    m_tokens.reset();
    m_folded.reset();
    m_sla.reset();
}

qint64 RuleEvaluator::minutesSince(qint64 from, RuleClock clock) const
{
    const qint64 ms = clock == RuleClock::Business && m_ctx.calendar
        ? m_ctx.calendar->businessMsBetween(from, m_ctx.now)
        : std::max<qint64>(0, m_ctx.now - from);
    return ms / 60'000;
}

Ticket &RuleEvaluator::editTicket()
{
    if (!m_ticket)
        m_ticket = m_subject.ticket;
    return *m_ticket;
}

QJsonObject &RuleEvaluator::editCustom()
{
    if (!m_custom)
        m_custom = m_subject.custom;
    return *m_custom;
}

void RuleEvaluator::setCommentText(const QString &text)
{
    m_comment = text;
    m_text.reset();
    m_tokens.reset();
    m_folded.reset();
}

RuleTextCache *RuleEvaluator::cachedText()
{
    RuleTextCache *c = m_ctx.textCache.get();
    if (!c)
        return nullptr;
    const Ticket &t = ticket();
    if (!c->title.isSharedWith(t.title) || !c->description.isSharedWith(t.description)
        || c->comment != m_comment) {
        *c = RuleTextCache {t.title, t.description, m_comment, {}, {}, std::nullopt};
        c->text = t.title + u'\n' + t.description + u'\n' + m_comment;
        c->folded = KeyPhraseRules::fold(c->text);
    }
    return c;
}

const QString &RuleEvaluator::text()
{
    if (RuleTextCache *c = cachedText())
        return c->text;
    if (!m_text)
        m_text = ticket().title + u'\n' + ticket().description + u'\n' + m_comment;
    return *m_text;
}

const std::vector<WordStemmer::Token> &RuleEvaluator::textTokens()
{
    if (RuleTextCache *c = cachedText()) {
        if (!c->tokens)
            c->tokens = WordStemmer::tokenize(c->text, false);
        return *c->tokens;
    }
    if (!m_tokens)
        m_tokens = WordStemmer::tokenize(text(), false);
    return *m_tokens;
}

const QString &RuleEvaluator::foldedText()
{
    if (RuleTextCache *c = cachedText())
        return c->folded;
    if (!m_folded)
        m_folded = KeyPhraseRules::fold(text());
    return *m_folded;
}

const std::vector<SlaTimer> &RuleEvaluator::slaTimers()
{
    if (!m_sla)
        m_sla = m_ctx.slaTimers ? m_ctx.slaTimers(ticket()) : std::vector<SlaTimer>();
    return *m_sla;
}

bool RuleEvaluator::textHolds(const RuleCondition &c, const QString &value) const
{
    switch (c.op) {
    case RuleOp::Equals:
        return QString::compare(value, c.values.value(0), Qt::CaseInsensitive) == 0;
    case RuleOp::NotEquals:
        return QString::compare(value, c.values.value(0), Qt::CaseInsensitive) != 0;
    case RuleOp::In:
        return containsValue(c.values, value);
    case RuleOp::NotIn:
        return !containsValue(c.values, value);
    case RuleOp::Contains:
    case RuleOp::NotContains: {
        bool found = false;
        for (const QString &v : c.values)
            found = found || value.contains(v, Qt::CaseInsensitive);
        return found == (c.op == RuleOp::Contains);
    }
    case RuleOp::KeyPhrase:
        return c.phrases && !c.phrases->matches(value).empty();
    case RuleOp::IsSet:
        return !value.isEmpty();
    case RuleOp::IsEmpty:
        return value.isEmpty();
    default:
        return false;
    }
}

bool RuleEvaluator::holds(const RuleCondition &c, QString *actual)
{
    const RuleSubject &s = m_subject;
    auto number = [&](std::optional<double> v) {
        if (actual && v)
            *actual = QString::number(*v);
        if (c.op == RuleOp::IsSet || c.op == RuleOp::IsEmpty)
            return v.has_value() == (c.op == RuleOp::IsSet);
        if (!v)
            return c.op == RuleOp::NotEquals;
        return compare(c.op, *v, c.number);
    };
    auto boolean = [&](bool v) {
        if (actual)
            *actual = v ? u"true"_qs : u"false"_qs;
        return (v == c.flag) == (c.op == RuleOp::Equals);
    };
    auto list = [&](const QStringList &l) {
        if (actual)
            *actual = l.join(u", "_qs);
        switch (c.op) {
        case RuleOp::Contains:
            return listContains(l, c.values);
        case RuleOp::NotContains:
            return !listContains(l, c.values);
        case RuleOp::IsSet:
            return !l.isEmpty();
        default:
            return l.isEmpty();
        }
    };
    auto textValue = [&](const QString &v) {
        if (actual)
            *actual = v.left(80);
        return textHolds(c, v);
    };
    switch (c.field.id) {
    case RuleFieldId::Text:
        if (c.op == RuleOp::KeyPhrase) {
            if (actual)
                *actual = text().left(80);
            return c.phrases && c.phrases->mayMatch(foldedText())
                && !c.phrases->matches(text(), textTokens()).empty();
        }
        return textValue(text());
    case RuleFieldId::Comment:
        return textValue(m_comment);
    case RuleFieldId::Tags:
        return list(ticket().tags);
    case RuleFieldId::RequesterTags:
        return list(s.requester.tags);
    case RuleFieldId::RequesterEmail:
        return textValue(s.requester.email);
    case RuleFieldId::RequesterOrganisation:
        return textValue(s.requester.organisation);
    case RuleFieldId::RequesterLocale:
        return textValue(s.requester.locale);
    case RuleFieldId::RequesterLocation:
        return textValue(s.requester.location);
    case RuleFieldId::CsatRating:
        return number(ticket().csatRating ? std::optional<double>(*ticket().csatRating) : std::nullopt);
    case RuleFieldId::Number:
        return number(ticket().number ? std::optional<double>(double(*ticket().number)) : std::nullopt);
    case RuleFieldId::TimeInStatus: {
        const auto entered
            = enteredAt(RuleFieldId::Status, {ruleFieldText(ticket(), {}, {RuleFieldId::Status, {}})});
        return number(double(minutesSince(entered.value_or(ticket().createdAt), c.clock)));
    }
    case RuleFieldId::Age:
        return number(double(minutesSince(ticket().createdAt, c.clock)));
    case RuleFieldId::BusinessHours:
        return boolean(!m_ctx.calendar || m_ctx.calendar->isBusinessTime(m_ctx.now));
    case RuleFieldId::SlaElapsedPercent:
    case RuleFieldId::SlaBreached: {
        // The latest cycle of each metric (or of the named one).
        std::optional<double> percent;
        bool breached = false;
        const auto &timers = slaTimers();
        for (size_t i = 0; i < timers.size(); ++i) {
            const SlaTimer &t = timers[i];
            const bool latest = i + 1 == timers.size() || timers[i + 1].metric != t.metric;
            if (!latest || (!c.field.key.isEmpty() && toWire(t.metric) != c.field.key))
                continue;
            breached = breached || t.breached;
            if (t.isOpen() || !c.field.key.isEmpty())
                percent = std::max(percent.value_or(0.0), t.elapsedPercent);
        }
        return c.field.id == RuleFieldId::SlaBreached ? boolean(breached) : number(percent);
    }
    case RuleFieldId::Custom: {
        const QJsonValue v = custom().value(c.field.key);
        if (v.isArray()) {
            QStringList l;
            for (const QJsonValue &x : v.toArray())
                l << ruleFieldText({}, QJsonObject {{u"x"_qs, x}}, {RuleFieldId::Custom, u"x"_qs});
            if (c.op == RuleOp::Contains || c.op == RuleOp::NotContains || c.op == RuleOp::IsSet
                || c.op == RuleOp::IsEmpty)
                return list(l);
        }
        const bool numeric = c.op >= RuleOp::Gt || (c.value.isDouble() && c.op <= RuleOp::NotEquals);
        if (numeric) {
            bool ok = v.isDouble();
            double d = v.toDouble();
            if (v.isString())
                d = v.toString().toDouble(&ok);
            return number(ok ? std::optional<double>(d) : std::nullopt);
        }
        if (c.value.isBool() && c.op <= RuleOp::NotEquals)
            return boolean(v.toBool());
        return textValue(ruleFieldText(ticket(), custom(), c.field));
    }
    default:
        return textValue(ruleFieldText(ticket(), custom(), c.field));
    }
}

bool RuleEvaluator::passes(const Rule &rule)
{
    for (const RuleCondition &c : rule.all) {
        if (!holds(c, nullptr))
            return false;
    }
    if (rule.any.empty())
        return true;
    for (const RuleCondition &c : rule.any) {
        if (holds(c, nullptr))
            return true;
    }
    return false;
}

std::optional<RuleTraceEntry> RuleEvaluator::failing(const Rule &rule)
{
    auto entry = [&](const RuleCondition &c, int index, const QString &actual) {
        RuleTraceEntry e;
        e.kind = RuleTraceKind::ConditionFailed;
        e.field = c.field.wire();
        e.op = toWire(c.op);
        e.expected = valueText(c);
        e.actual = actual;
        e.index = index;
        return e;
    };
    for (size_t i = 0; i < rule.all.size(); ++i) {
        if (holds(rule.all[i], nullptr))
            continue;
        QString actual; // worded only for the trace of a failing condition
        holds(rule.all[i], &actual);
        return entry(rule.all[i], int(i), actual);
    }
    if (rule.any.empty())
        return std::nullopt;
    for (const RuleCondition &c : rule.any) {
        if (holds(c, nullptr))
            return std::nullopt;
    }
    RuleTraceEntry e;
    e.kind = RuleTraceKind::NoAnyConditionHeld;
    e.index = int(rule.any.size());
    return e;
}

} // namespace triage
