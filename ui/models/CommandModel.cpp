#include "CommandModel.h"

#include <QAction>

namespace triage {

namespace {
QString plain(const QAction *a)
{
    QString t = a->text();
    t.remove(u'&');
    if (t.endsWith(u'…'))
        t.chop(1);
    return t;
}
} // namespace

CommandModel::CommandModel(QList<QAction *> actions, QObject *parent)
    : QAbstractListModel(parent)
{
    for (auto *a : actions)
        m_all << a;
    setFilter(QString());
}

CommandModel::~CommandModel() = default;

void CommandModel::setFilter(const QString &text)
{
    beginResetModel();
    m_shown.clear();
    const QStringList words = text.split(u' ', Qt::SkipEmptyParts);
    for (const auto &a : std::as_const(m_all)) {
        if (!a || !a->isEnabled())
            continue;
        const QString t = plain(a);
        const bool all = std::all_of(
            words.begin(), words.end(), [&](const QString &w) { return t.contains(w, Qt::CaseInsensitive); });
        if (all)
            m_shown << a;
    }
    endResetModel();
}

QAction *CommandModel::action(int row) const
{
    return row >= 0 && row < m_shown.size() ? m_shown[row] : nullptr;
}

int CommandModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_shown.size());
}

QVariant CommandModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QAction *a = m_shown[index.row()];
    switch (role) {
    case Qt::DisplayRole: {
        const QString key = a->shortcut().toString(QKeySequence::NativeText);
        return key.isEmpty() ? plain(a) : plain(a) + u"    "_qs + key;
    }
    case Qt::AccessibleTextRole:
        return plain(a);
    case ShortcutRole:
        return a->shortcut().toString(QKeySequence::NativeText);
    }
    return {};
}

} // namespace triage
