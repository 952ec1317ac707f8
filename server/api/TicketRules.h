#pragma once

#include "domain/Comment.h"
#include "domain/Ticket.h"
#include "rules/RuleEngine.h"
#include "storage/ServerDatabase.h"

#include <QList>

#include <memory>
#include <optional>
#include <vector>

namespace triage::server {

class HistoryLog;
class TicketSla;

// What the automation rules decided for one ticket event (docs/automation.md "For the server"),
// computed before the caller's deferred write and written by it in the same transaction.
struct RulePlan {
    struct Row {
        qint64 at = 0;
        QString userId, field, from, to;
    };
    Ticket ticket; // the ticket after the rules' changes (same version: one write)
    bool ticketChanged = false; // the rules changed a field, tags or the group
    QList<Row> history; // the rules' field changes (author rule:<id>), firings, near misses, actions
    QList<Comment> notes; // internal notes added by `note` actions (by the system user)
    QStringList noteRules; // the rule of each note: its log entry's author
    std::vector<TimeFiringKey> timeKeys; // time rules that fired: stored with the changes
    QStringList fired;

    bool isEmpty() const { return history.isEmpty() && notes.isEmpty() && timeKeys.empty(); }
};

// Runs the stored rule set (RuleStore) on one ticket event, inside a request's WriteTx. Reads only
// (rules, requester, history, firing keys, SLA); the writes are RulePlan's, done by write().
class TicketRules
{
public:
    explicit TicketRules(ServerDatabase &db);
    ~TicketRules();

    bool hasRules() const { return !m_rules->empty(); }

    // `after`: the ticket as the event leaves it. Then the time rules at the same instant.
    RulePlan onEvent(const Ticket &after, const RuleEvent &event);
    // The time rules only, at `now` (the sweep); an empty plan when none fired.
    RulePlan onTime(const Ticket &ticket, qint64 now);
    // Is a time rule due and unfired for this ticket now (RuleEngine::sweep).
    bool timeRuleDue(const Ticket &ticket, qint64 now);

    // Inside the write: the plan's history rows into `log`, its firing keys. Notes are comments:
    // the caller inserts them (it owns the ticket store and the change stamps).
    static void write(ServerDatabase &db, HistoryLog &log, const RulePlan &plan);

    // The process-wide parsed rule set, reparsed when the stored document's seq moves.
    static std::shared_ptr<const std::vector<Rule>> loadRules(ServerDatabase &db);

    // An `assign` decision: routing is wired by a separate change (issue 18, routing); until then
    // nothing is assigned and the trace says so.
    static bool carryOutAssign(const RuleDecision &decision, Ticket &ticket);

    // The ticket with what conditions read beside it: requester facts, the logged state changes.
    RuleSubject subjectOf(const Ticket &ticket);
    // The ticket's business calendar (its group's, else the SLA fallback); valid while this lives.
    const BusinessCalendar *calendarFor(const Ticket &ticket);

private:
    QString ruleName(const QString &ruleId) const;
    TicketSla &sla();
    RuleContext contextAt(const Ticket &ticket, qint64 now);
    void merge(RulePlan &plan, const Ticket &before, RuleOutcome &&outcome, qint64 at);

    ServerDatabase &m_db;
    std::shared_ptr<const std::vector<Rule>> m_rules;
    std::unique_ptr<TicketSla> m_sla;
    std::optional<QSet<TimeFiringKey>> m_keys;
};

} // namespace triage::server
