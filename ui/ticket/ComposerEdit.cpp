#include "ComposerEdit.h"

#include "ComposerAttachments.h"

#include <QMimeData>

namespace triage {

ComposerEdit::~ComposerEdit() = default;

bool ComposerEdit::canInsertFromMimeData(const QMimeData *source) const
{
    return ComposerAttachments::carriesFiles(source) || QPlainTextEdit::canInsertFromMimeData(source);
}

void ComposerEdit::insertFromMimeData(const QMimeData *source)
{
    // Text copied from a web page may carry an image too: text stays text.
    if (ComposerAttachments::carriesFiles(source) && !(source->hasText() && !source->hasUrls()))
        Q_EMIT filesReceived(source);
    else
        QPlainTextEdit::insertFromMimeData(source);
}

} // namespace triage
