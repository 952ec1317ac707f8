#pragma once

#include <QTimer>
#include <QWidget>

class QButtonGroup;
class QComboBox;
class QFormLayout;
class QLabel;
class QLayout;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QTextBrowser;
class QTabWidget;
class QTreeView;
class QToolButton;

namespace triage {

class AttachmentChips;
class AttachmentsPane;
class ConversationDelegate;
class LinksPane;
class Session;
class TicketController;

// A ticket: inline-editable fields, the conversation, and the reply composer (Ctrl+Enter sends;
// drafts survive restarts). Used in the main window's side pane and in its own window.
class TicketView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TicketView)

public:
    TicketView(Session *session, const QString &ticketId, QWidget *parent = nullptr);
    ~TicketView() override;

    TicketController *controller() const { return m_controller; }
    QString ticketId() const;
    // R / N: focus the composer in reply or note mode.
    void startReply(bool isPublic);
    bool sendReply();
    QPlainTextEdit *composer() const { return m_composer; }
    QListView *conversationView() const { return m_thread; }
    QListView *linksView() const { return m_linksView; }
    LinksPane *linksPane() const { return m_linksPane; }
    AttachmentsPane *attachmentsPane() const { return m_attachmentsPane; }
    AttachmentChips *attachmentChips() const { return m_chips; }
    QListView *changesView() const { return m_changesView; }
    QTreeView *historyView() const { return m_historyView; }
    QTreeView *slaView() const { return m_slaView; }
    // Shows the History or SLA tab (used by `--open history|sla`).
    void showTab(QWidget *page);
    QTabWidget *tabs() const { return m_tabs; }
    QComboBox *statusCombo() const { return m_status; }
    QLineEdit *titleEdit() const { return m_title; }
    QString bannerText() const;
    // The "read-only account" hint, empty when hidden.
    QString readOnlyHint() const;
    bool isPublicMode() const;
    void flushDraft();

Q_SIGNALS:
    void openInWindowRequested(const QString &ticketId);
    // A linked ticket was activated.
    void openTicketRequested(const QString &ticketId);
    void message(const QString &text);

private:
    QLayout *buildHeader();
    QFormLayout *buildFields(Session *session);
    void buildThread();
    void buildTabs();
    QLayout *buildComposer();
    void refresh();
    void onDeleted();
    void showBanner(const QString &text);
    void modeChanged();
    void updateTabTitles();
    void retranslateUi();
    void retranslateTables();
    void applyAccess();
    void changeEvent(QEvent *event) override;
    // Files dropped anywhere on the ticket join the reply being written.
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    QComboBox *addCombo(const QString &name, const QString &accessibleName);
    QTreeView *addTable(const QString &name, QAbstractItemModel *model);

    Session *m_session;
    TicketController *m_controller;
    QLabel *m_number;
    QLineEdit *m_title;
    QLabel *m_syncState;
    QLabel *m_banner;
    QComboBox *m_status;
    QComboBox *m_priority;
    QComboBox *m_type;
    QComboBox *m_assignee;
    QComboBox *m_group;
    QLabel *m_requester;
    QLabel *m_sla;
    QTextBrowser *m_description;
    QListView *m_thread;
    ConversationDelegate *m_threadDelegate = nullptr;
    AttachmentChips *m_chips = nullptr;
    QLabel *m_emptyThread;
    QTabWidget *m_tabs;
    QFormLayout *m_form = nullptr;
    QListView *m_linksView;
    LinksPane *m_linksPane;
    AttachmentsPane *m_attachmentsPane;
    QListView *m_changesView;
    QTreeView *m_historyView;
    QTreeView *m_slaView;
    QLabel *m_emptySla;
    QLabel *m_readOnlyHint = nullptr;
    QRadioButton *m_replyMode;
    QRadioButton *m_noteMode;
    QPlainTextEdit *m_composer;
    QPushButton *m_send;
    QToolButton *m_popOut;
    QTimer m_draftTimer;
    bool m_loadingDraft = false;
    bool m_composerPublic = true; // which draft the composer holds
    bool m_refreshing = false;
    bool m_followThread = true; // the conversation sticks to its newest message
};

} // namespace triage
