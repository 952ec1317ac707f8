#include "RulesApi.h"

#include "ApiUtil.h"
#include "TicketRules.h"
#include "domain/Time.h"
#include "rules/RuleDryRun.h"
#include "storage/RuleStore.h"
#include "storage/ServerTicketStore.h"

#include <QJsonArray>

namespace triage::server {

namespace {

constexpr qint64 kDayMs = 86'400'000;
constexpr int kMaxDryRunDays = 90;

std::optional<std::vector<Rule>> parseRules(const QJsonValue &json, FieldErrors *errors)
{
    if (!json.isArray()) {
        errors->append({u"rules"_qs, u"must be an array of rules"_qs});
        return std::nullopt;
    }
    return rulesFromJson(QJsonObject {{u"rules"_qs, json}}, errors);
}

} // namespace

void RulesApi::registerRoutes(Router &router)
{
    router.add("GET", u"/api/v1/rules"_qs, true, [this](Call &c) { return get(c); });
    router.add("PUT", u"/api/v1/rules"_qs, true, [this](Call &c) { return put(c); });
    router.add("POST", u"/api/v1/rules/dry-run"_qs, true, [this](Call &c) { return dryRun(c); });
}

HttpResponse RulesApi::get(Call &call)
{
    if (!call.principal.isStaff())
        return forbidden(u"Only staff can read the automation rules."_qs);
    const auto doc = RuleStore(*m_ctx.db).ruleSetDoc();
    return HttpResponse::json(
        200, doc.value_or(QJsonObject {{u"id"_qs, RuleStore::kId}, {u"rules"_qs, QJsonArray()}}));
}

HttpResponse RulesApi::put(Call &call)
{
    if (!call.principal.isAdmin())
        return forbidden(u"Only administrators can change the automation rules."_qs);
    HttpResponse err;
    auto body = parseJsonObject(call.request, &err);
    if (!body)
        return err;
    FieldErrors errors;
    for (auto it = body->begin(); it != body->end(); ++it) {
        if (it.key() != u"rules"_qs && it.key() != u"id"_qs)
            errors.append({it.key(), u"unknown field"_qs});
    }
    if (body->contains(u"id"_qs) && body->value(u"id"_qs) != QJsonValue(RuleStore::kId))
        errors.append({u"id"_qs, u"must be 'default' (there is one rule set)"_qs});
    const auto rules = parseRules(body->value(u"rules"_qs), &errors);
    if (!rules || !errors.isEmpty())
        return validationProblem(errors, u"The rule set has invalid rules"_qs);
    const QJsonObject doc {{u"id"_qs, RuleStore::kId}, {u"rules"_qs, rulesToJson(*rules)},
        {u"updated_at"_qs, isoUtc(nowMs())}, {u"updated_by"_qs, call.principal.userId}};
    WriteTx tx(*m_ctx.db);
    RuleStore(*m_ctx.db).saveRuleSet(doc, tx.bumpHead(1));
    tx.commit();
    m_ctx.committed();
    return HttpResponse::json(200, doc);
}

HttpResponse RulesApi::dryRun(Call &call)
{
    const Principal &who = call.principal;
    if (!who.isAdmin() && who.role != UserRole::Lead)
        return forbidden(u"Only administrators and leads can dry-run rules."_qs);
    HttpResponse err;
    auto body = parseJsonObject(call.request, &err);
    if (!body)
        return err;
    JsonReader r(*body);
    const auto ticketId = r.string(u"ticket_id"_qs, false);
    const auto days = r.integer(u"days"_qs, false, 1, kMaxDryRunDays);
    r.ignore({u"rules"_qs});
    r.rejectUnknown();
    if (ticketId.has_value() == days.has_value() && r.ok())
        r.error(u"ticket_id"_qs, u"give either ticket_id (one ticket) or days (history), not both"_qs);
    FieldErrors errors = r.errors();
    std::optional<std::vector<Rule>> candidate;
    if (body->contains(u"rules"_qs))
        candidate = parseRules(body->value(u"rules"_qs), &errors);
    if (!errors.isEmpty())
        return validationProblem(errors, u"The dry-run request has invalid fields"_qs);

    ServerDatabase &db = *m_ctx.db;
    TicketRules live(db);
    const std::vector<Rule> rules = candidate ? std::move(*candidate) : *TicketRules::loadRules(db);
    RuleStore store(db);
    ServerTicketStore tickets(db);
    const qint64 now = nowMs();
    RuleDryRunOptions options;
    options.to = now;
    options.calendarFor = [&live](const Ticket &t) { return live.calendarFor(t); };
    auto historyTicket = [&](const StoredTicket &s) {
        RuleHistoryTicket h;
        h.subject = live.subjectOf(s.ticket);
        h.history = store.history(s.ticket.id);
        return h;
    };
    const QJsonValue ruleSet = candidate ? u"candidate"_qs : u"stored"_qs;
    if (ticketId) {
        const auto s = tickets.load(*ticketId, false);
        if (!s || s->deleted || !who.canSeeTicket(s->ticket.groupId, s->ticket.requesterId))
            return notFound(u"ticket"_qs);
        options.traceAll = true; // "why did / would this rule fire": every rule's reason
        const RuleDryRunTicket result = RuleDryRun::ticket(rules, historyTicket(*s), options);
        QJsonObject out = result.toJson();
        out.insert(u"rule_set"_qs, ruleSet);
        out.insert(u"evaluated_at"_qs, isoUtc(now));
        return HttpResponse::json(200, out);
    }
    options.from = now - *days * kDayMs;
    std::vector<RuleHistoryTicket> input;
    for (const QString &id : store.ticketsWithEventsSince(options.from)) {
        const auto s = tickets.load(id, false);
        if (s && !s->deleted && who.canSeeTicket(s->ticket.groupId, s->ticket.requesterId))
            input.push_back(historyTicket(*s));
    }
    QJsonObject out = RuleDryRun::history(rules, input, options).toJson();
    out.insert(u"rule_set"_qs, ruleSet);
    out.insert(u"from"_qs, isoUtc(options.from));
    out.insert(u"to"_qs, isoUtc(now));
    out.insert(u"tickets_examined"_qs, qint64(input.size()));
    return HttpResponse::json(200, out);
}

} // namespace triage::server
