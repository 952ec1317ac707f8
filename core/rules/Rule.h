#pragma once

#include "domain/Validation.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace triage {

class KeyPhraseRules;

// An automation rule (issue 18) as an admin writes it: when (an event trigger, or a time trigger
// "in a state for longer than"), if (conditions), then (actions). The JSON form is documented in
// docs/automation.md; the engine that runs rules is RuleEngine. Values are plain data plus the
// compiled key phrases, so copying a rule is cheap and evaluating it parses nothing.

enum class RuleKind : quint8 { Event, Time };
enum class RuleTriggerKind : quint8 { Created, Updated, FieldChanged, CommentAdded, CsatGiven };
enum class CommentAuthor : quint8 { Any, Requester, Agent };
enum class RuleClock : quint8 { Wall, Business }; // business: the ticket's SLA calendar

// What a condition, a field_changed trigger, a time trigger or a set_field action reads or writes.
enum class RuleFieldId : quint8 {
    Title,
    Description,
    Type,
    Status,
    Priority,
    Impact,
    Urgency,
    Assignee, // assignee_id
    Group, // group_id
    Requester, // requester_id
    Channel,
    Tags,
    CsatRating,
    CsatComment,
    Number,
    Text, // title + description + the event's comment text
    Comment, // the event's comment text
    Custom, // custom.<key>
    RequesterEmail,
    RequesterOrganisation, // the organisation's id or name
    RequesterTags, // segments such as "vip"
    RequesterLocale,
    RequesterLocation,
    TimeInStatus, // minutes since the ticket entered its current status (clock: wall or business)
    Age, // minutes since the ticket was created (clock)
    BusinessHours, // now is inside the calendar's business hours
    SlaElapsedPercent, // sla.elapsed_percent (the most elapsed open timer) or sla.<metric>.elapsed_percent
    SlaBreached, // sla.breached or sla.<metric>.breached
};

struct RuleField {
    RuleFieldId id = RuleFieldId::Status;
    QString key; // Custom: the custom field's key; Sla*: a metric wire name or empty (any)

    QString wire() const; // "status", "custom.cost_centre", "sla.resolution.elapsed_percent"
    static std::optional<RuleField> fromWire(QStringView wire);
    bool operator==(const RuleField &) const = default;
};

enum class RuleOp : quint8 {
    Equals,
    NotEquals,
    In,
    NotIn,
    Contains, // text: case-insensitive substring; lists: holds any of the values
    NotContains,
    KeyPhrase, // text: any of the phrases, Russian and English word forms (KeyPhraseRules)
    IsSet,
    IsEmpty,
    Gt,
    Gte,
    Lt,
    Lte,
};

struct RuleCondition {
    RuleField field;
    RuleOp op = RuleOp::Equals;
    QJsonValue value; // as written (round trip)
    RuleClock clock = RuleClock::Wall; // time_in_status, age

    // Compiled from `value` by fromJson (or compile()): what evaluation compares against.
    QStringList values; // text and vocabulary values, lower-cased
    double number = 0;
    bool flag = false;
    std::shared_ptr<const KeyPhraseRules> phrases; // KeyPhrase

    // Fills the compiled members from field/op/value; errors are named under `path`.
    FieldErrors compile(const QString &path);
};

struct RuleTrigger {
    RuleTriggerKind kind = RuleTriggerKind::Created;
    RuleField field; // FieldChanged
    std::optional<QString> from, to; // FieldChanged: wire values ("" = none)
    CommentAuthor by = CommentAuthor::Any; // CommentAdded
};

// "The ticket has been in <field> ∈ <in> for more than <afterMinutes>" (wall or business time).
struct RuleTimeTrigger {
    RuleField field; // status, priority, assignee_id or group_id (the logged fields)
    QStringList in; // wire values; "" = none (unassigned, no group)
    double afterMinutes = 0;
    RuleClock clock = RuleClock::Wall;
    // status, priority: bit n set = the value of enum index n is watched (filled by fromJson; 0 =
    // compare `in` as text). The sweep's hot path tests the current value without a string.
    quint32 mask = 0;
};

enum class RuleActionKind : quint8 {
    SetField,
    Assign, // a decision the server resolves through routing (core/routing)
    AddTags,
    RemoveTags,
    Note, // internal note
    Notify,
    Highlight, // shown when drawn (RuleEngine::highlight), never written
    CreateChild,
    Webhook,
};
enum class NotifyWho : quint8 { Requester, Assignee, Group, Lead, OnDuty };

struct RuleAction {
    RuleActionKind kind = RuleActionKind::Note;
    RuleField field; // SetField
    QJsonValue value; // SetField: the wire value (null = none)
    QString strategy; // Assign: group_default, round_robin, least_load, skills, geography, priority, on_duty
    QString groupId; // Assign (empty: the ticket's group), CreateChild (required)
    QStringList tags; // AddTags, RemoveTags (normalised)
    QString text; // Note: the note (a template); CreateChild: the title template
    NotifyWho who = NotifyWho::Requester; // Notify
    QString templateId; // Notify
    QString channel; // Notify: origin (the ticket's channel), email, telegram, portal, desktop
    QString colour; // Highlight: #rrggbb
    QString url, secretRef; // Webhook: http(s) URL; the name of the stored HMAC secret
};

struct Rule {
    QString id; // [A-Za-z0-9._-], 1..64: a UUID or a slug
    QString name;
    bool enabled = true;
    int order = 0; // evaluation order (then id)
    RuleKind kind = RuleKind::Event;
    std::vector<RuleTrigger> triggers; // Event: any of them
    std::optional<RuleTimeTrigger> time; // Time
    std::vector<RuleCondition> all; // every one must hold
    std::vector<RuleCondition> any; // at least one, when not empty
    std::vector<RuleAction> actions;

    QJsonObject toJson() const;
    // Parses, compiles and validates; on failure nullopt and every error in `errors`.
    static std::optional<Rule> fromJson(const QJsonObject &json, FieldErrors *errors);
    FieldErrors validate() const;
    bool hasAction(RuleActionKind kind) const;
};

// A rule set: {"rules": [...]} or the bare list; errors are prefixed "rules[i]."; ids must be
// unique. Returned in evaluation order (sortRules).
std::optional<std::vector<Rule>> rulesFromJson(const QJsonValue &json, FieldErrors *errors);
QJsonArray rulesToJson(const std::vector<Rule> &rules);
void sortRules(std::vector<Rule> &rules); // by order, then id

QString toWire(RuleKind v);
QString toWire(RuleTriggerKind v);
QString toWire(CommentAuthor v);
QString toWire(RuleClock v);
QString toWire(RuleOp v);
QString toWire(RuleActionKind v);
QString toWire(NotifyWho v);
std::optional<RuleOp> ruleOpFromWire(QStringView s);

constexpr int kMaxRuleConditions = 50;
constexpr int kMaxRuleActions = 20;

} // namespace triage
