#include "SearchQuery.h"

#include <QStringList>

namespace triage {

QString toFtsQuery(const QString &userText)
{
    QStringList terms;
    QString word;
    QStringList phrase;
    bool inPhrase = false;
    auto flushWord = [&] {
        if (word.isEmpty())
            return;
        if (inPhrase)
            phrase << word;
        else
            terms << u'"' + word + u'"';
        word.clear();
    };
    const QString text = userText.left(500);
    for (const QChar c : text) {
        if (c.isLetterOrNumber() || c.category() == QChar::Mark_NonSpacing) {
            word += c;
        } else if (c == u'"') {
            flushWord();
            if (inPhrase && !phrase.isEmpty())
                terms << u'"' + phrase.join(u' ') + u'"';
            phrase.clear();
            inPhrase = !inPhrase;
        } else {
            flushWord();
        }
    }
    const bool typingLastWord = !word.isEmpty() && !inPhrase;
    flushWord();
    if (inPhrase && !phrase.isEmpty()) // unterminated quote: still a phrase
        terms << u'"' + phrase.join(u' ') + u'"';
    if (terms.size() > 16)
        terms = terms.mid(0, 16); // bounded work whatever is pasted in
    if (terms.isEmpty())
        return {};
    // Prefix-match the word being typed, so "принт" finds "принтер" as you type.
    if (typingLastWord && terms.constLast().size() >= 4) // '"' + at least 2 chars + '"'
        terms.last() += u'*';
    return terms.join(u' ');
}

} // namespace triage
