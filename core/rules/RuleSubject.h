#pragma once

#include "Rule.h"
#include "domain/Ticket.h"

#include <QJsonObject>
#include <QList>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace triage {

class BusinessCalendar;
struct RuleTextCache;
struct SlaTimer;
struct TicketEvent;

// What the server knows about a ticket's requester beyond the ticket (for conditions).
struct RequesterFacts {
    QString email;
    QString organisation; // the organisation's id or name, as the directory holds it
    QStringList tags; // segments such as "vip", lower case
    QString locale;
    QString location;
};

// One change of a logged field (status, priority, assignee_id, group_id), from the event log.
struct RuleStateChange {
    qint64 at = 0;
    RuleFieldId field = RuleFieldId::Status;
    QString from, to; // wire values; "" = none
};

// The ticket a rule looks at, with what conditions read beside its own fields. The engine never
// reads anything else: the server (or a dry-run) fills it.
struct RuleSubject {
    Ticket ticket;
    QJsonObject custom; // custom field values by key (wire JSON scalars or lists)
    RequesterFacts requester;
    std::vector<RuleStateChange> changes; // in time order

    // When `field` last entered one of `values` (the moment of the change that brought it in, or
    // createdAt); nullopt when its current value is not one of them.
    std::optional<qint64> enteredAt(RuleFieldId field, const QStringList &values) const;
    std::optional<qint64> enteredAt(const RuleTimeTrigger &watched) const; // the same, faster
    // The logged field changes of a ticket's event log (TicketEvent rows status, priority,
    // assignee_id, group_id), in time order.
    static std::vector<RuleStateChange> changesFromHistory(const QList<TicketEvent> &history);
};

// The current wire value of a logged or plain field of a ticket ("" = none). Enum names are
// shared strings: no allocation.
QString ruleFieldText(const Ticket &ticket, const QJsonObject &custom, const RuleField &field);

// One thing that happened to a ticket, as the engine sees it. The ticket after the change is the
// subject's.
struct RuleEvent {
    enum class Kind : quint8 { Created, Updated, Comment };
    Kind kind = Kind::Updated;
    qint64 at = 0;
    Ticket before; // Updated: the ticket before the change
    QJsonObject customBefore; // Updated: custom fields before the change
    CommentAuthor by = CommentAuthor::Requester; // Comment
    bool commentPublic = true; // Comment: false for an internal note
    QString commentText; // Comment: the text conditions on `comment` and `text` read
    // Continuing a chain: a change the server made for a decision of depth d (an assignment it
    // resolved) is evaluated with depth d + 1 and the rules that already fired in that chain.
    int depth = 0;
    QStringList firedBefore;
};

// Inputs beside the ticket: the instant, the business calendar of the ticket's group (for business
// clocks and business_hours; null = 24×7 UTC), the SLA timers (called at most once per evaluation,
// only when a condition reads sla.*; null = no timers), and the chain depth limit.
struct RuleContext {
    qint64 now = 0;
    const BusinessCalendar *calendar = nullptr;
    std::function<std::vector<SlaTimer>(const Ticket &)> slaTimers;
    int maxDepth = 5;
    // false: the trace keeps firings and near misses only (no "trigger not matched", "not due
    // yet" or "not in the watched state" entries): what a long dry-run or the ticket's log needs.
    bool traceAll = true;
    // Optional: keeps the ticket's text prepared for key phrases between evaluations of the same
    // ticket (a dry-run replaying its log); used while the title, description and comment are
    // the same strings.
    std::shared_ptr<RuleTextCache> textCache;
};

} // namespace triage
