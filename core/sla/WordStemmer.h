#pragma once

#include <QString>
#include <QStringView>

#include <vector>

namespace triage {

// A light stemmer for matching key phrases in Russian and English ticket text: not linguistics,
// just enough that «блокирует / блокируют / заблокировал» and «команды / команде» meet.
class WordStemmer
{
public:
    struct Token {
        QString word; // lower case, ё → е, possessive 's dropped
        QString stem;
        qsizetype start = 0; // in the original text
        qsizetype length = 0;
    };

    // `withStems` false leaves Token::stem empty, for callers that stem only the words they need
    // (KeyPhraseRules::matches).
    static std::vector<Token> tokenize(QStringView text, bool withStems = true);
    static QString normalize(QStringView word);
    static QString stem(const QString &normalizedWord);
    // Whether a text word's stem is a form of a phrase word's stem.
    static bool sameWord(const Token &phraseWord, const Token &textWord);
    static bool isNegation(const QString &normalizedWord);
};

} // namespace triage
