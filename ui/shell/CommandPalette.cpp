#include "CommandPalette.h"

#include "models/CommandModel.h"

#include <QAction>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QTimer>
#include <QVBoxLayout>

namespace triage {

CommandPalette::CommandPalette(const QList<QAction *> &actions, QWidget *parent)
    : QDialog(parent)
    , m_model(new CommandModel(actions, this))
    , m_input(new QLineEdit(this))
    , m_list(new QListView(this))
{
    setObjectName(u"commandPalette"_qs);
    setWindowTitle(tr("Command palette"));
    m_input->setObjectName(u"commandLineEdit"_qs);
    m_input->setPlaceholderText(tr("Type a command…"));
    m_input->setAccessibleName(tr("Command"));
    m_input->setAccessibleDescription(tr("Type part of a command name; Up and Down choose, Enter runs it"));
    m_list->setObjectName(u"commandListView"_qs);
    m_list->setModel(m_model);
    m_list->setAccessibleName(tr("Matching commands"));
    m_list->setUniformItemSizes(true);
    auto *l = new QVBoxLayout(this);
    l->addWidget(m_input);
    l->addWidget(m_list);
    connect(m_input, &QLineEdit::textChanged, this, [this](const QString &t) {
        m_model->setFilter(t);
        m_list->setCurrentIndex(m_model->index(0));
    });
    connect(m_list, &QListView::activated, this, &CommandPalette::runCurrent);
    m_input->installEventFilter(this);
    m_list->setCurrentIndex(m_model->index(0));
    resize(520, 380);
    if (parent)
        move(parent->geometry().center().x() - 260, parent->geometry().top() + 80);
}

CommandPalette::~CommandPalette() = default;

bool CommandPalette::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_input && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Down || key->key() == Qt::Key_Up) {
            const int row = std::clamp(m_list->currentIndex().row() + (key->key() == Qt::Key_Down ? 1 : -1),
                0, std::max(0, m_model->rowCount() - 1));
            m_list->setCurrentIndex(m_model->index(row));
            return true;
        }
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            runCurrent();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void CommandPalette::runCurrent()
{
    QAction *a = m_model->action(m_list->currentIndex().row());
    accept();
    if (a)
        QTimer::singleShot(0, a, &QAction::trigger);
}

} // namespace triage
