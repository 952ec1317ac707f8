#pragma once

#include <QObject>
#include <QPoint>

class QListView;
class QMenu;
class QModelIndex;

namespace triage {

class AttachmentsController;
class ConversationDelegate;

// What the agent does with the files under the conversation's comments: a click on one opens it
// with the system's program (a click elsewhere on a mail reply shows or folds its quoted history);
// the context menu (right click, or the Menu key / Shift+F10 on the selected comment) opens or saves
// ("Save as…") one of them. The work is AttachmentsController's.
class ConversationFileActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConversationFileActions)

public:
    ConversationFileActions(
        QListView *thread, ConversationDelegate *delegate, AttachmentsController *files, QObject *parent);
    ~ConversationFileActions() override;

    // The menu for `index` (and the file `fileId`, or all of the comment's files when empty), built
    // but not shown: null when there is nothing to offer. The caller owns it.
    QMenu *menuFor(const QModelIndex &index, const QString &fileId) const;
    QString fileAt(const QModelIndex &index, const QPoint &viewportPos) const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onClicked(const QModelIndex &index);
    void saveAs(const QString &fileId) const;

    QListView *m_thread;
    ConversationDelegate *m_delegate;
    AttachmentsController *m_files;
};

} // namespace triage
