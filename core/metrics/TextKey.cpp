#include "TextKey.h"

#include "sla/WordStemmer.h"

#include <QCryptographicHash>
#include <QSet>

#include <algorithm>

namespace triage {
namespace {

bool isStopWord(const QString &w)
{
    static const QSet<QString> kStop {u"the"_qs, u"and"_qs, u"for"_qs, u"with"_qs, u"not"_qs, u"can"_qs,
        u"cannot"_qs, u"from"_qs, u"this"_qs, u"that"_qs, u"has"_qs, u"have"_qs, u"my"_qs, u"our"_qs,
        u"на"_qs, u"не"_qs, u"по"_qs, u"из"_qs, u"за"_qs, u"для"_qs, u"как"_qs, u"что"_qs, u"все"_qs,
        u"всех"_qs, u"мой"_qs, u"нас"_qs, u"при"_qs, u"или"_qs, u"to"_qs, u"of"_qs, u"in"_qs, u"on"_qs,
        u"at"_qs, u"is"_qs, u"it"_qs, u"an"_qs};
    return kStop.contains(w);
}

} // namespace

QString TextKey::withoutDigits(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (!c.isDigit())
            out.append(c);
    }
    return out;
}

TextKey TextKey::of(const QString &text, const QString &category)
{
    QStringList stems;
    for (const WordStemmer::Token &t : WordStemmer::tokenize(text)) {
        if (t.word.size() < 2 || isStopWord(t.word))
            continue;
        if (std::any_of(t.word.begin(), t.word.end(), [](QChar c) { return c.isDigit(); }))
            continue;
        stems << t.stem;
    }
    stems.sort();
    stems.removeDuplicates();
    TextKey k;
    k.label = stems.join(u' ');
    if (k.label.isEmpty())
        return k;
    const QByteArray h
        = QCryptographicHash::hash((category + u'\x1f' + k.label).toUtf8(), QCryptographicHash::Sha1);
    for (int i = 0; i < 8; ++i)
        k.key = (k.key << 8) | quint8(h[i]);
    if (k.key == 0)
        k.key = 1; // 0 means "no text"
    return k;
}

} // namespace triage
