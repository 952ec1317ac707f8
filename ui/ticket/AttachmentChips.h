#pragma once

#include <QWidget>

class QHBoxLayout;
class QToolButton;

namespace triage {

class ComposerAttachments;

// The paperclip button that opens the file dialog, then the composer's files as chips
// ("report.pdf (120 KB) ✕": a click or Space removes one). Behaviour lives in ComposerAttachments.
class AttachmentChips final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttachmentChips)

public:
    AttachmentChips(ComposerAttachments *files, QWidget *parent = nullptr);
    ~AttachmentChips() override;

    QToolButton *attachButton() const { return m_attach; }
    QList<QToolButton *> chips() const { return m_chips; }
    void retranslate();
    // The file dialog (the paperclip, Ctrl+Shift+A).
    void chooseFiles();

private:
    void rebuild();

    ComposerAttachments *m_files;
    QToolButton *m_attach;
    QHBoxLayout *m_row;
    QList<QToolButton *> m_chips;
};

} // namespace triage
