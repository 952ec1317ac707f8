#include "QueueColumns.h"

#include "common/SlaStyle.h"
#include "common/Texts.h"
#include "domain/Enums.h"
#include "models/QueueModel.h"

#include <QDateTime>
#include <QEvent>
#include <QHeaderView>
#include <QMenu>
#include <QSettings>
#include <QTableView>

namespace triage {

namespace {

constexpr auto kHiddenKey = u"queue/hiddenColumns";

bool isOptional(int column)
{
    return column != QueueModel::NumberColumn && column != QueueModel::TitleColumn;
}

} // namespace

QueueColumns::QueueColumns(QTableView *table, QSettings *settings, QObject *parent)
    : QObject(parent)
    , m_table(table)
    , m_settings(settings)
{
    if (m_settings) {
        const QStringList hidden = m_settings->value(QString::fromUtf16(kHiddenKey)).toStringList();
        for (const QString &h : hidden) {
            bool ok = false;
            const int c = h.toInt(&ok);
            if (ok && c >= 0 && c < QueueModel::ColumnCount && isOptional(c))
                m_chosenHidden.insert(c);
        }
    }
    QHeaderView *h = m_table->horizontalHeader();
    for (int c = 0; c < QueueModel::ColumnCount; ++c)
        m_widths << h->sectionSize(c);
    // The agent's own resizing is remembered for when a set-aside column comes back.
    connect(h, &QHeaderView::sectionResized, this, [this](int column, int, int size) {
        if (!m_fitting && size > 0 && column >= 0 && column < m_widths.size())
            m_widths[column] = size;
    });
    h->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(h, &QHeaderView::customContextMenuRequested, this, [this, h](const QPoint &pos) {
        QMenu menu(h);
        fillMenu(&menu);
        menu.exec(h->viewport()->mapToGlobal(pos));
    });
    m_table->viewport()->installEventFilter(this);
    fit();
}

void QueueColumns::applyDefaultWidths(QTableView *table)
{
    const QFontMetrics fm = table->fontMetrics();
    QFont boldFont = table->font();
    boldFont.setBold(true);
    const QFontMetrics bold(boldFont);
    const int em = fm.horizontalAdvance(u'M');
    const int icon = table->iconSize().width() + em / 2;
    const auto widest = [](const QFontMetrics &m, const QStringList &samples) {
        int w = 0;
        for (const QString &s : samples)
            w = std::max(w, m.horizontalAdvance(s));
        return w;
    };
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 hour = 3600000;
    // Only New tickets show their age (QueueModel::isAgeing); the others their name.
    QStringList statuses;
    for (const qint64 age : {(12 * 24 + 23) * hour, 23 * hour + 59 * 60000})
        statuses << QueueModel::tr("%1 · %2").arg(Texts::status(TicketStatus::New), Texts::duration(age));
    for (const QString &wire : allTicketStatuses()) {
        if (const auto st = ticketStatusFromWire(wire))
            statuses << Texts::status(*st);
    }
    QStringList priorities;
    for (const QString &wire : allPriorities()) {
        if (const auto p = priorityFromWire(wire))
            priorities << Texts::priority(*p);
    }
    const QList<int> widths {
        fm.horizontalAdvance(u"#99999"_qs) + em, // Number
        0, // Title stretches
        em * 7, // Requester: names elide
        widest(bold, priorities) + em, // Priority (Critical is bold)
        widest(fm, statuses) + icon + em, // Status, "New · 12 d 23 h" with the ageing icon
        em * 7, // Assignee
        em * 5, // Group
        widest(
            fm, {Texts::relativeTime(now - 26 * hour, now), Texts::relativeTime(now - 30 * 24 * hour, now)})
            + em, // Updated
        widest(fm,
            {SlaStyle::text(now - (23 * hour + 59 * 60000), false, now),
                SlaStyle::text(now + 23 * hour + 59 * 60000, false, now),
                SlaStyle::text(now + hour, true, now)})
            + icon + em, // SLA
    };
    QHeaderView *h = table->horizontalHeader();
    const QFontMetrics hm = h->fontMetrics();
    for (int c = 0; c < QueueModel::ColumnCount && c < widths.size(); ++c) {
        if (c == QueueModel::TitleColumn)
            continue;
        // Never narrower than the (translated) header: «Приоритет», «Исполнитель».
        const int header
            = hm.horizontalAdvance(table->model()->headerData(c, Qt::Horizontal).toString()) + em * 2;
        table->setColumnWidth(c, std::max(widths[c], header));
    }
}

const QList<int> &QueueColumns::narrowOrder()
{
    static const QList<int> order {QueueModel::GroupColumn, QueueModel::UpdatedColumn,
        QueueModel::RequesterColumn, QueueModel::AssigneeColumn, QueueModel::PriorityColumn};
    return order;
}

QSet<int> QueueColumns::setAside(
    const QList<int> &widths, const QSet<int> &chosenHidden, int available, int minTitle)
{
    int used = 0;
    for (int c = 0; c < widths.size(); ++c) {
        if (c != QueueModel::TitleColumn && !chosenHidden.contains(c))
            used += widths[c];
    }
    QSet<int> aside;
    for (int c : narrowOrder()) {
        if (available - used >= minTitle)
            break;
        if (c >= widths.size() || chosenHidden.contains(c))
            continue;
        aside.insert(c);
        used -= widths[c];
    }
    return aside;
}

int QueueColumns::minTitleWidth() const
{
    return m_table->fontMetrics().horizontalAdvance(u'M') * 16;
}

void QueueColumns::setChosenHidden(int column, bool hidden)
{
    if (!isOptional(column) || hidden == m_chosenHidden.contains(column))
        return;
    if (hidden)
        m_chosenHidden.insert(column);
    else
        m_chosenHidden.remove(column);
    save();
    fit();
}

void QueueColumns::save() const
{
    if (!m_settings)
        return;
    QList<int> sorted(m_chosenHidden.cbegin(), m_chosenHidden.cend());
    std::sort(sorted.begin(), sorted.end());
    QStringList out;
    for (int c : sorted)
        out << QString::number(c);
    m_settings->setValue(QString::fromUtf16(kHiddenKey), out);
}

void QueueColumns::fillMenu(QMenu *menu)
{
    menu->clear();
    QAbstractItemModel *model = m_table->model();
    for (int c = 0; c < QueueModel::ColumnCount; ++c) {
        if (!isOptional(c))
            continue;
        QAction *a = menu->addAction(model->headerData(c, Qt::Horizontal).toString());
        a->setCheckable(true);
        a->setChecked(!m_chosenHidden.contains(c));
        if (m_setAside.contains(c))
            a->setToolTip(tr("Hidden for now: the table is too narrow"));
        connect(a, &QAction::toggled, this, [this, c](bool shown) { setChosenHidden(c, !shown); });
    }
    menu->setToolTipsVisible(true);
}

void QueueColumns::fit()
{
    const int available = m_table->viewport()->width();
    const QSet<int> aside = setAside(m_widths, m_chosenHidden, available, minTitleWidth());
    m_fitting = true;
    QHeaderView *h = m_table->horizontalHeader();
    for (int c = 0; c < QueueModel::ColumnCount; ++c) {
        const bool hide = m_chosenHidden.contains(c) || aside.contains(c);
        if (h->isSectionHidden(c) != hide) {
            h->setSectionHidden(c, hide);
            if (!hide && c != QueueModel::TitleColumn)
                h->resizeSection(c, m_widths.value(c));
        }
    }
    m_fitting = false;
    m_setAside = aside;
}

bool QueueColumns::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize && !m_fitting)
        fit();
    return QObject::eventFilter(watched, event);
}

} // namespace triage
