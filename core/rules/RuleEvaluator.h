#pragma once

#include "Rule.h"
#include "RuleSubject.h"
#include "RuleTrace.h"
#include "sla/SlaEngine.h"
#include "sla/WordStemmer.h"

#include <optional>
#include <vector>

namespace triage {

// The prepared text of one ticket (RuleContext::textCache).
struct RuleTextCache {
    QString title, description, comment; // what it was prepared from (shared, so compared by identity)
    QString text, folded;
    std::optional<std::vector<WordStemmer::Token>> tokens;
};

// The working state of one evaluation (internal to RuleEngine): the ticket as the rules fired so
// far left it, and the condition checks against it. Text and SLA timers are computed once, on the
// first condition that reads them.
class RuleEvaluator
{
public:
    RuleEvaluator(const RuleSubject &subject, const RuleContext &ctx);

    // The ticket and custom fields as the rules fired so far left them; copied from the subject
    // on the first change only (most events change nothing).
    const Ticket &ticket() const { return m_ticket ? *m_ticket : m_subject.ticket; }
    const QJsonObject &custom() const { return m_custom ? *m_custom : m_subject.custom; }
    Ticket &editTicket();
    QJsonObject &editCustom();
    Ticket takeTicket() { return m_ticket ? std::move(*m_ticket) : m_subject.ticket; }
    QJsonObject takeCustom() { return m_custom ? std::move(*m_custom) : m_subject.custom; }

    // A trace entry (kind, field, op, expected, actual, index) for the first condition of `rule`
    // that does not hold; nullopt when they all hold.
    std::optional<RuleTraceEntry> failing(const Rule &rule);
    bool holds(const RuleCondition &c, QString *actual);
    bool passes(const Rule &rule); // failing() without wording a reason

    // RuleSubject::enteredAt over the working ticket and the changes the rules made.
    std::optional<qint64> enteredAt(RuleFieldId field, const QStringList &values) const;
    std::optional<qint64> enteredAt(const RuleTimeTrigger &watched) const;
    // Records a change of a logged field made by a rule, and forgets cached text and SLA timers.
    void changed(RuleFieldId field, const QString &from, const QString &to);
    // The text of the event's comment (conditions on `comment` and `text` read it).
    void setCommentText(const QString &text);
    const RuleSubject &subject() const { return m_subject; }
    const RuleContext &context() const { return m_ctx; }
    qint64 minutesSince(qint64 from, RuleClock clock) const;

private:
    const QString &text();
    RuleTextCache *cachedText(); // the context's cache when it holds this ticket's text
    const std::vector<WordStemmer::Token> &textTokens(); // shared by every key-phrase condition
    const QString &foldedText(); // KeyPhraseRules::fold, to skip tokenizing
    const std::vector<SlaTimer> &slaTimers();
    bool textHolds(const RuleCondition &c, const QString &value) const;

    const RuleSubject &m_subject;
    const RuleContext &m_ctx;
    std::optional<Ticket> m_ticket;
    std::optional<QJsonObject> m_custom;
    std::vector<RuleStateChange> m_extra; // changes made by rules in this evaluation
    QString m_comment;
    std::optional<QString> m_text;
    std::optional<std::vector<WordStemmer::Token>> m_tokens;
    std::optional<QString> m_folded;
    std::optional<std::vector<SlaTimer>> m_sla;
};

} // namespace triage
