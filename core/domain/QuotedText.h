#pragma once

#include <QString>
#include <QStringView>

namespace triage {

// A reply that carries the conversation below it (as every mail client quotes): the new text, and
// the quoted history starting at its attribution line ("On … wrote:", "… пишет:", Outlook's
// "From:/Sent:" block, "-----Original Message-----") or at a trailing block of "> " lines. The
// console shows `reply` and folds `quoted` away (kept, one click or Enter to show). Forwarded mail
// is not history and is never folded; neither is a message that is all quote.
struct QuotedSplit {
    QString reply;
    QString quoted; // empty: nothing to fold
};

QuotedSplit splitQuoted(QStringView body);

} // namespace triage
