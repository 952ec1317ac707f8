#pragma once

#include <QWidget>

class QHBoxLayout;
class QToolButton;

namespace triage {

class ComposerAttachments;

// The composer's files as chips ("report.pdf (120 KB) ✕": a click or Space removes one) after a
// paperclip button that opens the file dialog. Behaviour lives in ComposerAttachments.
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

private:
    void rebuild();
    void chooseFiles();

    ComposerAttachments *m_files;
    QToolButton *m_attach;
    QHBoxLayout *m_row;
    QList<QToolButton *> m_chips;
};

} // namespace triage
