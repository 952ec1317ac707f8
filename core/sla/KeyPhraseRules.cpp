#include "KeyPhraseRules.h"

#include "SlaJsonUtil.h"

#include <QJsonArray>
#include <QJsonObject>

#include <deque>

namespace triage {
namespace {

constexpr int kMaxGap = 2; // «заблокировал работу всей команды», "blocks our whole team's work"

bool isStopWord(const QString &w)
{
    return w == u"the"_qs || w == u"a"_qs || w == u"an"_qs;
}

} // namespace

KeyPhraseRules::KeyPhraseRules(std::vector<Rule> rules)
    : m_rules(std::move(rules))
{
    for (const Rule &r : m_rules) {
        Compiled c {r, {}};
        for (auto &t : WordStemmer::tokenize(r.phrase)) {
            if (!isStopWord(t.word))
                c.words.push_back(std::move(t));
        }
        if (!c.words.empty()) {
            // Every case of WordStemmer::sameWord (equal stems, one stem continuing the other by at
            // least four letters, a verb prefix before the stem) leaves the text word containing
            // the first three letters of the phrase word's stem: words without them are skipped
            // unstemmed.
            c.firstKey = c.words.front().stem.left(3);
            m_compiled.push_back(std::move(c));
        }
    }
}

KeyPhraseRules KeyPhraseRules::defaults()
{
    // The seed's request #4567: «…Блокирует работу команды» is registered as critical.
    return KeyPhraseRules({{u"блокирует работу команды"_qs, Priority::Critical},
        {u"blocks the team's work"_qs, Priority::Critical}, {u"не работает у всех"_qs, Priority::Critical},
        {u"doesn't work for anyone"_qs, Priority::Critical}, {u"production down"_qs, Priority::Critical},
        {u"прод упал"_qs, Priority::Critical}});
}

QString KeyPhraseRules::fold(QStringView text)
{
    // Latin and Cyrillic text (nearly every ticket) is folded in one pass: QString::toLower's
    // general case mapping was most of a dry-run's time. Anything else takes the general path.
    QString fast(text.size(), Qt::Uninitialized);
    QChar *out = fast.data();
    qsizetype n = 0;
    bool simple = true;
    for (const QChar ch : text) {
        char16_t c = ch.unicode();
        if (c == u'\'' || c == u'’')
            continue;
        if (c >= u'A' && c <= u'Z')
            c = char16_t(c + 0x20);
        else if (c >= 0x410 && c <= 0x42F) // А..Я
            c = char16_t(c + 0x20);
        else if (c >= 0x400 && c <= 0x40F) // Ѐ..Џ
            c = char16_t(c + 0x50);
        else if (!(c < 0x80 || (c >= 0x430 && c <= 0x45F))) {
            simple = false;
            break;
        }
        out[n++] = QChar(c == 0x451 ? char16_t(0x435) : c); // ё → е
    }
    if (simple) {
        fast.truncate(n);
        return fast;
    }
    QString f = text.toString().toLower();
    f.replace(u'ё', u'е');
    f.remove(u'\'');
    f.remove(u'’');
    return f;
}

bool KeyPhraseRules::mayMatch(const QString &folded) const
{
    for (const Compiled &c : m_compiled) {
        if (folded.contains(c.firstKey))
            return true;
    }
    return false;
}

std::vector<KeyPhraseRules::Match> KeyPhraseRules::matches(QStringView text) const
{
    // Most texts hold no form of any phrase's first word: they are not tokenized at all.
    if (!mayMatch(fold(text)))
        return {};
    return matches(text, WordStemmer::tokenize(text, false));
}

std::vector<KeyPhraseRules::Match> KeyPhraseRules::matches(
    QStringView text, const std::vector<WordStemmer::Token> &given) const
{
    // Stems are computed only for the words a phrase could match, once per call.
    const std::vector<WordStemmer::Token> &tokens = given;
    std::vector<int> slot(tokens.size(), -1);
    std::deque<WordStemmer::Token> stemmed;
    auto token = [&](size_t k) -> const WordStemmer::Token & {
        if (!tokens[k].stem.isEmpty())
            return tokens[k];
        if (slot[k] < 0) {
            stemmed.push_back(tokens[k]);
            stemmed.back().stem = WordStemmer::stem(tokens[k].word);
            slot[k] = int(stemmed.size() - 1);
        }
        return stemmed[size_t(slot[k])];
    };
    std::vector<Match> out;
    for (const Compiled &c : m_compiled) {
        const bool phraseIsNegated = WordStemmer::isNegation(c.words.front().word);
        for (size_t i = 0; i < tokens.size(); ++i) {
            if (!tokens[i].word.contains(c.firstKey) || !WordStemmer::sameWord(c.words[0], token(i)))
                continue;
            if (!phraseIsNegated && i > 0 && WordStemmer::isNegation(tokens[i - 1].word))
                continue; // «не блокирует работу команды»
            size_t last = i;
            bool all = true;
            for (size_t w = 1; w < c.words.size() && all; ++w) {
                all = false;
                for (size_t k = last + 1; k < tokens.size() && k <= last + 1 + kMaxGap; ++k) {
                    if (WordStemmer::sameWord(c.words[w], token(k))) {
                        last = k;
                        all = true;
                        break;
                    }
                    if (WordStemmer::isNegation(tokens[k].word))
                        break; // "production not down"
                }
            }
            if (!all)
                continue;
            const qsizetype start = tokens[i].start;
            const qsizetype end = tokens[last].start + tokens[last].length;
            out.push_back({c.rule.phrase, text.mid(start, end - start).toString(), start, c.rule.priority});
            break;
        }
    }
    return out;
}

KeyPhraseRules::Outcome KeyPhraseRules::apply(Priority base, QStringView text) const
{
    Outcome o {base, std::nullopt};
    for (const Match &m : matches(text)) {
        if (priorityRank(m.priority) < priorityRank(o.priority)) {
            o.priority = m.priority;
            o.reason = m;
        }
    }
    return o;
}

std::optional<KeyPhraseRules> KeyPhraseRules::fromJson(const QJsonValue &json, QString *error)
{
    auto failed = [error](const QString &m) -> std::optional<KeyPhraseRules> {
        if (error)
            *error = m;
        return std::nullopt;
    };
    const QJsonValue list = json.isObject() ? json.toObject().value(u"rules"_qs) : json;
    if (!list.isArray())
        return failed(
            u"key phrases: "_qs + slajson::expected(u"a list of {\"phrase\", \"priority\"}"_qs, list));
    std::vector<Rule> rules;
    const QJsonArray a = list.toArray();
    for (qsizetype i = 0; i < a.size(); ++i) {
        const QString path = u"key phrases["_qs + QString::number(i) + u']';
        const QJsonObject o = a.at(i).toObject();
        const QString phrase = o.value(u"phrase"_qs).toString().trimmed();
        if (!a.at(i).isObject() || WordStemmer::tokenize(phrase).empty())
            return failed(path + u".phrase: "_qs
                + slajson::expected(u"a phrase with at least one word"_qs, o.value(u"phrase"_qs)));
        const auto p = priorityFromWire(o.value(u"priority"_qs).toString());
        if (!p)
            return failed(path + u".priority: "_qs
                + slajson::expected(u"critical, high, normal or low"_qs, o.value(u"priority"_qs)));
        rules.push_back({phrase, *p});
    }
    return KeyPhraseRules(std::move(rules));
}

} // namespace triage
