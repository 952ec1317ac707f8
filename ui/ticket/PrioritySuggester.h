#pragma once

#include "domain/Enums.h"

#include <QCoreApplication>
#include <QString>

namespace triage {

class KeyPhraseRules;
class PriorityMatrix;

// The new-ticket dialog's suggestion: the matrix's priority for impact × urgency, raised by a key
// phrase found in the title or description, and a sentence saying why.
struct PrioritySuggestion {
    Priority priority = Priority::Normal;
    Priority fromMatrix = Priority::Normal;
    QString matchedPhrase; // the configured phrase that raised it, empty if none
    QString matchedText; // the span of the ticket text that matched
    QString explanation; // translated, for the label under the priority field
};

class PrioritySuggester
{
    Q_DECLARE_TR_FUNCTIONS(PrioritySuggester)

public:
    static PrioritySuggestion suggest(const PriorityMatrix &matrix, const KeyPhraseRules &rules, Level impact,
        Level urgency, const QString &title, const QString &description);
};

} // namespace triage
