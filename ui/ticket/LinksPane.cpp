#include "LinksPane.h"

#include "TicketController.h"
#include "models/TicketDetailModels.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace triage {

LinksPane::LinksPane(TicketController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_list(new QListView(this))
    , m_kind(new QComboBox(this))
    , m_reference(new QLineEdit(this))
    , m_add(new QPushButton(this))
    , m_remove(new QPushButton(this))
    , m_empty(new QLabel(m_list->viewport()))
{
    setObjectName(u"linksPane"_qs);
    m_list->setObjectName(u"linksListView"_qs);
    m_list->setModel(controller->links());
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setWordWrap(true);
    m_list->installEventFilter(this);
    m_list->viewport()->installEventFilter(this); // keeps the empty-state text as wide as the list
    m_empty->setObjectName(u"emptyLinksLabel"_qs);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->move(12, 12);
    connect(m_list, &QListView::activated, this, [this](const QModelIndex &i) {
        if (i.data(LinkedTicketsModel::OpenableRole).toBool())
            Q_EMIT openTicketRequested(i.data(LinkedTicketsModel::TicketIdRole).toString());
    });
    m_kind->setObjectName(u"linkKindComboBox"_qs);
    for (const LinkKind k : {LinkKind::RelatesTo, LinkKind::DuplicateOf, LinkKind::ProblemOf,
             LinkKind::ParentOf, LinkKind::ChildOf})
        m_kind->addItem(QString(), static_cast<int>(k));
    m_reference->setObjectName(u"linkReferenceLineEdit"_qs);
    m_reference->setClearButtonEnabled(true);
    m_add->setObjectName(u"addLinkPushButton"_qs);
    m_remove->setObjectName(u"removeLinkPushButton"_qs);
    connect(m_reference, &QLineEdit::returnPressed, this, &LinksPane::add);
    connect(m_reference, &QLineEdit::textChanged, this, &LinksPane::updateButtons);
    connect(m_add, &QPushButton::clicked, this, &LinksPane::add);
    connect(m_remove, &QPushButton::clicked, this, &LinksPane::removeSelected);
    connect(controller->links(), &QAbstractItemModel::modelReset, this, &LinksPane::updateButtons);
    connect(
        m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this, &LinksPane::updateButtons);

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_kind);
    row->addWidget(m_reference, 1);
    row->addWidget(m_add);
    row->addWidget(m_remove);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list, 1);
    layout->addLayout(row);
    setTabOrder(m_list, m_kind);
    setTabOrder(m_kind, m_reference);
    setTabOrder(m_reference, m_add);
    setTabOrder(m_add, m_remove);
    retranslate();
    applyAccess();
}

LinksPane::~LinksPane() = default;

void LinksPane::retranslate()
{
    m_list->setAccessibleName(tr("Linked tickets"));
    m_list->setAccessibleDescription(
        tr("Problems, duplicates, parents and related tickets; Enter opens one, Delete removes it"));
    const QStringList kinds {
        tr("Relates to"), tr("Duplicate of"), tr("Problem of"), tr("Parent of"), tr("Child of")};
    for (int i = 0; i < m_kind->count() && i < kinds.size(); ++i)
        m_kind->setItemText(i, kinds[i]);
    m_kind->setAccessibleName(tr("Link kind"));
    m_kind->setAccessibleDescription(tr("How this ticket relates to the one you link"));
    m_reference->setPlaceholderText(tr("e.g. #1042"));
    m_empty->setText(
        tr("No linked tickets. Link a duplicate, its problem ticket or a related ticket below."));
    m_reference->setAccessibleName(tr("Ticket to link"));
    m_reference->setAccessibleDescription(tr("The number of a ticket on this computer; Enter adds the link"));
    m_add->setText(tr("Add &link"));
    m_add->setAccessibleDescription(tr("Links the ticket; works offline, synced later"));
    m_remove->setText(tr("Remove"));
    m_remove->setAccessibleDescription(tr("Removes the selected link"));
}

void LinksPane::applyAccess()
{
    const bool readOnly = m_controller->isReadOnly();
    m_kind->setVisible(!readOnly);
    m_reference->setVisible(!readOnly);
    m_add->setVisible(!readOnly);
    m_remove->setVisible(!readOnly);
    updateButtons();
}

void LinksPane::updateButtons()
{
    m_empty->setVisible(m_controller->links()->rowCount() == 0);
    const int width = std::max(120, m_list->viewport()->width() - 24);
    m_empty->resize(width, m_empty->heightForWidth(width));
    m_add->setEnabled(!m_reference->text().trimmed().isEmpty());
    m_remove->setEnabled(m_list->selectionModel()->hasSelection());
}

void LinksPane::add()
{
    if (m_reference->text().trimmed().isEmpty())
        return;
    const auto kind = static_cast<LinkKind>(m_kind->currentData().toInt());
    if (m_controller->addLink(kind, m_reference->text()))
        m_reference->clear();
    else
        Q_EMIT refused(m_controller->lastError()); // the typed text stays, to be fixed
}

void LinksPane::removeSelected()
{
    const QModelIndex current = m_list->currentIndex();
    if (current.isValid() && !m_controller->removeLink(current.row()))
        Q_EMIT refused(m_controller->lastError());
}

bool LinksPane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_list->viewport() && event->type() == QEvent::Resize)
        updateButtons();
    if (watched == m_list && event->type() == QEvent::KeyPress && !m_controller->isReadOnly()) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Delete || key->key() == Qt::Key_Backspace) {
            removeSelected();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace triage
