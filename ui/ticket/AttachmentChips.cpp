#include "AttachmentChips.h"

#include "ComposerAttachments.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QIcon>
#include <QStandardPaths>
#include <QToolButton>

namespace triage {

AttachmentChips::AttachmentChips(ComposerAttachments *files, QWidget *parent)
    : QWidget(parent)
    , m_files(files)
    , m_attach(new QToolButton(this))
    , m_row(new QHBoxLayout)
{
    setObjectName(u"attachmentChips"_qs);
    m_attach->setObjectName(u"attachFileToolButton"_qs);
    // The theme's paperclip where there is one, else ours (no emoji font needed).
    m_attach->setIcon(QIcon::fromTheme(u"mail-attachment"_qs, QIcon(u":/icons/attach.svg"_qs)));
    // Only the paperclip: the composer's row stays narrow enough for a side pane in every language
    // (the words are in the tooltip and the accessible name; Ctrl+Shift+A is the key).
    m_attach->setToolButtonStyle(Qt::ToolButtonIconOnly);
    m_attach->setAutoRaise(true);
    connect(m_attach, &QToolButton::clicked, this, &AttachmentChips::chooseFiles);
    connect(files, &ComposerAttachments::changed, this, &AttachmentChips::rebuild);
    // A row of its own above the text: the paperclip, then the chips. It never widens the ticket
    // pane (each chip is elided, and the row gives up width rather than asking for it), so a side
    // pane keeps its size in every language.
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_attach);
    layout->addLayout(m_row);
    layout->addStretch(1);
    retranslate();
    rebuild();
}

AttachmentChips::~AttachmentChips() = default;

void AttachmentChips::retranslate()
{
    m_attach->setText(tr("Attach files…"));
    m_attach->setToolTip(
        tr("Attach files (Ctrl+Shift+A), or drop them on the ticket, or paste a screenshot"));
    m_attach->setAccessibleName(tr("Attach files"));
    rebuild();
}

void AttachmentChips::chooseFiles()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Attach files"), QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
    if (!paths.isEmpty())
        m_files->addFiles(paths);
}

void AttachmentChips::rebuild()
{
    // The chip clicked may be the one emitting: deleted later, hidden now.
    bool hadFocus = false;
    for (QToolButton *chip : std::as_const(m_chips)) {
        hadFocus = hadFocus || chip->hasFocus();
        chip->hide();
        chip->deleteLater();
    }
    m_chips.clear();
    const QList<Attachment> &files = m_files->files();
    for (int i = 0; i < files.size(); ++i) {
        auto *chip = new QToolButton(this);
        chip->setObjectName(u"attachmentChipToolButton"_qs);
        const QString text = ComposerAttachments::chipText(files.at(i));
        chip->setText(chip->fontMetrics().elidedText(text, Qt::ElideMiddle, 220) + u"  ✕"_qs);
        chip->setToolTip(tr("Remove %1 from this message").arg(files.at(i).filename));
        chip->setAccessibleName(tr("Remove attachment %1").arg(text));
        chip->setStyleSheet(
            u"QToolButton { border: 1px solid palette(mid); border-radius: 10px; padding: 1px 8px; }"_qs);
        connect(chip, &QToolButton::clicked, this, [this, i] { m_files->remove(i); });
        m_row->addWidget(chip);
        m_chips << chip;
    }
    // Keyboard users land on the last chip (or the paperclip) after removing one.
    if (!hadFocus)
        return;
    (m_chips.isEmpty() ? static_cast<QWidget *>(m_attach) : m_chips.constLast())->setFocus();
}

} // namespace triage
