#include "ConversationFileActions.h"

#include "AttachmentsController.h"
#include "ConversationDelegate.h"
#include "models/ConversationModel.h"

#include <QContextMenuEvent>
#include <QCursor>
#include <QDir>
#include <QFileDialog>
#include <QListView>
#include <QMenu>
#include <QStandardPaths>
#include <QStyle>

namespace triage {

ConversationFileActions::ConversationFileActions(
    QListView *thread, ConversationDelegate *delegate, AttachmentsController *files, QObject *parent)
    : QObject(parent)
    , m_thread(thread)
    , m_delegate(delegate)
    , m_files(files)
{
    thread->installEventFilter(this);
    thread->viewport()->installEventFilter(this);
    // Enter (or the platform's activation) shows or folds a mail reply's quoted history; a click on
    // a file opens it, a click elsewhere does the same as Enter.
    auto *model = qobject_cast<ConversationModel *>(thread->model());
    connect(thread, &QListView::activated, this, [this, model](const QModelIndex &index) {
        // Where a single click activates, a click on a file opens it (clicked) and nothing more.
        const bool singleClick
            = m_thread->style()->styleHint(QStyle::SH_ItemView_ActivateItemOnSingleClick, nullptr, m_thread);
        if (!singleClick || fileAt(index, m_thread->viewport()->mapFromGlobal(QCursor::pos())).isEmpty())
            model->toggleQuoted(index);
    });
    connect(thread, &QListView::clicked, this, &ConversationFileActions::onClicked);
}

ConversationFileActions::~ConversationFileActions() = default;

QString ConversationFileActions::fileAt(const QModelIndex &index, const QPoint &viewportPos) const
{
    if (!index.isValid())
        return {};
    return m_delegate->fileAt(m_thread->visualRect(index), m_thread->font(), index, viewportPos);
}

void ConversationFileActions::onClicked(const QModelIndex &index)
{
    const QString file = fileAt(index, m_thread->viewport()->mapFromGlobal(QCursor::pos()));
    if (!file.isEmpty()) {
        m_files->openFile(file);
        return;
    }
    if (!m_thread->style()->styleHint(QStyle::SH_ItemView_ActivateItemOnSingleClick, nullptr, m_thread))
        qobject_cast<ConversationModel *>(m_thread->model())->toggleQuoted(index);
}

void ConversationFileActions::saveAs(const QString &fileId) const
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    const QString target = QFileDialog::getSaveFileName(
        m_thread, tr("Save attachment"), QDir(dir).filePath(m_files->fileName(fileId)));
    if (!target.isEmpty())
        m_files->saveFileAs(fileId, target);
}

QMenu *ConversationFileActions::menuFor(const QModelIndex &index, const QString &fileId) const
{
    if (!index.isValid())
        return nullptr;
    QList<ConversationFile> files = index.data(ConversationModel::FilesRole).value<QList<ConversationFile>>();
    if (!fileId.isEmpty())
        files.removeIf([&](const ConversationFile &f) { return f.id != fileId; });
    if (files.isEmpty())
        return nullptr;
    auto *menu = new QMenu(m_thread);
    menu->setObjectName(u"conversationFilesMenu"_qs);
    for (const ConversationFile &f : std::as_const(files)) {
        const bool one = files.size() == 1;
        QAction *open = menu->addAction(one ? tr("&Open %1").arg(f.filename) : tr("Open %1").arg(f.filename));
        connect(open, &QAction::triggered, m_files, [files = m_files, id = f.id] { files->openFile(id); });
        QAction *save
            = menu->addAction(one ? tr("&Save %1 as…").arg(f.filename) : tr("Save %1 as…").arg(f.filename));
        connect(save, &QAction::triggered, this, [this, id = f.id] { saveAs(id); });
        if (!one)
            menu->addSeparator();
    }
    return menu;
}

bool ConversationFileActions::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::ContextMenu || (watched != m_thread && watched != m_thread->viewport()))
        return QObject::eventFilter(watched, event);
    auto *e = static_cast<QContextMenuEvent *>(event);
    QModelIndex index;
    QString file;
    if (e->reason() == QContextMenuEvent::Mouse) {
        const QPoint pos = m_thread->viewport()->mapFromGlobal(e->globalPos());
        index = m_thread->indexAt(pos);
        file = fileAt(index, pos);
    } else {
        index = m_thread->currentIndex(); // the Menu key or Shift+F10: the selected comment's files
    }
    QMenu *menu = menuFor(index, file);
    if (!menu)
        return true;
    const QPoint at = e->reason() == QContextMenuEvent::Mouse
        ? e->globalPos()
        : m_thread->viewport()->mapToGlobal(m_thread->visualRect(index).topLeft() + QPoint(24, 24));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(at);
    return true;
}

} // namespace triage
