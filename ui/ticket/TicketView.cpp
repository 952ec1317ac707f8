#include "TicketView.h"

#include "AttachmentChips.h"
#include "AttachmentsController.h"
#include "AttachmentsPane.h"
#include "ComposerAttachments.h"
#include "ComposerEdit.h"
#include "ConversationDelegate.h"
#include "ConversationFileActions.h"
#include "LinksPane.h"
#include "TicketController.h"
#include "common/SlaStyle.h"
#include "common/Texts.h"
#include "domain/Time.h"
#include "domain/Workflow.h"
#include "models/AttachmentListModel.h"
#include "models/ConversationModel.h"
#include "models/SlaTimelineModel.h"
#include "models/TicketDetailModels.h"
#include "models/TicketHistoryModel.h"
#include "session/Session.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDateTime>
#include <QDropEvent>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollBar>
#include <QShortcut>
#include <QSplitter>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace triage {

namespace {

// Row heights of the History and SLA tables follow their wrapped text: the style only wraps to a
// known width, so the delegate gives it the column's (a spanned heading: the viewport's).
class WrappingDelegate final : public QStyledItemDelegate
{
public:
    explicit WrappingDelegate(QTreeView *view)
        : QStyledItemDelegate(view)
        , m_view(view)
    { }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem o = option;
        const bool spanned = m_view->isFirstColumnSpanned(index.row(), index.parent());
        // A valid rectangle (the view passes width -1): the style wraps to its width.
        o.rect = QRect(0, 0,
            spanned ? m_view->viewport()->width() : m_view->header()->sectionSize(index.column()),
            option.fontMetrics.height());
        o.features |= QStyleOptionViewItem::WrapText;
        return QStyledItemDelegate::sizeHint(o, index);
    }

private:
    QTreeView *m_view;
};

} // namespace

TicketView::TicketView(Session *session, const QString &ticketId, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_controller(new TicketController(session, ticketId, this))
{
    setObjectName(u"ticketView"_qs);
    QLayout *head = buildHeader();
    QFormLayout *form = buildFields(session);
    buildThread();
    buildTabs();
    QLayout *modeRow = buildComposer();

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(head);
    topLayout->addWidget(m_title);
    topLayout->addWidget(m_banner);
    topLayout->addLayout(form);
    topLayout->addWidget(m_description);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->addWidget(top);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(modeRow);
    layout->addWidget(m_chips);
    layout->addWidget(m_composer);
    // A viewer account: the composer gives way to a hint (applyAccess).
    m_readOnlyHint = new QLabel(this);
    m_readOnlyHint->setObjectName(u"readOnlyHintLabel"_qs);
    m_readOnlyHint->setWordWrap(true);
    m_readOnlyHint->setStyleSheet(
        u"QLabel { background: rgba(86,180,233,0.18); border: 1px solid #56B4E9; border-radius: 4px; padding: 6px; }"_qs);
    m_readOnlyHint->hide();
    layout->addWidget(m_readOnlyHint);
    connect(m_controller, &TicketController::accessChanged, this, [this] {
        refresh();
        applyAccess();
    });

    setTabOrder(m_title, m_status);
    setTabOrder(m_status, m_priority);
    setTabOrder(m_priority, m_type);
    setTabOrder(m_type, m_assignee);
    setTabOrder(m_assignee, m_group);
    setTabOrder(m_group, m_thread);
    setTabOrder(m_thread, m_replyMode);
    setTabOrder(m_replyMode, m_noteMode);
    setTabOrder(m_noteMode, m_chips->attachButton());
    setTabOrder(m_chips->attachButton(), m_composer);
    setTabOrder(m_composer, m_send);

    connect(m_controller, &TicketController::ticketChanged, this, &TicketView::refresh);
    connect(m_controller, &TicketController::deleted, this, &TicketView::onDeleted);
    refresh();
    modeChanged();
    applyAccess();
    if (m_controller->isDeleted())
        onDeleted();
}

// The ticket number, its sync state, the title (edited in place) and "Open in new window".
QLayout *TicketView::buildHeader()
{
    m_number = new QLabel(this);
    m_number->setObjectName(u"ticketNumberLabel"_qs);
    QFont nf = m_number->font();
    nf.setBold(true);
    nf.setPointSizeF(nf.pointSizeF() * 1.2);
    m_number->setFont(nf);
    m_title = new QLineEdit(this);
    m_title->setObjectName(u"titleLineEdit"_qs);
    m_title->setFont(nf);
    m_title->setFrame(false);
    m_title->setAccessibleName(tr("Title"));
    m_title->setAccessibleDescription(tr("Edit and press Enter to change the title"));
    connect(m_title, &QLineEdit::editingFinished, this, [this] {
        if (!m_refreshing && m_controller->ticket() && m_title->text() != m_controller->ticket()->title)
            m_controller->setField(TicketField::Title, m_title->text());
    });
    m_popOut = new QToolButton(this);
    m_popOut->setObjectName(u"openInWindowButton"_qs);
    m_popOut->setText(tr("Open in new window"));
    m_popOut->setAccessibleDescription(tr("Opens this ticket in its own window, e.g. on another monitor"));
    connect(m_popOut, &QToolButton::clicked, this,
        [this] { Q_EMIT openInWindowRequested(m_controller->ticketId()); });
    m_syncState = new QLabel(this);
    m_syncState->setObjectName(u"syncStateLabel"_qs);

    auto *head = new QHBoxLayout;
    head->addWidget(m_number);
    head->addWidget(m_syncState);
    head->addStretch(1);
    head->addWidget(m_popOut);
    return head;
}

// The banner for refusals, and the field editors: status, priority, type, assignee, group.
QFormLayout *TicketView::buildFields(Session *session)
{
    m_banner = new QLabel(this);
    m_banner->setObjectName(u"ticketBannerLabel"_qs);
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(
        u"QLabel { background: rgba(230,159,0,0.25); border: 1px solid #E69F00; border-radius: 4px; padding: 6px; }"_qs);
    m_banner->hide();

    auto *form = new QFormLayout;
    m_form = form;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_status = addCombo(u"statusComboBox"_qs, tr("Status"));
    m_priority = addCombo(u"priorityComboBox"_qs, tr("Priority"));
    m_type = addCombo(u"typeComboBox"_qs, tr("Type"));
    m_assignee = addCombo(u"assigneeComboBox"_qs, tr("Assignee"));
    m_group = addCombo(u"groupComboBox"_qs, tr("Group"));
    for (auto p : {Priority::Critical, Priority::High, Priority::Normal, Priority::Low})
        m_priority->addItem(Texts::priority(p), toWire(p));
    for (auto t : {TicketType::Incident, TicketType::Request, TicketType::Problem, TicketType::Question})
        m_type->addItem(Texts::type(t), toWire(t));
    m_assignee->addItem(tr("Unassigned"), QString());
    for (quint16 i : session->directory()->staff())
        m_assignee->addItem(session->directory()->user(i).displayName, session->directory()->user(i).id);
    m_group->addItem(tr("No group"), QString());
    for (int i = 1; i < session->directory()->groupCount(); ++i)
        m_group->addItem(session->directory()->group(static_cast<quint16>(i)).name,
            session->directory()->group(static_cast<quint16>(i)).id);
    m_requester = new QLabel(this);
    m_requester->setObjectName(u"requesterLabel"_qs);
    m_sla = new QLabel(this);
    m_sla->setObjectName(u"slaLabel"_qs);
    form->addRow(tr("&Status"), m_status);
    form->addRow(tr("&Priority"), m_priority);
    form->addRow(tr("T&ype"), m_type);
    form->addRow(tr("Assi&gnee"), m_assignee);
    form->addRow(tr("Gro&up"), m_group);
    form->addRow(tr("Requester"), m_requester);
    form->addRow(tr("SLA"), m_sla);
    const QList<std::pair<QComboBox *, TicketField>> fields {{m_status, TicketField::Status},
        {m_priority, TicketField::Priority}, {m_type, TicketField::Type}, {m_assignee, TicketField::Assignee},
        {m_group, TicketField::Group}};
    for (const auto &[combo, field] : fields) {
        connect(combo, &QComboBox::activated, this, [this, combo = combo, field = field](int i) {
            if (m_refreshing)
                return;
            const QString v = combo->itemData(i).toString();
            if (!m_controller->setField(field, v.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(v)))
                showBanner(m_controller->lastError());
            else
                m_banner->hide();
        });
    }
    return form;
}

// The description and the conversation, which follows its newest message.
void TicketView::buildThread()
{
    m_description = new QTextBrowser(this);
    m_description->setObjectName(u"descriptionTextBrowser"_qs);
    m_description->setAccessibleName(tr("Description"));
    m_description->setMaximumHeight(110);

    m_thread = new QListView(this);
    m_thread->setObjectName(u"conversationListView"_qs);
    m_thread->setAccessibleName(tr("Conversation"));
    m_thread->setAccessibleDescription(tr("Public replies and internal notes, oldest first"));
    m_thread->setModel(m_controller->conversation());
    m_threadDelegate = new ConversationDelegate(m_thread);
    m_thread->setItemDelegate(m_threadDelegate);
    m_thread->setResizeMode(QListView::Adjust);
    m_thread->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_thread->setWordWrap(true);
    m_thread->setFrameShape(QFrame::NoFrame);
    m_thread->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_emptyThread = new QLabel(tr("No replies or notes yet."), m_thread->viewport());
    m_emptyThread->setObjectName(u"emptyThreadLabel"_qs);
    m_emptyThread->setForegroundRole(QPalette::PlaceholderText);
    m_emptyThread->move(12, 12);
    m_emptyThread->adjustSize();
    auto updateEmpty = [this] { m_emptyThread->setVisible(m_controller->conversation()->rowCount() == 0); };
    connect(m_controller->conversation(), &QAbstractItemModel::rowsInserted, this, updateEmpty);
    connect(m_controller->conversation(), &QAbstractItemModel::modelReset, this, updateEmpty);
    updateEmpty();
    // The thread opens on the newest message and follows new ones while the agent is at the bottom.
    // Items are laid out lazily (word-wrapped, 200 comments), so the bottom is chased through the
    // scroll range rather than scrolled to once.
    QScrollBar *bar = m_thread->verticalScrollBar();
    connect(bar, &QScrollBar::rangeChanged, this, [this, bar](int, int max) {
        if (m_followThread)
            bar->setValue(max);
    });
    connect(bar, &QScrollBar::valueChanged, this,
        [this, bar](int value) { m_followThread = value >= bar->maximum() - 4; });
    connect(m_controller->conversation(), &QAbstractItemModel::modelReset, this, [this, bar] {
        m_followThread = true;
        bar->setValue(bar->maximum());
    });
}

// Conversation, history, SLA timeline, links and local changes, as tabs.
void TicketView::buildTabs()
{
    // Linked tickets (Enter opens one) and the sync state of each local change, next to the thread.
    m_linksPane = new LinksPane(m_controller, this);
    m_linksView = m_linksPane->list();
    connect(m_linksPane, &LinksPane::openTicketRequested, this, &TicketView::openTicketRequested);
    connect(m_linksPane, &LinksPane::refused, this, &TicketView::showBanner);
    // The ticket's files, downloaded into the profile when opened or saved.
    auto *files = new AttachmentsController(m_controller->session(), m_controller->ticketId(), this);
    m_attachmentsPane = new AttachmentsPane(files, this);
    connect(m_attachmentsPane, &AttachmentsPane::problem, this, &TicketView::showBanner);
    // The same files under their comments in the conversation: click opens, context menu saves;
    // a click elsewhere (or Enter) folds a mail reply's quoted history.
    files->setConversation(m_controller->conversation());
    new ConversationFileActions(m_thread, m_threadDelegate, files, this);
    m_changesView = new QListView(this);
    m_changesView->setObjectName(u"changesListView"_qs);
    m_changesView->setAccessibleName(tr("Local changes and their sync state"));
    m_changesView->setAccessibleDescription(
        tr("Each change made on this computer that the server has not confirmed yet, with its state"));
    m_changesView->setModel(m_controller->localChanges());
    m_changesView->setFrameShape(QFrame::NoFrame);
    m_changesView->setWordWrap(true);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"ticketTabWidget"_qs);
    m_tabs->setDocumentMode(true);
    m_tabs->setAccessibleName(tr("Ticket details"));
    // The change history and the SLA timeline: tables over the controller's models.
    m_historyView = addTable(u"historyTreeView"_qs, m_controller->history());
    m_slaView = addTable(u"slaTimelineTreeView"_qs, m_controller->slaTimeline());
    m_emptySla = new QLabel(m_slaView->viewport());
    m_emptySla->setObjectName(u"emptySlaLabel"_qs);
    m_emptySla->setForegroundRole(QPalette::PlaceholderText);
    m_emptySla->move(12, 12);
    auto updateEmptySla = [this] {
        QAbstractItemModel *m = m_controller->slaTimeline();
        for (int r = 0; r < m->rowCount(); ++r)
            m_slaView->setFirstColumnSpanned(
                r, {}, m->index(r, 0).data(SlaTimelineModel::IsHeadingRole).toBool());
        m_emptySla->setVisible(m_controller->slaTimeline()->rowCount() == 0);
        m_slaView->header()->setVisible(m_controller->slaTimeline()->rowCount() > 0);
    };
    connect(m_controller->slaTimeline(), &QAbstractItemModel::modelReset, this, updateEmptySla);
    retranslateTables();
    m_tabs->addTab(m_thread, QString());
    m_tabs->addTab(m_attachmentsPane, QString());
    m_tabs->addTab(m_historyView, QString());
    m_tabs->addTab(m_slaView, QString());
    m_tabs->addTab(m_linksPane, QString());
    m_tabs->addTab(m_changesView, QString());
    for (QAbstractItemModel *m : {static_cast<QAbstractItemModel *>(m_controller->links()),
             static_cast<QAbstractItemModel *>(m_controller->localChanges()),
             static_cast<QAbstractItemModel *>(m_controller->slaTimeline())})
        connect(m, &QAbstractItemModel::modelReset, this, &TicketView::updateTabTitles);
    connect(m_attachmentsPane->controller()->model(), &QAbstractItemModel::modelReset, this,
        &TicketView::updateTabTitles);
    connect(
        m_controller->slaTimeline(), &QAbstractItemModel::dataChanged, this, &TicketView::updateTabTitles);
    updateTabTitles();
    updateEmptySla();
}

// Reply or internal note, the message, Send (Ctrl+Enter), drafts kept as one types.
QLayout *TicketView::buildComposer()
{
    // Composer.
    m_replyMode = new QRadioButton(tr("&Reply to requester"), this);
    m_replyMode->setObjectName(u"replyModeRadioButton"_qs);
    m_replyMode->setAccessibleDescription(tr("The requester sees this message"));
    m_noteMode = new QRadioButton(tr("Internal &note"), this);
    m_noteMode->setObjectName(u"noteModeRadioButton"_qs);
    m_noteMode->setAccessibleDescription(tr("Only agents see this message"));
    m_replyMode->setChecked(true);
    auto *modes = new QButtonGroup(this);
    modes->addButton(m_replyMode);
    modes->addButton(m_noteMode);
    connect(m_replyMode, &QRadioButton::toggled, this, &TicketView::modeChanged);
    auto *composer = new ComposerEdit(this);
    m_composer = composer;
    // Files dropped or pasted into the text become attachments (chips above it); so do files
    // dropped anywhere on the ticket (dropEvent).
    connect(composer, &ComposerEdit::filesReceived, m_controller->composerFiles(),
        &ComposerAttachments::addMimeData);
    m_chips = new AttachmentChips(m_controller->composerFiles(), this);
    auto *attach = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A), this);
    attach->setContext(Qt::WidgetWithChildrenShortcut);
    connect(attach, &QShortcut::activated, this, [this] {
        if (!m_controller->isReadOnly() && !m_controller->isDeleted())
            m_chips->chooseFiles();
    });
    connect(m_controller->composerFiles(), &ComposerAttachments::problem, this, &TicketView::showBanner);
    setAcceptDrops(true);
    m_composer->setObjectName(u"composerPlainTextEdit"_qs);
    m_composer->setAccessibleName(tr("Message"));
    m_composer->setAccessibleDescription(
        tr("Ctrl+Enter sends. Drafts are kept until sent, also across restarts"));
    m_composer->setTabChangesFocus(true);
    m_composer->setMinimumHeight(70);
    m_composer->setMaximumHeight(140);
    m_send = new QPushButton(tr("Send"), this);
    m_send->setObjectName(u"sendButton"_qs);
    m_send->setToolTip(tr("Send (Ctrl+Enter)"));
    m_send->setAccessibleDescription(
        tr("Sends the message; works offline, it is delivered when the connection is back"));
    connect(m_send, &QPushButton::clicked, this, &TicketView::sendReply);
    for (auto key : {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *sc = new QShortcut(key, m_composer);
        sc->setContext(Qt::WidgetShortcut);
        connect(sc, &QShortcut::activated, this, &TicketView::sendReply);
    }
    m_draftTimer.setSingleShot(true);
    m_draftTimer.setInterval(400);
    connect(&m_draftTimer, &QTimer::timeout, this, &TicketView::flushDraft);
    connect(m_composer, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_loadingDraft)
            m_draftTimer.start();
        m_send->setEnabled(!m_composer->toPlainText().trimmed().isEmpty() && !m_controller->isDeleted());
    });
    auto *modeRow = new QHBoxLayout;
    modeRow->addWidget(m_replyMode);
    modeRow->addWidget(m_noteMode);
    modeRow->addStretch(1);
    modeRow->addWidget(m_send);
    return modeRow;
}

// A viewer account sees everything and can change nothing: no composer, fields read-only (refresh),
// and a hint that says why.
void TicketView::applyAccess()
{
    const bool readOnly = m_controller->isReadOnly();
    for (QWidget *w : {static_cast<QWidget *>(m_replyMode), static_cast<QWidget *>(m_noteMode),
             static_cast<QWidget *>(m_send), static_cast<QWidget *>(m_composer),
             static_cast<QWidget *>(m_chips)})
        w->setVisible(!readOnly);
    m_readOnlyHint->setText(
        tr("Read-only account: you can read this ticket, its history and its SLA, but not change it."));
    m_readOnlyHint->setAccessibleName(m_readOnlyHint->text());
    m_readOnlyHint->setVisible(readOnly);
    m_linksPane->applyAccess();
}

TicketView::~TicketView()
{
    flushDraft();
}

QComboBox *TicketView::addCombo(const QString &name, const QString &accessibleName)
{
    auto *c = new QComboBox(this);
    c->setObjectName(name);
    c->setAccessibleName(accessibleName);
    return c;
}

QTreeView *TicketView::addTable(const QString &name, QAbstractItemModel *model)
{
    auto *v = new QTreeView(this);
    v->setObjectName(name);
    v->setModel(model);
    v->setRootIsDecorated(false);
    v->setItemsExpandable(false);
    v->setUniformRowHeights(false);
    v->setWordWrap(true);
    v->setTextElideMode(Qt::ElideNone);
    v->setItemDelegate(new WrappingDelegate(v));
    // Wider or narrower columns re-wrap the rows.
    connect(v->header(), &QHeaderView::sectionResized, v,
        [v] { QTimer::singleShot(0, v, [v] { v->doItemsLayout(); }); });
    v->setAllColumnsShowFocus(true);
    v->setFrameShape(QFrame::NoFrame);
    v->setSelectionBehavior(QAbstractItemView::SelectRows);
    v->header()->setStretchLastSection(true);
    // "When" is as wide as a date and time in the locale's short format (SLA headings span the row
    // and must not widen it); "Who" fits the names.
    const QString sample
        = QLocale().toString(QDateTime(QDate(2026, 12, 30), QTime(22, 58)), QLocale::ShortFormat);
    v->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    v->header()->resizeSection(0, v->fontMetrics().horizontalAdvance(sample) + 16);
    if (model->columnCount() > 2)
        v->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    return v;
}

void TicketView::retranslateTables()
{
    m_historyView->setAccessibleName(tr("History of changes"));
    m_historyView->setAccessibleDescription(
        tr("Who changed what and when, oldest first; changes not synced yet are marked"));
    m_slaView->setAccessibleName(tr("SLA timeline"));
    m_slaView->setAccessibleDescription(tr("Each SLA timer with its start, pauses, warnings, due "
                                           "instant and whether it was met or breached, in business time"));
    m_emptySla->setText(tr("No SLA target applies to this ticket."));
    m_emptySla->adjustSize();
}

void TicketView::showTab(QWidget *page)
{
    m_tabs->setCurrentWidget(page);
}

QString TicketView::ticketId() const
{
    return m_controller->ticketId();
}
QString TicketView::bannerText() const
{
    return m_banner->isVisible() ? m_banner->text() : QString();
}
QString TicketView::readOnlyHint() const
{
    return m_readOnlyHint->isVisibleTo(this) ? m_readOnlyHint->text() : QString();
}
bool TicketView::isPublicMode() const
{
    return m_replyMode->isChecked();
}

void TicketView::refresh()
{
    const auto &t = m_controller->ticket();
    if (!t)
        return;
    m_refreshing = true;
    m_number->setText(t->number ? u"#"_qs + QString::number(*t->number) : tr("New (pending)"));
    if (!m_title->hasFocus())
        m_title->setText(t->title);
    m_title->setCursorPosition(0);
    // Status: the current one plus the allowed targets only.
    m_status->clear();
    m_status->addItem(Texts::status(t->status), toWire(t->status));
    for (auto s : workflow::allowedTargets(t->status))
        m_status->addItem(Texts::status(s), toWire(s));
    m_status->setCurrentIndex(0);
    const bool readOnly = m_controller->isReadOnly();
    m_status->setEnabled(!readOnly && !workflow::allowedTargets(t->status).isEmpty());
    m_priority->setCurrentIndex(m_priority->findData(toWire(t->priority)));
    m_type->setCurrentIndex(m_type->findData(toWire(t->type)));
    m_assignee->setCurrentIndex(std::max(0, m_assignee->findData(t->assigneeId)));
    m_group->setCurrentIndex(std::max(0, m_group->findData(t->groupId)));
    const quint16 req = m_session->directory()->findUser(t->requesterId);
    // The channel it came by beside the requester: how they wrote, and where a reply goes.
    m_requester->setText(u"%1 · %2"_qs.arg(
        req ? m_session->directory()->user(req).displayName : tr("Unknown"), Texts::channel(t->channel)));
    const qint64 due = t->sla.due;
    const bool paused = t->sla.paused;
    const SlaState s = SlaStyle::state(due, paused, nowMs());
    m_sla->setText(s == SlaState::None
            ? tr("no SLA running")
            : tr("%1 — %2").arg(SlaStyle::stateName(s), SlaStyle::text(due, paused, nowMs())));
    m_sla->setStyleSheet(s == SlaState::Breached || s == SlaState::AtRisk
            ? u"QLabel { color: %1; font-weight: bold; }"_qs.arg(SlaStyle::color(s).name())
            : QString());
    if (m_description->toPlainText() != t->description)
        m_description->setPlainText(t->description.isEmpty() ? tr("(no description)") : t->description);
    const bool pending = m_controller->isPending();
    m_syncState->setText(pending ? tr("⟳ not synced yet") : tr("✓ synced"));
    m_syncState->setToolTip(pending
            ? tr("Your changes are saved locally and will be sent when the connection is back")
            : QString());
    const bool closed = t->status == TicketStatus::Closed;
    for (QWidget *w :
        {static_cast<QWidget *>(m_title), static_cast<QWidget *>(m_priority), static_cast<QWidget *>(m_type),
            static_cast<QWidget *>(m_assignee), static_cast<QWidget *>(m_group)})
        w->setEnabled(!closed && !readOnly);
    m_title->setEnabled(!closed); // readable and selectable; read-only below
    m_title->setReadOnly(readOnly);
    setWindowTitle(tr("%1 %2").arg(m_number->text(), t->title));
    m_refreshing = false;
}

void TicketView::updateTabTitles()
{
    m_tabs->setTabText(0, tr("Conversation"));
    m_tabs->setTabText(m_tabs->indexOf(m_historyView), tr("History"));
    bool breached = false;
    for (const auto &t : m_controller->slaTimeline()->timeline().timers)
        breached = breached || (t.timer.breached && t.timer.isOpen());
    const int sla = m_tabs->indexOf(m_slaView);
    m_tabs->setTabText(sla, breached ? tr("SLA (breached)") : tr("SLA"));
    m_tabs->setTabIcon(sla, breached ? SlaStyle::icon(SlaState::Breached) : QIcon());
    m_tabs->setTabToolTip(sla,
        tr("SLA timeline: when each timer started, paused, warned, is due, and "
           "whether it was met or breached"));
    const int files = m_attachmentsPane->controller()->model()->rowCount();
    m_tabs->setTabText(
        m_tabs->indexOf(m_attachmentsPane), files ? tr("Attachments (%1)").arg(files) : tr("Attachments"));
    const int links = m_controller->links()->rowCount();
    m_tabs->setTabText(m_tabs->indexOf(m_linksPane), links ? tr("Links (%1)").arg(links) : tr("Links"));
    const auto *changes = m_controller->localChanges();
    const int n = changes->rowCount();
    const int sync = m_tabs->indexOf(m_changesView);
    m_tabs->setTabText(sync,
        changes->conflictCount() ? tr("Sync (conflicts: %1)").arg(changes->conflictCount())
            : n                  ? tr("Sync (pending: %1)").arg(n)
                                 : tr("Sync"));
    m_tabs->setTabToolTip(sync,
        n ? tr("Changes made here that the server has not confirmed yet")
          : tr("Everything on this ticket is synced"));
}

void TicketView::onDeleted()
{
    showBanner(
        tr("This ticket was deleted or you lost access to it. Your draft is kept; copy it if you need it."));
    for (QWidget *w : {static_cast<QWidget *>(m_title), static_cast<QWidget *>(m_status),
             static_cast<QWidget *>(m_priority), static_cast<QWidget *>(m_type),
             static_cast<QWidget *>(m_assignee), static_cast<QWidget *>(m_group),
             static_cast<QWidget *>(m_send)})
        w->setEnabled(false);
}

void TicketView::showBanner(const QString &text)
{
    m_banner->setText(u"⚠ "_qs + text);
    m_banner->setAccessibleName(text);
    m_banner->show();
    Q_EMIT message(text);
}

void TicketView::modeChanged()
{
    flushDraft();
    m_composerPublic = isPublicMode();
    m_loadingDraft = true;
    m_composer->setPlainText(m_controller->draft(m_composerPublic));
    m_loadingDraft = false;
    m_composer->setPlaceholderText(isPublicMode() ? tr("Reply to the requester… (Ctrl+Enter sends)")
                                                  : tr("Internal note for agents only… (Ctrl+Enter saves)"));
    m_send->setText(isPublicMode() ? tr("Send reply") : tr("Add note"));
    QPalette pal = m_composer->palette();
    pal.setColor(QPalette::Base,
        isPublicMode() ? palette().color(QPalette::Base)
                       : (palette().color(QPalette::Base).lightness() < 128 ? QColor(0x4a, 0x45, 0x20)
                                                                            : QColor(0xfc, 0xf6, 0xc8)));
    m_composer->setPalette(pal);
    m_send->setEnabled(!m_composer->toPlainText().trimmed().isEmpty() && !m_controller->isDeleted());
}

void TicketView::flushDraft()
{
    m_draftTimer.stop();
    if (!m_loadingDraft && m_composer->document()->isModified())
        m_controller->saveDraft(m_composerPublic, m_composer->toPlainText());
    m_composer->document()->setModified(false);
}

void TicketView::startReply(bool isPublic)
{
    (isPublic ? m_replyMode : m_noteMode)->setChecked(true);
    m_composer->setFocus(Qt::ShortcutFocusReason);
}

bool TicketView::sendReply()
{
    const QString body = m_composer->toPlainText();
    if (body.trimmed().isEmpty())
        return false;
    m_draftTimer.stop();
    if (!m_controller->send(body, m_composerPublic)) {
        showBanner(m_controller->lastError());
        return false;
    }
    m_followThread = true; // show what was just sent
    m_thread->verticalScrollBar()->setValue(m_thread->verticalScrollBar()->maximum());
    m_loadingDraft = true;
    m_composer->clear();
    m_composer->document()->setModified(false);
    m_loadingDraft = false;
    Q_EMIT message(
        isPublicMode() ? tr("Reply saved; it is sent with the next sync") : tr("Internal note saved"));
    return true;
}

void TicketView::dragEnterEvent(QDragEnterEvent *event)
{
    if (!m_controller->isReadOnly() && !m_controller->isDeleted()
        && ComposerAttachments::carriesFiles(event->mimeData()))
        event->acceptProposedAction();
}

void TicketView::dropEvent(QDropEvent *event)
{
    if (m_controller->isReadOnly() || !m_controller->composerFiles()->addMimeData(event->mimeData()))
        return;
    event->acceptProposedAction();
    m_composer->setFocus(Qt::OtherFocusReason); // the message that goes with the files
}

} // namespace triage

namespace triage {

void TicketView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

// The constructor's texts again, in the current language (a live language switch). The composer's
// text is left alone.
void TicketView::retranslateUi()
{
    m_title->setAccessibleName(tr("Title"));
    m_title->setAccessibleDescription(tr("Edit and press Enter to change the title"));
    m_popOut->setText(tr("Open in new window"));
    m_popOut->setAccessibleDescription(tr("Opens this ticket in its own window, e.g. on another monitor"));
    m_status->setAccessibleName(tr("Status"));
    m_priority->setAccessibleName(tr("Priority"));
    m_type->setAccessibleName(tr("Type"));
    m_assignee->setAccessibleName(tr("Assignee"));
    m_group->setAccessibleName(tr("Group"));
    const Priority priorities[] = {Priority::Critical, Priority::High, Priority::Normal, Priority::Low};
    for (int i = 0; i < m_priority->count() && i < 4; ++i)
        m_priority->setItemText(i, Texts::priority(priorities[i]));
    const TicketType types[]
        = {TicketType::Incident, TicketType::Request, TicketType::Problem, TicketType::Question};
    for (int i = 0; i < m_type->count() && i < 4; ++i)
        m_type->setItemText(i, Texts::type(types[i]));
    m_assignee->setItemText(0, tr("Unassigned"));
    m_group->setItemText(0, tr("No group"));
    const QList<std::pair<QWidget *, QString>> labels {{m_status, tr("&Status")},
        {m_priority, tr("&Priority")}, {m_type, tr("T&ype")}, {m_assignee, tr("Assi&gnee")},
        {m_group, tr("Gro&up")}, {m_requester, tr("Requester")}, {m_sla, tr("SLA")}};
    for (const auto &[field, text] : labels) {
        if (auto *label = qobject_cast<QLabel *>(m_form->labelForField(field)))
            label->setText(text);
    }
    m_description->setAccessibleName(tr("Description"));
    m_thread->setAccessibleName(tr("Conversation"));
    m_thread->setAccessibleDescription(tr("Public replies and internal notes, oldest first"));
    m_emptyThread->setText(tr("No replies or notes yet."));
    m_emptyThread->adjustSize();
    m_replyMode->setText(tr("&Reply to requester"));
    m_replyMode->setAccessibleDescription(tr("The requester sees this message"));
    m_noteMode->setText(tr("Internal &note"));
    m_noteMode->setAccessibleDescription(tr("Only agents see this message"));
    m_composer->setAccessibleName(tr("Message"));
    m_composer->setAccessibleDescription(
        tr("Ctrl+Enter sends. Drafts are kept until sent, also across restarts"));
    m_composer->setPlaceholderText(isPublicMode() ? tr("Reply to the requester… (Ctrl+Enter sends)")
                                                  : tr("Internal note for agents only… (Ctrl+Enter saves)"));
    m_send->setText(isPublicMode() ? tr("Send reply") : tr("Add note"));
    m_send->setToolTip(tr("Send (Ctrl+Enter)"));
    m_send->setAccessibleDescription(
        tr("Sends the message; works offline, it is delivered when the connection is back"));
    m_linksPane->retranslate();
    m_attachmentsPane->retranslate();
    m_chips->retranslate();
    m_changesView->setAccessibleName(tr("Local changes and their sync state"));
    m_changesView->setAccessibleDescription(
        tr("Each change made on this computer that the server has not confirmed yet, with its state"));
    m_tabs->setAccessibleName(tr("Ticket details"));
    retranslateTables();
    applyAccess();
    m_controller->retranslate();
    updateTabTitles();
    const QString description = m_description->toPlainText();
    m_description->clear(); // refresh() rewrites it ("(no description)" is translated too)
    refresh();
    if (m_description->toPlainText().isEmpty())
        m_description->setPlainText(description);
    if (m_controller->isDeleted())
        onDeleted();
}

} // namespace triage
