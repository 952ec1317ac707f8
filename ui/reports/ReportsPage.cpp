#include "ReportsPage.h"

#include "ChartWidget.h"
#include "ReportTableModel.h"
#include "common/SlaStyle.h"
#include "common/Texts.h"
#include "metrics/ReportCsv.h"

#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QDateTime>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace triage {

namespace {

QString number(const QJsonValue &v)
{
    return v.isDouble() ? QLocale().toString(v.toDouble(), 'g', 10) : QStringLiteral("—");
}
QString percent(const QJsonValue &v)
{
    return v.isDouble() ? QLocale().toString(v.toDouble() * 100.0, 'f', 1) + u'%' : QStringLiteral("—");
}
QString minutes(const QJsonValue &v)
{
    return v.isDouble() ? Texts::duration(qint64(v.toDouble() * 60000.0)) : QStringLiteral("—");
}

// An editable combo box whose completer matches anywhere in the entries (type "ops" → "DevOps").
QComboBox *pickerCombo(QWidget *parent)
{
    auto *c = new QComboBox(parent);
    c->setEditable(true);
    c->setInsertPolicy(QComboBox::NoInsert);
    c->setMinimumContentsLength(14);
    c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    c->completer()->setCompletionMode(QCompleter::PopupCompletion);
    c->completer()->setFilterMode(Qt::MatchContains);
    c->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    return c;
}

// The value the server accepts: the picked entry's, else what was typed (a name or an id).
QString pickerValue(const QComboBox *c)
{
    const QString text = c->currentText().trimmed();
    if (text.isEmpty())
        return {};
    const int i = c->findText(text, Qt::MatchFixedString);
    return i >= 0 ? c->itemData(i).toString() : text;
}

// "Any" and one entry per wire value; retranslateUi() writes the texts.
QComboBox *anyCombo(const QStringList &wires, QWidget *parent)
{
    auto *c = new QComboBox(parent);
    c->addItem(QString(), QString());
    for (const QString &w : wires)
        c->addItem(QString(), w);
    return c;
}

void labelAnyCombo(QComboBox *c, const std::function<QString(const QString &)> &label)
{
    c->setItemText(0, ReportsPage::tr("Any"));
    for (int i = 1; i < c->count(); ++i)
        c->setItemText(i, label(c->itemData(i).toString()));
}

} // namespace

ReportsPage::ReportsPage(ReportsController *controller, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_controller(controller)
{
    setObjectName(u"reportsPage"_qs);
    auto *root = new QVBoxLayout(this);

    auto *bar = new QHBoxLayout;
    m_preset = new QComboBox(this);
    m_preset->addItems(QStringList(5, QString())); // texts: retranslateUi()
    m_from = new QDateEdit(this);
    m_to = new QDateEdit(this);
    for (QDateEdit *d : {m_from, m_to}) {
        d->setCalendarPopup(true);
        d->setDisplayFormat(u"yyyy-MM-dd"_qs);
    }
    m_group = pickerCombo(this);
    m_agent = pickerCombo(this);
    m_channel = anyCombo({u"email"_qs, u"telegram"_qs, u"web"_qs, u"phone"_qs, u"api"_qs}, this);
    m_type = anyCombo({u"incident"_qs, u"request"_qs, u"problem"_qs, u"question"_qs}, this);
    m_priority = anyCombo({u"critical"_qs, u"high"_qs, u"normal"_qs, u"low"_qs}, this);
    auto *refresh = m_refresh = new QPushButton(this);
    auto *csv = m_csv = new QPushButton(this);
    csv->setObjectName(u"exportCsvButton"_qs);
    bar->addWidget(m_preset);
    bar->addWidget(m_from);
    bar->addWidget(new QLabel(u"–"_qs, this));
    bar->addWidget(m_to);
    bar->addWidget(m_group);
    bar->addWidget(m_agent);
    bar->addWidget(m_channel);
    bar->addWidget(m_type);
    bar->addWidget(m_priority);
    bar->addStretch();
    bar->addWidget(refresh);
    bar->addWidget(csv);
    root->addLayout(bar);

    m_source = new QLabel(this);
    m_source->setObjectName(u"reportSource"_qs);
    m_source->setWordWrap(true);
    root->addWidget(m_source);

    // The numbers; each button drills down to its tickets.
    auto *grid = new QGridLayout;
    int col = 0;
    for (const QString &metric : {u"created"_qs, u"resolved"_qs, u"open_at_end"_qs, u"reopened"_qs,
             u"first_contact"_qs, u"breached"_qs, u"rated"_qs}) {
        auto *b = new QPushButton(this);
        b->setObjectName(metric);
        b->setFlat(true);
        b->setMinimumHeight(56);
        connect(b, &QPushButton::clicked, this, [this, metric] { drill(metric); });
        grid->addWidget(b, 0, col++);
        m_metrics << b;
    }
    root->addLayout(grid);
    m_durations = new QLabel(this);
    m_durations->setWordWrap(true);
    m_durations->setTextInteractionFlags(Qt::TextSelectableByMouse);
    root->addWidget(m_durations);

    auto *split = new QSplitter(Qt::Vertical, this);
    auto *charts = new QWidget(split);
    auto *chartRow = new QHBoxLayout(charts);
    chartRow->setContentsMargins(0, 0, 0, 0);
    m_days = new ChartWidget(charts);
    m_hours = new ChartWidget(charts);
    chartRow->addWidget(m_days, 3);
    chartRow->addWidget(m_hours, 2);
    connect(m_days, &ChartWidget::categoryClicked, this, [this](int i) {
        const QDate d = QDate::fromString(m_dayDates.value(i), Qt::ISODate);
        if (d.isValid())
            drill(u"created"_qs, d, d);
    });

    auto *tables = new QSplitter(Qt::Horizontal, split);
    m_agentModel = new ReportTableModel(this);
    m_agentView = new QTableView(tables);
    m_agentView->setModel(m_agentModel);
    auto *recurringBox = new QWidget(tables);
    auto *recurringLayout = new QVBoxLayout(recurringBox);
    recurringLayout->setContentsMargins(0, 0, 0, 0);
    m_recurringLabel = new QLabel(recurringBox);
    recurringLayout->addWidget(m_recurringLabel);
    m_recurringModel = new ReportTableModel(this);
    m_recurringView = new QTableView(recurringBox);
    m_recurringView->setModel(m_recurringModel);
    m_recurringView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_recurringView->setSelectionMode(QAbstractItemView::SingleSelection);
    recurringLayout->addWidget(m_recurringView);
    m_createProblem = new QPushButton(recurringBox);
    m_createProblem->setObjectName(u"createProblemButton"_qs);
    m_createProblem->setEnabled(false);
    recurringLayout->addWidget(m_createProblem);
    m_problemStatus = new QLabel(recurringBox);
    m_problemStatus->setWordWrap(true);
    recurringLayout->addWidget(m_problemStatus);
    connect(m_recurringView->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        m_createProblem->setEnabled(
            m_controller->canCreateTickets() && m_recurringView->selectionModel()->hasSelection());
    });
    connect(m_createProblem, &QPushButton::clicked, this, &ReportsPage::createProblemTicket);
    auto *drillBox = new QWidget(tables);
    auto *drillLayout = new QVBoxLayout(drillBox);
    drillLayout->setContentsMargins(0, 0, 0, 0);
    m_drillTitle = new QLabel(drillBox);
    m_drillModel = new ReportTableModel(this);
    m_drillView = new QTableView(drillBox);
    m_drillView->setModel(m_drillModel);
    m_drillView->setSelectionBehavior(QAbstractItemView::SelectRows);
    drillLayout->addWidget(m_drillTitle);
    drillLayout->addWidget(m_drillView);
    for (QTableView *v : {m_agentView, m_drillView, m_recurringView}) {
        v->verticalHeader()->hide();
        v->horizontalHeader()->setStretchLastSection(true);
        v->setEditTriggers(QAbstractItemView::NoEditTriggers);
    }
    connect(m_drillView, &QTableView::activated, this, [this](const QModelIndex &i) {
        if (const QString id = m_drillModel->idAt(i.row()); !id.isEmpty())
            Q_EMIT openTicketRequested(id);
    });
    root->addWidget(split, 1);

    connect(m_preset, &QComboBox::currentIndexChanged, this, &ReportsPage::applyPreset);
    connect(refresh, &QPushButton::clicked, this, &ReportsPage::refresh);
    connect(csv, &QPushButton::clicked, this, &ReportsPage::chooseCsvFile);
    for (QDateEdit *d : {m_from, m_to})
        connect(d, &QDateEdit::editingFinished, this, [this] { m_preset->setCurrentIndex(4); });
    connect(m_controller, &ReportsController::loaded, this, &ReportsPage::showReport);
    connect(m_controller, &ReportsController::drilled, this, &ReportsPage::showDrill);
    connect(m_controller, &ReportsController::failed, this, [this](const QString &message) {
        if (!m_controller->isOnline()) // refresh() said so already, in words a language switch can redo
            return;
        setSourceText([message] { return tr("⚠ %1").arg(message); });
    });
    m_drillText = [] { return tr("Click a number or a day to list its tickets."); };
    m_problemText = [] { return QString(); };
    m_sourceText = [] { return QString(); };
    retranslateUi();
    m_drillView->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch); // columns exist now
    m_preset->setCurrentIndex(1);
    applyPreset(1);
    resize(1200, 800);
}

QString ReportsPage::metricLabel(const QString &metric)
{
    if (metric == u"created")
        return tr("Created");
    if (metric == u"resolved")
        return tr("Resolved");
    if (metric == u"open_at_end")
        return tr("Backlog at end");
    if (metric == u"reopened")
        return tr("Reopened");
    if (metric == u"first_contact")
        return tr("First contact resolution");
    if (metric == u"breached")
        return tr("SLA breaches");
    if (metric == u"rated")
        return tr("CSAT");
    return metric;
}

void ReportsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ReportsPage::retranslateUi()
{
    setWindowTitle(tr("Reports"));
    const QStringList presets {
        tr("Last 7 days"), tr("Last 30 days"), tr("Last 90 days"), tr("This month"), tr("Custom")};
    for (int i = 0; i < presets.size(); ++i)
        m_preset->setItemText(i, presets.at(i));
    m_preset->setAccessibleName(tr("Period"));
    m_from->setAccessibleName(tr("From date"));
    m_to->setAccessibleName(tr("To date (inclusive)"));
    m_group->setAccessibleName(tr("Group"));
    m_group->setToolTip(tr("Group: pick one or type to search"));
    m_agent->setAccessibleName(tr("Agent"));
    m_agent->setToolTip(tr("Agent: pick one or type to search"));
    reloadPickers();
    labelAnyCombo(m_channel, [](const QString &w) { return Texts::channel(*channelFromWire(w)); });
    m_channel->setAccessibleName(tr("Channel"));
    labelAnyCombo(m_type, [](const QString &w) { return Texts::type(*ticketTypeFromWire(w)); });
    m_type->setAccessibleName(tr("Type"));
    labelAnyCombo(m_priority, [](const QString &w) { return Texts::priority(*priorityFromWire(w)); });
    m_priority->setAccessibleName(tr("Priority"));
    m_refresh->setText(tr("&Refresh"));
    m_csv->setText(tr("Export &CSV…"));
    for (QPushButton *b : m_metrics) {
        const QString label = metricLabel(b->objectName());
        b->setProperty("label", label);
        b->setToolTip(tr("Show the tickets behind this number"));
        b->setAccessibleName(label);
        if (m_controller->report().isEmpty())
            b->setText(label);
    }
    m_days->setAccessibleName(tr("Created and resolved per day, with the backlog"));
    m_days->setToolTip(tr("Click a day to list the tickets created that day"));
    m_hours->setAccessibleName(tr("Created and resolved by hour of day"));
    m_agentModel->setHeaders({tr("Agent"), tr("Open now"), tr("Resolved"), tr("Per day")});
    m_agentView->setAccessibleName(tr("Agent load"));
    m_recurringLabel->setText(tr("Recurring issues (problem candidates)"));
    m_recurringModel->setHeaders({tr("Category"), tr("Subject words"), tr("Tickets"), tr("Last")});
    m_recurringView->setAccessibleName(tr("Recurring issues"));
    m_createProblem->setText(tr("Create &problem ticket linking these"));
    m_createProblem->setToolTip(
        tr("Creates a ticket of type problem linked to every ticket of the selected issue (works offline)"));
    m_drillModel->setHeaders({tr("Number"), tr("Title"), tr("When")});
    m_drillView->setAccessibleName(tr("Tickets behind the number"));
    m_source->setText(m_sourceText());
    m_drillTitle->setText(m_drillText());
    m_problemStatus->setText(m_problemText());
    // The loaded numbers, durations and chart legends, in the new language (no new request).
    if (!m_controller->report().isEmpty()) {
        const QModelIndexList selected = m_recurringView->selectionModel()->selectedRows();
        const auto source = m_sourceText; // a later failure stays shown
        showReport(m_controller->report());
        setSourceText(source);
        if (!selected.isEmpty())
            m_recurringView->selectRow(selected.first().row());
    }
}

void ReportsPage::setSourceText(std::function<QString()> text)
{
    m_sourceText = std::move(text);
    m_source->setText(m_sourceText());
}

void ReportsPage::setDrillText(std::function<QString()> text)
{
    m_drillText = std::move(text);
    m_drillTitle->setText(m_drillText());
}

void ReportsPage::setProblemText(std::function<QString()> text)
{
    m_problemText = std::move(text);
    m_problemStatus->setText(m_problemText());
}

ReportsPage *ReportsPage::showFor(
    Session *session, QWidget *owner, std::function<void(const QString &)> openTicket)
{
    auto *page = owner->findChild<ReportsPage *>(u"reportsPage"_qs, Qt::FindDirectChildrenOnly);
    if (!page) {
        page = new ReportsPage(new ReportsController(session, owner), owner);
        connect(page, &ReportsPage::openTicketRequested, owner,
            [openTicket](const QString &id) { openTicket(id); });
    }
    page->show();
    page->raise();
    page->activateWindow();
    page->refresh();
    return page;
}

ReportFilter ReportsPage::filter() const
{
    ReportFilter f;
    f.from = m_from->date();
    f.to = m_to->date();
    f.group = pickerValue(m_group);
    f.agent = pickerValue(m_agent);
    f.channel = m_channel->currentData().toString();
    f.type = m_type->currentData().toString();
    f.priority = m_priority->currentData().toString();
    return f;
}

void ReportsPage::setRange(const QDate &from, const QDate &to)
{
    m_preset->blockSignals(true);
    m_preset->setCurrentIndex(4);
    m_preset->blockSignals(false);
    m_from->setDate(from);
    m_to->setDate(to);
}

void ReportsPage::applyPreset(int index)
{
    const QDate today = QDate::currentDate();
    switch (index) {
    case 0:
        m_from->setDate(today.addDays(-6));
        break;
    case 1:
        m_from->setDate(today.addDays(-29));
        break;
    case 2:
        m_from->setDate(today.addDays(-89));
        break;
    case 3:
        m_from->setDate(QDate(today.year(), today.month(), 1));
        break;
    default:
        return;
    }
    m_to->setDate(today);
    refresh();
}

void ReportsPage::refresh()
{
    reloadPickers();
    if (m_from->date() > m_to->date()) {
        setSourceText([] { return tr("⚠ The start date is after the end date."); });
        return;
    }
    setSourceText([this] {
        return m_controller->isOnline()
            ? tr("Loading from the server %1…").arg(m_controller->serverName())
            : tr("⚠ Reports come from the server; sign in to a server to see them.");
    });
    m_controller->load(filter());
}

QPushButton *ReportsPage::metricButton(const QString &metric) const
{
    for (QPushButton *b : m_metrics) {
        if (b->objectName() == metric)
            return b;
    }
    return nullptr;
}

void ReportsPage::showReport(const QJsonObject &r)
{
    const QJsonObject period = r[u"period"_qs].toObject();
    setSourceText([this, asOf = period[u"as_of"_qs].toString().left(16).replace(u'T', u' '),
                      zone = period[u"timezone"_qs].toString()] {
        return tr("From the server %1 — computed there from the event history, as of %2 (%3).")
            .arg(m_controller->serverName(), asOf, zone);
    });
    const QJsonObject volume = r[u"volume"_qs].toObject();
    const QJsonObject reopen = r[u"reopen"_qs].toObject();
    const QJsonObject fcr = r[u"fcr"_qs].toObject();
    const QJsonObject csat = r[u"csat"_qs].toObject();
    const QJsonObject sla = r[u"sla"_qs].toObject();
    double breaches = 0;
    for (const QString &m : {u"first_response"_qs, u"next_response"_qs, u"resolution"_qs})
        breaches += sla[m][u"breaches_in_period"_qs].toDouble();
    const QHash<QString, QString> values {{u"created"_qs, number(volume[u"created"_qs])},
        {u"resolved"_qs, number(volume[u"resolved"_qs])},
        {u"open_at_end"_qs, number(r[u"backlog"_qs][u"at_end"_qs])},
        {u"reopened"_qs, tr("%1 (%2)").arg(number(reopen[u"reopens"_qs]), percent(reopen[u"rate"_qs]))},
        {u"first_contact"_qs, percent(fcr[u"rate"_qs])}, {u"breached"_qs, QLocale().toString(breaches)},
        {u"rated"_qs,
            tr("%1 (avg %2)").arg(percent(csat[u"share_positive"_qs]), number(csat[u"average"_qs]))}};
    for (QPushButton *b : m_metrics)
        b->setText(values.value(b->objectName()) + u'\n' + b->property("label").toString());
    const QJsonObject fr = r[u"first_response"_qs][u"business"_qs].toObject();
    const QJsonObject res = r[u"resolution"_qs][u"full"_qs][u"business"_qs].toObject();
    m_durations->setText(
        tr("First response (business time): median %1, p90 %2 · Resolution: median %3, p90 %4 · "
           "SLA compliance: first response %5, resolution %6")
            .arg(minutes(fr[u"median_minutes"_qs]), minutes(fr[u"p90_minutes"_qs]),
                minutes(res[u"median_minutes"_qs]), minutes(res[u"p90_minutes"_qs]),
                percent(sla[u"first_response"_qs][u"compliance"_qs]),
                percent(sla[u"resolution"_qs][u"compliance"_qs])));

    QStringList days;
    m_dayDates.clear();
    std::vector<double> created, resolved, backlog;
    for (const QJsonValue &d : volume[u"by_day"_qs].toArray()) {
        const QString date = d[u"date"_qs].toString();
        m_dayDates << date;
        days << date.mid(5);
        created.push_back(d[u"created"_qs].toDouble());
        resolved.push_back(d[u"resolved"_qs].toDouble());
        backlog.push_back(d[u"backlog_at_end"_qs].toDouble());
    }
    m_days->setData(days,
        {{tr("Created"), okabeIto::skyBlue, created, false},
            {tr("Resolved"), okabeIto::bluishGreen, resolved, false},
            {tr("Backlog"), okabeIto::orange, backlog, true}});
    QStringList hours;
    std::vector<double> hc, hr;
    for (const QJsonValue &h : volume[u"by_hour_of_day"_qs].toArray()) {
        hours << QString::number(h[u"hour"_qs].toInt());
        hc.push_back(h[u"created"_qs].toDouble());
        hr.push_back(h[u"resolved"_qs].toDouble());
    }
    m_hours->setData(hours,
        {{tr("Created"), okabeIto::skyBlue, hc, false}, {tr("Resolved"), okabeIto::bluishGreen, hr, false}});

    std::vector<ReportTableModel::Row> agents;
    for (const QJsonValue &a : r[u"agents"_qs].toArray()) {
        agents.push_back(
            {{a[u"agent"_qs].toString(), number(a[u"open_assigned"_qs]), number(a[u"resolved"_qs]),
                 QLocale().toString(a[u"handled_per_day"_qs].toDouble(), 'f', 2)},
                QString()});
    }
    m_agentModel->setRows(std::move(agents));

    std::vector<ReportTableModel::Row> recurring;
    for (const QJsonValue &i : r[u"recurring"_qs].toArray()) {
        recurring.push_back({{i[u"category"_qs].toString(), i[u"words"_qs].toString(), number(i[u"count"_qs]),
                                 i[u"last_created"_qs].toString().left(10)},
            QString()});
    }
    m_recurringModel->setRows(std::move(recurring));
    m_createProblem->setEnabled(false);
}

void ReportsPage::reloadPickers()
{
    const auto refill = [](QComboBox *c, const QString &any, const QList<FilterChoice> &choices) {
        const QString current = pickerValue(c);
        const QSignalBlocker block(c);
        c->clear();
        c->addItem(any, QString());
        for (const FilterChoice &choice : choices)
            c->addItem(choice.label, choice.value);
        if (current.isEmpty())
            c->setCurrentIndex(0);
        else if (const int i = c->findData(current); i >= 0)
            c->setCurrentIndex(i);
        else
            c->setEditText(current);
    };
    refill(m_group, tr("Any group"), m_controller->groupChoices());
    refill(m_agent, tr("Any agent"), m_controller->agentChoices());
}

void ReportsPage::createProblemTicket()
{
    const QModelIndexList rows = m_recurringView->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    QString error;
    const auto created = m_controller->createProblemTicket(rows.first().row(), &error);
    if (!created) {
        setProblemText([error] { return tr("⚠ The problem ticket was not created: %1").arg(error); });
        return;
    }
    setProblemText([title = created->title, links = int(created->links.size())] {
        return tr("Problem ticket \"%1\" created, linked to %n tickets; it is sent to the "
                  "server with your other changes.",
            nullptr, links)
            .arg(title);
    });
    Q_EMIT openTicketRequested(created->id);
}

void ReportsPage::drill(const QString &metric, const QDate &from, const QDate &to)
{
    ReportFilter f = filter();
    if (from.isValid()) {
        f.from = from;
        f.to = to;
    }
    setDrillText([] { return tr("Loading…"); });
    m_controller->drill(f, metric);
}

void ReportsPage::showDrill(const QString &metric, const QJsonArray &tickets, qint64 count, bool truncated)
{
    setDrillText([metric, count, truncated, listed = tickets.size()] {
        const QString label = metricLabel(metric);
        return truncated
            ? tr("%1: %2 tickets (first %3 listed) — Enter opens one").arg(label).arg(count).arg(listed)
            : tr("%1: %2 tickets — Enter opens one").arg(label).arg(count);
    });
    std::vector<ReportTableModel::Row> rows;
    rows.reserve(size_t(tickets.size()));
    for (const QJsonValue &t : tickets)
        rows.push_back({{u'#' + number(t[u"number"_qs]), t[u"title"_qs].toString(),
                            t[u"at"_qs].toString().left(16).replace(u'T', u' ')},
            t[u"id"_qs].toString()});
    m_drillModel->setRows(std::move(rows));
    m_drillView->resizeColumnToContents(0);
}

bool ReportsPage::exportCsv(const QString &path, QString *error) const
{
    if (m_controller->report().isEmpty()) {
        *error = tr("Nothing to export yet: load a report first.");
        return false;
    }
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        *error = f.errorString();
        return false;
    }
    f.write(reportToCsv(m_controller->report()));
    if (!f.commit()) {
        *error = f.errorString();
        return false;
    }
    return true;
}

void ReportsPage::chooseCsvFile()
{
    const ReportFilter f = filter();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export report as CSV"),
        u"triage-report-%1-%2.csv"_qs.arg(f.from.toString(Qt::ISODate), f.to.toString(Qt::ISODate)),
        tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportCsv(path, &error))
        QMessageBox::warning(this, tr("Export failed"), error);
}

} // namespace triage
