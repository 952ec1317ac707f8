#pragma once

#include <QPlainTextEdit>

class QMimeData;

namespace triage {

// The reply composer's text field: files dropped on it or pasted into it (a screenshot on the
// clipboard, files copied in a file manager) become attachments instead of text.
class ComposerEdit final : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComposerEdit)

public:
    using QPlainTextEdit::QPlainTextEdit;
    ~ComposerEdit() override;

Q_SIGNALS:
    // Local files or an image; the receiver stages them (ComposerAttachments::addMimeData).
    void filesReceived(const QMimeData *data);

protected:
    bool canInsertFromMimeData(const QMimeData *source) const override;
    void insertFromMimeData(const QMimeData *source) override;
};

} // namespace triage
