#include "RuleStore.h"

#include "DirectoryStore.h"

#include <QLoggingCategory>

namespace triage::server {

const QString RuleStore::kKind = u"rule_set"_qs;
const QString RuleStore::kId = u"default"_qs;

qint64 RuleStore::ruleSetSeq()
{
    Sql q(m_db, u"SELECT seq FROM config_docs WHERE kind = ? AND id = ? AND deleted = 0"_qs);
    q.bind(kKind).bind(kId).exec();
    return q.next() ? q.i64(0) : 0;
}

QList<TicketEvent> RuleStore::history(const QString &ticketId)
{
    QList<TicketEvent> out;
    Sql q(m_db,
        u"SELECT at, user_id, field, old_value, new_value FROM ticket_history WHERE ticket_id = ?"
        " ORDER BY at"_qs);
    q.bind(ticketId).exec();
    while (q.next())
        out.append(TicketEvent {q.i64(0), q.str(1), q.str(2), q.str(3), q.str(4)});
    return out;
}

QStringList RuleStore::ticketsWithEventsSince(qint64 since)
{
    QStringList out;
    Sql q(m_db, u"SELECT DISTINCT ticket_id FROM ticket_history WHERE at >= ? ORDER BY ticket_id"_qs);
    q.bind(since).exec();
    while (q.next())
        out.append(q.str(0));
    return out;
}

std::optional<QJsonObject> RuleStore::ruleSetDoc()
{
    return DirectoryStore(m_db).configDoc(kKind, kId);
}

std::vector<Rule> RuleStore::rules()
{
    const auto doc = ruleSetDoc();
    if (!doc)
        return {};
    FieldErrors errors;
    auto rules = rulesFromJson(doc->value(u"rules"_qs), &errors);
    if (!rules) {
        qWarning("stored rule set does not parse, no rules run: %s", qPrintable(describe(errors).left(500)));
        return {};
    }
    return std::move(*rules);
}

void RuleStore::saveRuleSet(const QJsonObject &doc, qint64 seq)
{
    QJsonObject stored = doc;
    stored.insert(u"id"_qs, kId);
    DirectoryStore(m_db).upsertConfigDoc(kKind, stored, seq);
}

QStringList RuleStore::timeRuleCandidates()
{
    QStringList out;
    Sql q(m_db, u"SELECT id FROM tickets WHERE deleted = 0 AND status <> 'closed' ORDER BY id"_qs);
    q.exec();
    while (q.next())
        out.append(q.str(0));
    return out;
}

QSet<TimeFiringKey> RuleStore::firedKeys(const QString &ticketId)
{
    QSet<TimeFiringKey> out;
    Sql q(m_db, u"SELECT rule_id, entered_at FROM rule_time_firings WHERE ticket_id = ?"_qs);
    q.bind(ticketId).exec();
    while (q.next())
        out.insert(TimeFiringKey {q.str(0), ticketId, q.i64(1)});
    return out;
}

bool RuleStore::recordFiring(const TimeFiringKey &key, qint64 firedAt)
{
    Sql q(m_db,
        u"INSERT INTO rule_time_firings (rule_id, ticket_id, entered_at, fired_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT DO NOTHING"_qs);
    q.bind(key.ruleId).bind(key.ticketId).bind(key.enteredAt).bind(firedAt).exec();
    return q.numRowsAffected() == 1;
}

} // namespace triage::server
