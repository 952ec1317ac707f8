#include "PrioritySuggester.h"

#include "common/Texts.h"
#include "sla/KeyPhraseRules.h"
#include "sla/PriorityMatrix.h"

#include <QCoreApplication>

namespace triage {

PrioritySuggestion PrioritySuggester::suggest(const PriorityMatrix &matrix, const KeyPhraseRules &rules,
    Level impact, Level urgency, const QString &title, const QString &description)
{
    PrioritySuggestion s;
    s.fromMatrix = matrix.priorityFor(impact, urgency);
    const QString text = title + u"\n"_qs + description;
    const auto outcome = rules.apply(s.fromMatrix, text);
    s.priority = outcome.priority;
    if (outcome.reason) {
        s.matchedPhrase = outcome.reason->phrase;
        s.matchedText = outcome.reason->matchedText;
        s.explanation = tr("Suggested %1: the text says “%2” (rule “%3”); impact × urgency alone gives %4.")
                            .arg(Texts::priority(s.priority), s.matchedText, s.matchedPhrase,
                                Texts::priority(s.fromMatrix));
    } else {
        s.explanation = tr("Suggested %1 from impact %2 × urgency %3.")
                            .arg(Texts::priority(s.priority), Texts::level(impact), Texts::level(urgency));
    }
    return s;
}

} // namespace triage
