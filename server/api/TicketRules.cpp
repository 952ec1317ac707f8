#include "TicketRules.h"

#include "TicketSla.h"
#include "domain/TicketEvent.h"
#include "domain/Time.h"
#include "domain/Uuid.h"
#include "intake/SystemUser.h"
#include "rules/RuleDryRun.h"
#include "storage/DirectoryStore.h"
#include "storage/HistoryLog.h"
#include "storage/RuleStore.h"

#include <QJsonDocument>
#include <QMutex>

namespace triage::server {

namespace {

QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// The logged fields that differ between two tickets, as the engine's state changes.
void appendChanges(
    std::vector<RuleStateChange> &changes, const Ticket &before, const Ticket &after, qint64 at)
{
    if (before.status != after.status)
        changes.push_back({at, RuleFieldId::Status, toWire(before.status), toWire(after.status)});
    if (before.priority != after.priority)
        changes.push_back({at, RuleFieldId::Priority, toWire(before.priority), toWire(after.priority)});
    if (before.assigneeId != after.assigneeId)
        changes.push_back({at, RuleFieldId::Assignee, before.assigneeId, after.assigneeId});
    if (before.groupId != after.groupId)
        changes.push_back({at, RuleFieldId::Group, before.groupId, after.groupId});
}

// The rule whose action last wrote `field` (set_field, or an assignment's group): the author of
// that change in the log, so dry-runs skip it and re-derive it.
QString authorOf(const std::vector<RuleDecision> &decisions, RuleFieldId field)
{
    for (auto it = decisions.rbegin(); it != decisions.rend(); ++it) {
        const RuleAction &a = it->action;
        if ((a.kind == RuleActionKind::SetField && a.field.id == field)
            || (field == RuleFieldId::Group && a.kind == RuleActionKind::Assign && !a.groupId.isEmpty()))
            return ruleAuthor(it->ruleId);
    }
    return ruleAuthor(QString());
}

struct RuleCache {
    QMutex mutex;
    QString epoch; // the database's identity: in-process tests open several
    qint64 seq = -1;
    std::shared_ptr<const std::vector<Rule>> rules;
};

RuleCache &ruleCache()
{
    static RuleCache cache;
    return cache;
}

} // namespace

TicketRules::TicketRules(ServerDatabase &db)
    : m_db(db)
    , m_rules(loadRules(db))
{ }

TicketSla &TicketRules::sla()
{
    if (!m_sla)
        m_sla = std::make_unique<TicketSla>(m_db);
    return *m_sla;
}

const BusinessCalendar *TicketRules::calendarFor(const Ticket &ticket)
{
    return &sla().calendarFor(ticket.groupId);
}

TicketRules::~TicketRules() = default;

std::shared_ptr<const std::vector<Rule>> TicketRules::loadRules(ServerDatabase &db)
{
    RuleStore store(db);
    const qint64 seq = store.ruleSetSeq();
    RuleCache &cache = ruleCache();
    {
        QMutexLocker lock(&cache.mutex);
        if (cache.rules && cache.seq == seq && cache.epoch == db.epoch())
            return cache.rules;
    }
    auto rules = std::make_shared<const std::vector<Rule>>(seq == 0 ? std::vector<Rule> {} : store.rules());
    QMutexLocker lock(&cache.mutex);
    // Connections of one database share the cache; a different database (tests) simply reparses.
    cache.epoch = db.epoch();
    cache.seq = seq;
    cache.rules = rules;
    return rules;
}

bool TicketRules::carryOutAssign(const RuleDecision &, Ticket &)
{
    // TODO(issue 18, routing): resolve through core/routing (Router::route) with the group's
    // configuration, roster and position, and evaluate the assignment as a change of depth + 1.
    return false;
}

QString TicketRules::ruleName(const QString &ruleId) const
{
    for (const Rule &r : *m_rules) {
        if (r.id == ruleId)
            return r.name;
    }
    return ruleId;
}

RuleSubject TicketRules::subjectOf(const Ticket &ticket)
{
    RuleSubject s;
    s.ticket = ticket;
    if (!ticket.requesterId.isEmpty()) {
        if (const auto u = DirectoryStore(m_db).userById(ticket.requesterId)) {
            s.requester.email = u->user.email;
            s.requester.locale = u->user.locale;
        }
    }
    s.changes = RuleSubject::changesFromHistory(RuleStore(m_db).history(ticket.id));
    return s;
}

RuleContext TicketRules::contextAt(const Ticket &ticket, qint64 now)
{
    RuleContext c;
    c.now = now;
    c.calendar = calendarFor(ticket);
    c.slaTimers = [this, now](const Ticket &t) { return sla().timers(t, now); };
    c.traceAll = false; // firings and near misses: what the ticket's log keeps
    return c;
}

void TicketRules::merge(RulePlan &plan, const Ticket &before, RuleOutcome &&o, qint64 at)
{
    // The rules' changes of the logged fields, each by the rule that made it.
    const Ticket &after = o.ticket;
    auto logged = [&](RuleFieldId id, TicketEvent::Kind kind, const QString &from, const QString &to) {
        if (from != to)
            plan.history.append({at, authorOf(o.decisions, id), TicketEvent::fieldName(kind), from, to});
    };
    logged(RuleFieldId::Group, TicketEvent::Kind::Group, before.groupId, after.groupId);
    logged(RuleFieldId::Assignee, TicketEvent::Kind::Assignee, before.assigneeId, after.assigneeId);
    logged(
        RuleFieldId::Priority, TicketEvent::Kind::Priority, toWire(before.priority), toWire(after.priority));
    logged(RuleFieldId::Status, TicketEvent::Kind::Status, toWire(before.status), toWire(after.status));
    if (!o.changedFields.isEmpty() || !(after == before))
        plan.ticketChanged = true;
    for (const RuleTraceEntry &e : o.trace) {
        if (e.fired || e.isNearMiss() || e.kind == RuleTraceKind::ChainDepthLimit)
            plan.history.append(
                {e.at ? e.at : at, ruleAuthor(e.ruleId), u"rule"_qs, QString(), compact(e.toJson())});
    }
    for (const RuleDecision &d : o.decisions) {
        QString detail;
        bool done = true;
        switch (d.action.kind) {
        case RuleActionKind::SetField:
        case RuleActionKind::AddTags:
        case RuleActionKind::RemoveTags:
        case RuleActionKind::Highlight: // drawn, never written
            continue;
        case RuleActionKind::Note: {
            Comment c;
            c.id = newId();
            c.ticketId = after.id;
            // Comments need a directory author: the server's own user ("Triage"), naming the rule.
            // The log entry of the note is the rule's (TicketService::writeRules).
            c.authorId = kSystemUserId;
            c.isPublic = false;
            c.body = u"Rule '%1': %2"_qs.arg(ruleName(d.ruleId), d.action.text);
            c.createdAt = at;
            plan.notes.append(c);
            plan.noteRules.append(d.ruleId);
            detail = u"internal note added"_qs;
            break;
        }
        case RuleActionKind::Assign:
            done = carryOutAssign(d, o.ticket);
            detail = done ? u"assigned"_qs : u"not carried out yet: assignment by routing is not wired"_qs;
            break;
        case RuleActionKind::Notify:
        case RuleActionKind::CreateChild:
        case RuleActionKind::Webhook:
            done = false;
            detail = u"not carried out yet"_qs;
            break;
        }
        plan.history.append({at, ruleAuthor(d.ruleId), u"rule_action"_qs, QString(),
            compact(QJsonObject {{u"rule_id"_qs, d.ruleId}, {u"action"_qs, toWire(d.action.kind)},
                {u"index"_qs, d.actionIndex}, {u"depth"_qs, d.depth}, {u"carried_out"_qs, done},
                {u"detail"_qs, detail}})});
    }
    plan.timeKeys.insert(plan.timeKeys.end(), o.timeKeys.begin(), o.timeKeys.end());
    if (m_keys) {
        for (const TimeFiringKey &k : o.timeKeys)
            m_keys->insert(k);
    }
    plan.fired += o.firedRuleIds;
    plan.ticket = std::move(o.ticket);
}

RulePlan TicketRules::onEvent(const Ticket &after, const RuleEvent &event)
{
    RulePlan plan;
    plan.ticket = after;
    if (m_rules->empty())
        return plan;
    RuleSubject s = subjectOf(after);
    if (event.kind == RuleEvent::Kind::Updated)
        appendChanges(s.changes, event.before, after, event.at); // not in the log yet
    merge(plan, after, RuleEngine::onEvent(*m_rules, s, event, contextAt(after, event.at)), event.at);
    // Time rules are looked at after every event (RuleDryRun does the same).
    appendChanges(s.changes, after, plan.ticket, event.at);
    s.ticket = plan.ticket;
    if (!m_keys)
        m_keys = RuleStore(m_db).firedKeys(after.id);
    const TimeFiredLookup fired = [this](const TimeFiringKey &k) { return m_keys->contains(k); };
    if (RuleEngine::sweep(*m_rules, s, contextAt(s.ticket, event.at).calendar, event.at, fired).dueNow) {
        const Ticket before = plan.ticket;
        merge(plan, before, RuleEngine::onTime(*m_rules, s, contextAt(before, event.at), fired), event.at);
    }
    return plan;
}

bool TicketRules::timeRuleDue(const Ticket &ticket, qint64 now)
{
    if (m_rules->empty())
        return false;
    const RuleSubject s = subjectOf(ticket);
    m_keys = RuleStore(m_db).firedKeys(ticket.id);
    const TimeFiredLookup fired = [this](const TimeFiringKey &k) { return m_keys->contains(k); };
    return RuleEngine::sweep(*m_rules, s, calendarFor(ticket), now, fired).dueNow;
}

RulePlan TicketRules::onTime(const Ticket &ticket, qint64 now)
{
    RulePlan plan;
    plan.ticket = ticket;
    if (m_rules->empty())
        return plan;
    const RuleSubject s = subjectOf(ticket);
    m_keys = RuleStore(m_db).firedKeys(ticket.id);
    const TimeFiredLookup fired = [this](const TimeFiringKey &k) { return m_keys->contains(k); };
    merge(plan, ticket, RuleEngine::onTime(*m_rules, s, contextAt(ticket, now), fired), now);
    return plan;
}

void TicketRules::write(ServerDatabase &db, HistoryLog &log, const RulePlan &plan)
{
    for (const RulePlan::Row &r : plan.history)
        log.add(plan.ticket.id, r.at, r.userId, r.field, r.from, r.to);
    RuleStore store(db);
    const qint64 now = nowMs();
    for (const TimeFiringKey &k : plan.timeKeys)
        store.recordFiring(k, now);
}

} // namespace triage::server
