#include "ConflictsDialog.h"

#include "models/ConflictListModel.h"
#include "session/Session.h"
#include "sync/ConflictResolver.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace triage {

ConflictsDialog::ConflictsDialog(Session *session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_model(new ConflictListModel(session->store(), this))
    , m_list(new QListView(this))
    , m_text(new QPlainTextEdit(this))
    , m_mine(new QPushButton(tr("Apply &mine"), this))
    , m_server(new QPushButton(tr("&Keep the server's"), this))
    , m_note(new QPushButton(tr("Send as internal &note"), this))
    , m_copy(new QPushButton(tr("&Copy my text"), this))
{
    setObjectName(u"conflictsDialog"_qs);
    setWindowTitle(tr("Changes that need your decision"));
    m_list->setObjectName(u"conflictsListView"_qs);
    m_list->setAccessibleName(tr("Conflicts"));
    m_list->setModel(m_model);
    m_list->setWordWrap(true);
    m_list->setAlternatingRowColors(true);
    m_text->setObjectName(u"myTextPlainTextEdit"_qs);
    m_text->setReadOnly(true);
    m_text->setAccessibleName(tr("What you wrote"));
    m_mine->setObjectName(u"applyMineButton"_qs);
    m_mine->setToolTip(tr("Apply your values again on top of the server's current state"));
    m_server->setObjectName(u"keepServerButton"_qs);
    m_server->setToolTip(tr("Drop your change; the server's state stays"));
    m_note->setObjectName(u"asNoteButton"_qs);
    m_copy->setObjectName(u"copyTextButton"_qs);

    auto *explain
        = new QLabel(tr("The server could not apply these changes as you made them. Nothing is lost: "
                        "choose what should happen to each."),
            this);
    explain->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_mine, m_server, m_note, m_copy})
        buttons->addWidget(b);
    buttons->addStretch();
    auto *close = new QPushButton(tr("Close"), this);
    buttons->addWidget(close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(explain);
    layout->addWidget(m_list, 2);
    layout->addWidget(new QLabel(tr("Your text:"), this));
    layout->addWidget(m_text, 1);
    layout->addLayout(buttons);

    connect(close, &QPushButton::clicked, this, &QDialog::accept);
    connect(
        m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] { updateButtons(); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (m_model->rowCount() > 0)
            m_list->setCurrentIndex(m_model->index(0));
        updateButtons();
    });
    connect(m_mine, &QPushButton::clicked, this,
        [this] { resolve(static_cast<int>(ConflictResolver::Choice::ApplyMine)); });
    connect(m_server, &QPushButton::clicked, this,
        [this] { resolve(static_cast<int>(ConflictResolver::Choice::KeepServer)); });
    connect(m_note, &QPushButton::clicked, this,
        [this] { resolve(static_cast<int>(ConflictResolver::Choice::AsNote)); });
    connect(m_copy, &QPushButton::clicked, this,
        [this] { QApplication::clipboard()->setText(m_text->toPlainText()); });
    if (m_model->rowCount() > 0)
        m_list->setCurrentIndex(m_model->index(0));
    updateButtons();
    resize(760, 480);
}

ConflictsDialog::~ConflictsDialog() = default;

void ConflictsDialog::updateButtons()
{
    const QModelIndex i = m_list->currentIndex();
    const bool has = i.isValid();
    m_text->setPlainText(has ? i.data(ConflictListModel::TextRole).toString() : QString());
    for (QPushButton *b : {m_mine, m_server, m_copy})
        b->setEnabled(has);
    m_note->setEnabled(has && i.data(ConflictListModel::CanSendAsNoteRole).toBool());
}

void ConflictsDialog::resolve(int choice)
{
    const QModelIndex i = m_list->currentIndex();
    if (!i.isValid())
        return;
    ConflictResolver resolver(m_session->store(), m_session->editor());
    QString error;
    if (!resolver.resolve(i.data(ConflictListModel::IdRole).toString(),
            static_cast<ConflictResolver::Choice>(choice), &error))
        QMessageBox::warning(this, windowTitle(), error);
}

} // namespace triage
