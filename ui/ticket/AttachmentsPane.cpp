#include "AttachmentsPane.h"

#include "AttachmentsController.h"
#include "models/AttachmentListModel.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QStandardPaths>
#include <QUrl>
#include <QVBoxLayout>

namespace triage {

AttachmentsPane::AttachmentsPane(AttachmentsController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_list(new QListView(this))
    , m_open(new QPushButton(this))
    , m_save(new QPushButton(this))
    , m_empty(new QLabel(m_list->viewport()))
{
    setObjectName(u"attachmentsPane"_qs);
    m_list->setObjectName(u"attachmentsListView"_qs);
    m_list->setModel(controller->model());
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setWordWrap(true);
    m_empty->setObjectName(u"emptyAttachmentsLabel"_qs);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->move(12, 12);
    m_open->setObjectName(u"openAttachmentPushButton"_qs);
    m_save->setObjectName(u"saveAttachmentPushButton"_qs);
    connect(
        m_list, &QListView::activated, this, [this](const QModelIndex &i) { m_controller->open(i.row()); });
    connect(m_open, &QPushButton::clicked, this, [this] { m_controller->open(currentRow()); });
    connect(m_save, &QPushButton::clicked, this, &AttachmentsPane::saveSelected);
    connect(controller, &AttachmentsController::openReady, this,
        [](const QString &path) { QDesktopServices::openUrl(QUrl::fromLocalFile(path)); });
    connect(controller, &AttachmentsController::problem, this, &AttachmentsPane::problem);
    connect(controller->model(), &QAbstractItemModel::modelReset, this, &AttachmentsPane::updateButtons);
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &AttachmentsPane::updateButtons);

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addStretch(1);
    row->addWidget(m_open);
    row->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list, 1);
    layout->addLayout(row);
    setTabOrder(m_list, m_open);
    setTabOrder(m_open, m_save);
    retranslate();
    updateButtons();
}

AttachmentsPane::~AttachmentsPane() = default;

void AttachmentsPane::retranslate()
{
    m_list->setAccessibleName(tr("Attachments"));
    m_list->setAccessibleDescription(tr("The ticket's files; Enter opens one"));
    m_empty->setText(tr("No attachments."));
    m_empty->adjustSize();
    m_open->setText(tr("&Open"));
    m_save->setText(tr("Save &as…"));
}

int AttachmentsPane::currentRow() const
{
    const QModelIndex i = m_list->currentIndex();
    return i.isValid() ? i.row() : -1;
}

void AttachmentsPane::saveSelected()
{
    const int row = currentRow();
    if (row < 0)
        return;
    const QString name = m_controller->model()->attachments().at(row).filename;
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    const QString target
        = QFileDialog::getSaveFileName(this, tr("Save attachment"), QDir(dir).filePath(name));
    if (!target.isEmpty())
        m_controller->saveAs(row, target);
}

void AttachmentsPane::updateButtons()
{
    const bool any = m_controller->model()->rowCount() > 0;
    m_empty->setVisible(!any);
    const bool selected = currentRow() >= 0;
    m_open->setEnabled(selected);
    m_save->setEnabled(selected);
}

} // namespace triage
