#include "WordStemmer.h"

#include <algorithm>
#include <array>

namespace triage {
namespace {

// Inflectional endings, longest first; a stem keeps at least three letters.
constexpr std::array<QStringView, 72> kRussianEndings {u"ившись", u"ывшись", u"ировать", u"ующий", u"ующая",
    u"ующее", u"ающий", u"ающая", u"ешься", u"ается", u"ются", u"ится", u"ется", u"ами", u"ями", u"ого",
    u"его", u"ому", u"ему", u"ыми", u"ими", u"ией", u"иях", u"иям", u"ать", u"ять", u"ить", u"еть", u"уть",
    u"ает", u"яет", u"ует", u"еет", u"ают", u"яют", u"уют", u"ала", u"яла", u"ило", u"али", u"или", u"ыли",
    u"ешь", u"ишь", u"ете", u"ите", u"ая", u"яя", u"ое", u"ее", u"ые", u"ие", u"ый", u"ий", u"ой", u"ей",
    u"ом", u"ем", u"ам", u"ям", u"ах", u"ях", u"ую", u"юю", u"ов", u"ев", u"ал", u"ил", u"ыл", u"ел", u"ит",
    u"ют"};
constexpr std::array<QStringView, 9> kShortRussianEndings {
    u"ет", u"ут", u"ат", u"ят", u"а", u"я", u"о", u"е", u"ы"};
constexpr std::array<QStringView, 5> kRussianLastLetters {u"и", u"у", u"ю", u"ь", u"й"};
constexpr std::array<QStringView, 10> kEnglishEndings {
    u"ingly", u"ing", u"edly", u"ies", u"ed", u"es", u"ly", u"er", u"'s", u"s"};
// Verb prefixes that make a perfective form of the same verb (заблокировал ~ блокирует).
constexpr std::array<QStringView, 11> kPrefixes {
    u"пере", u"раз", u"рас", u"при", u"за", u"по", u"вы", u"от", u"на", u"с", u"у"};

bool isCyrillic(const QString &w)
{
    return !w.isEmpty() && w.back().unicode() >= 0x0400 && w.back().unicode() <= 0x04FF;
}

// Views with their lengths known at compile time: an ending test is a compare of a few letters,
// not a strlen of every ending for every word (that was most of a dry-run's time).
template<size_t N> bool stripOne(QString &w, const std::array<QStringView, N> &endings, qsizetype minStem)
{
    for (const QStringView ending : endings) {
        if (w.size() - ending.size() >= minStem && w.endsWith(ending)) {
            w.chop(ending.size());
            return true;
        }
    }
    return false;
}

bool prefixMatch(const QString &a, const QString &b)
{
    // One stem continues the other (блокир ~ блокиров), both long enough to mean something.
    const QString &shorter = a.size() <= b.size() ? a : b;
    const QString &longer = a.size() <= b.size() ? b : a;
    return shorter.size() >= 4 && longer.startsWith(shorter) && longer.size() - shorter.size() <= 4;
}

} // namespace

QString WordStemmer::normalize(QStringView word)
{
    QString w = word.toString().toLower();
    w.replace(u'ё', u'е');
    w.replace(u'’', u'\'');
    if (w.endsWith(u"'s"_qs))
        w.chop(2);
    w.remove(u'\'');
    return w;
}

QString WordStemmer::stem(const QString &normalizedWord)
{
    QString w = normalizedWord;
    if (isCyrillic(w)) {
        if (w.size() >= 6 && (w.endsWith(u"ся"_qs) || w.endsWith(u"сь"_qs)))
            w.chop(2);
        if (!stripOne(w, kRussianEndings, 3) && !stripOne(w, kShortRussianEndings, 3))
            stripOne(w, kRussianLastLetters, 3);
        return w;
    }
    stripOne(w, kEnglishEndings, 3);
    return w;
}

std::vector<WordStemmer::Token> WordStemmer::tokenize(QStringView text, bool withStems)
{
    std::vector<Token> out;
    qsizetype i = 0;
    const auto isWordChar = [&](qsizetype k) {
        const QChar c = text[k];
        if (c.isLetterOrNumber())
            return true;
        // an apostrophe inside a word: team's, don't
        return (c == u'\'' || c == u'’') && k > 0 && k + 1 < text.size() && text[k - 1].isLetter()
            && text[k + 1].isLetter();
    };
    while (i < text.size()) {
        if (!isWordChar(i)) {
            ++i;
            continue;
        }
        const qsizetype start = i;
        while (i < text.size() && isWordChar(i))
            ++i;
        Token t;
        t.word = normalize(text.mid(start, i - start));
        if (withStems)
            t.stem = stem(t.word);
        t.start = start;
        t.length = i - start;
        out.push_back(std::move(t));
    }
    return out;
}

bool WordStemmer::sameWord(const Token &phraseWord, const Token &textWord)
{
    const QString &p = phraseWord.stem;
    const QString &w = textWord.stem;
    if (p == w || phraseWord.word == textWord.word)
        return true;
    if (p.size() < 3 || w.size() < 3)
        return false;
    if (prefixMatch(p, w))
        return true;
    for (const QStringView pre : kPrefixes) {
        if (w.startsWith(pre) && !p.startsWith(pre) && w.size() - pre.size() >= 4) {
            const QString rest = w.mid(pre.size());
            if (rest == p || prefixMatch(p, rest))
                return true;
        }
    }
    return false;
}

bool WordStemmer::isNegation(const QString &w)
{
    static const std::array<QString, 8> kNegations {
        u"не"_qs, u"нет"_qs, u"not"_qs, u"no"_qs, u"never"_qs, u"isnt"_qs, u"doesnt"_qs, u"dont"_qs};
    return std::find(kNegations.begin(), kNegations.end(), w) != kNegations.end();
}

} // namespace triage
