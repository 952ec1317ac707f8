#pragma once

#include "WordStemmer.h"
#include "domain/Enums.h"

#include <QJsonValue>
#include <QString>

#include <optional>
#include <vector>

namespace triage {

// Key phrases that raise a ticket's priority («блокирует работу команды» → high, "production
// down" → critical), matched by word stems so inflected forms count, case-insensitively, ё = е,
// with up to two extra words in between and not right after a negation.
class KeyPhraseRules
{
public:
    struct Rule {
        QString phrase;
        Priority priority = Priority::High; // the priority a match raises the ticket to
    };
    struct Match {
        QString phrase; // the rule's phrase, as configured
        QString matchedText; // the span of the ticket text that matched
        qsizetype start = 0;
        Priority priority = Priority::High;
    };
    struct Outcome {
        Priority priority; // max(base, matched rules)
        std::optional<Match> reason; // the rule that decided it, if it raised anything
    };

    KeyPhraseRules() = default;
    explicit KeyPhraseRules(std::vector<Rule> rules);
    static KeyPhraseRules defaults();

    const std::vector<Rule> &rules() const { return m_rules; }
    // Every rule that matches `text`, in rule order.
    std::vector<Match> matches(QStringView text) const;
    // `text` lower-cased with ё → е and apostrophes dropped: every normalized word of the text is
    // a piece of it, so a phrase whose first word's key is not in it cannot match (mayMatch).
    static QString fold(QStringView text);
    bool mayMatch(const QString &folded) const;
    // The same over `text` already tokenized (WordStemmer::tokenize, with or without stems), so
    // several phrase lists can share one tokenization (automation rules read one ticket text).
    std::vector<Match> matches(QStringView text, const std::vector<WordStemmer::Token> &tokens) const;
    Outcome apply(Priority base, QStringView text) const;

    // {"rules": [{"phrase": "...", "priority": "critical"}]} or the bare list.
    static std::optional<KeyPhraseRules> fromJson(const QJsonValue &json, QString *error);

private:
    struct Compiled {
        Rule rule;
        std::vector<WordStemmer::Token> words;
        QString firstKey; // what a text word must contain to be a form of the first phrase word
    };
    std::vector<Compiled> m_compiled;
    std::vector<Rule> m_rules;
};

} // namespace triage
