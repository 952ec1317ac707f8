#pragma once

#include "domain/Ticket.h"
#include "rules/Rule.h"

#include <QJsonDocument>
#include <QtTest>

namespace triage::test {

// A rule from JSON text; a typo in a test's rule fails loudly with the field errors.
inline Rule ruleFrom(const char *json)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(json), &pe);
    if (!doc.isObject())
        qFatal("rule JSON in test does not parse: %s", qPrintable(pe.errorString()));
    FieldErrors errors;
    const auto rule = Rule::fromJson(doc.object(), &errors);
    if (!rule)
        qFatal("rule in test refused: %s", qPrintable(describe(errors)));
    return *rule;
}

inline std::vector<Rule> rulesFrom(std::initializer_list<const char *> jsons)
{
    std::vector<Rule> rules;
    for (const char *j : jsons)
        rules.push_back(ruleFrom(j));
    sortRules(rules);
    return rules;
}

inline QString uuid(int n)
{
    return u"0190a000-0000-7000-8000-%1"_qs.arg(n, 12, 10, QLatin1Char('0'));
}

inline Ticket ticketAt(qint64 createdAt, int n = 1)
{
    Ticket t;
    t.id = uuid(n);
    t.number = n;
    t.title = u"Printer on floor 3"_qs;
    t.requesterId = uuid(900);
    t.createdAt = createdAt;
    t.updatedAt = createdAt;
    return t;
}

} // namespace triage::test
