#include "SlaSweeper.h"

#include "EventHub.h"
#include "RoutingService.h"
#include "TicketService.h"
#include "TicketSla.h"
#include "domain/Time.h"
#include "domain/Uuid.h"
#include "notify/AgentAlerts.h"
#include "storage/AgentLinkStore.h"
#include "storage/DirectoryStore.h"
#include "storage/ServerTicketStore.h"
#include "storage/SlaBreachStore.h"
#include "storage/SlaEscalationStore.h"
#include "storage/TicketReader.h"

#include <QDateTime>
#include <QHash>
#include <QJsonDocument>

#include <cmath>

namespace triage::server {

const QString SlaSweeper::kSystemUserId = u"00000000-0000-7000-8000-0000000005a1"_qs;
const QString SlaSweeper::kSystemUsername = u"triage-sla"_qs;

namespace {

Principal systemPrincipal()
{
    Principal p;
    p.userId = SlaSweeper::kSystemUserId;
    p.username = SlaSweeper::kSystemUsername;
    p.role = UserRole::Admin;
    return p;
}

QString minutesText(double minutes)
{
    return QString::number(minutes, 'g', 6);
}

std::optional<Priority> raised(Priority p)
{
    switch (p) {
    case Priority::Low:
        return Priority::Normal;
    case Priority::Normal:
        return Priority::High;
    case Priority::High:
        return Priority::Critical;
    case Priority::Critical:
        break;
    }
    return std::nullopt;
}

// The escalation mark of `level` in a fresh evaluation, when its cycle is still open and the
// level has been reached; nullptr otherwise (the ticket moved on since it was scheduled).
// The timer whose warning or breach `mark` names, when it was really reached (still open).
const SlaTimer *reachedMark(const std::vector<SlaTimer> &timers, const SlaTransition &mark)
{
    for (const SlaTimer &t : timers) {
        if (t.metric != mark.metric || t.cycle != mark.cycle || !t.isOpen())
            continue;
        if (mark.kind == SlaMark::Kind::Breach)
            return t.breached ? &t : nullptr;
        for (const SlaMark &m : t.marks) {
            if (m.kind == SlaMark::Kind::Warning && m.reached && std::abs(m.percent - mark.percent) < 1e-9
                && std::abs(m.beforeMinutes - mark.beforeMinutes) < 1e-9)
                return &t;
        }
    }
    return nullptr;
}

const SlaTimer *reachedLevel(const std::vector<SlaTimer> &timers, const SlaTransition &level)
{
    for (const SlaTimer &t : timers) {
        if (t.metric != level.metric || t.cycle != level.cycle || !t.isOpen())
            continue;
        for (const SlaMark &m : t.marks) {
            if (m.kind == SlaMark::Kind::Escalation && m.action == level.action && m.reached
                && std::abs(m.percent - level.percent) < 1e-9)
                return &t;
        }
    }
    return nullptr;
}

} // namespace

SlaSweeper::Options SlaSweeper::optionsFromEnvironment()
{
    Options o;
    bool ok = false;
    const int ms = qEnvironmentVariableIntValue("TRIAGE_SLA_SWEEP_MS", &ok);
    if (ok && ms >= 0) {
        o.enabled = ms > 0;
        o.resyncMs = ms;
    }
    const qint64 catchUp = qEnvironmentVariable("TRIAGE_SLA_CATCH_UP_MS").toLongLong(&ok);
    if (ok && catchUp >= 0)
        o.catchUpMs = catchUp;
    return o;
}

SlaSweeper::SlaSweeper(ServerDatabase &db, EventHub *hub, Options options, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_hub(hub)
    , m_options(options)
    , m_driver(options.clock)
{
    m_backlogTimer.setSingleShot(true);
    m_backlogTimer.setInterval(0);
    connect(&m_backlogTimer, &QTimer::timeout, this, &SlaSweeper::processBacklog);
    connect(&m_driver, &SlaScheduleDriver::transitionsDue, this, &SlaSweeper::fire);
    m_resyncTimer.setInterval(std::max(1000, m_options.resyncMs));
    connect(&m_resyncTimer, &QTimer::timeout, this, &SlaSweeper::resyncAll);
}

SlaSweeper::~SlaSweeper() = default;

void SlaSweeper::start()
{
    if (!m_options.enabled)
        return;
    if (m_hub)
        connect(m_hub, &EventHub::headMoved, this, &SlaSweeper::refresh);
    m_resyncTimer.start();
    resyncAll();
}

void SlaSweeper::enqueue(const QString &ticketId)
{
    if (m_queued.contains(ticketId))
        return;
    m_queued.insert(ticketId);
    m_backlog.push_back(ticketId);
    if (!m_backlogTimer.isActive())
        m_backlogTimer.start();
}

void SlaSweeper::resyncAll()
{
    try {
        m_warningsWanted = AgentLinkStore(m_db).any();
        const qint64 head = readHead(m_db);
        m_sla = std::make_unique<TicketSla>(m_db);
        TicketReader tickets(m_db);
        QStringList ids = tickets.openIds();
        // Also the tickets written since the last look (a resolve stops cycles that may have breached).
        if (m_seenSeq >= 0)
            ids << tickets.writtenSince(m_seenSeq);
        m_seenSeq = head;
        for (const QString &id : std::as_const(ids))
            enqueue(id);
    } catch (const DbError &e) {
        m_db.dropThreadConnection();
        qCWarning(lcSla, "SLA resync failed: %s", e.what());
    }
}

void SlaSweeper::refresh()
{
    if (m_seenSeq < 0)
        return; // the first resync has not run yet
    try {
        const qint64 head = readHead(m_db);
        if (head == m_seenSeq)
            return;
        DirectoryStore directory(m_db);
        // Calendars, policies, group calendars: every ticket may change.
        if (directory.slaReferenceChangedSince(m_seenSeq)) {
            resyncAll();
            return;
        }
        // The first agent linked Telegram: warnings are worth scheduling now (see schedule()).
        // Looked at every few seconds at most: head moves can come many times a second.
        const qint64 wall = QDateTime::currentMSecsSinceEpoch();
        bool firstLink = false;
        if (!m_warningsWanted && wall - m_linksCheckedAt >= 5000) {
            m_linksCheckedAt = wall;
            firstLink = AgentLinkStore(m_db).any();
        }
        if (firstLink) {
            resyncAll();
            return;
        }
        // A changed account (a requester made agent) only matters to later evaluations: drop the
        // cached roles, keep the schedule.
        if (directory.usersChangedSince(m_seenSeq))
            m_sla.reset();
        const QStringList ids = TicketReader(m_db).touchedBetween(m_seenSeq, head);
        m_seenSeq = head;
        for (const QString &id : std::as_const(ids))
            enqueue(id);
    } catch (const DbError &e) {
        m_db.dropThreadConnection();
        qCWarning(lcSla, "SLA refresh failed: %s", e.what());
    }
}

void SlaSweeper::settle()
{
    refresh();
    drainBacklog();
    tick();
    refresh();
    drainBacklog();
}

void SlaSweeper::drainBacklog()
{
    while (!m_backlog.empty())
        processBacklog();
    m_backlogTimer.stop();
}

QHash<QString, std::vector<SlaTimer>> SlaSweeper::evaluate(const QStringList &ids, qint64 now)
{
    if (!m_sla)
        m_sla = std::make_unique<TicketSla>(m_db);
    QHash<QString, std::vector<SlaTimer>> out;
    for (qsizetype from = 0; from < ids.size(); from += 500) {
        const QStringList chunk = ids.mid(from, 500);
        // Three queries (tickets, history, comments) per chunk, not three per ticket.
        QList<Ticket> tickets;
        for (const QByteArray &data : TicketReader(m_db).liveData(chunk)) {
            if (auto t = Ticket::fromJson(QJsonDocument::fromJson(data).object(), nullptr))
                tickets.append(std::move(*t));
        }
        QStringList found;
        for (const Ticket &t : std::as_const(tickets))
            found << t.id;
        m_sla->preload(found);
        for (const Ticket &t : std::as_const(tickets))
            out.insert(t.id, m_sla->timers(t, now));
    }
    std::vector<SlaBreachStore::TicketTimers> forBreaches;
    for (auto it = out.cbegin(); it != out.cend(); ++it)
        forBreaches.emplace_back(it.key(), &it.value());
    SlaBreachStore(m_db).record(forBreaches, now);
    return out;
}

void SlaSweeper::processBacklog()
{
    const qint64 now = this->now();
    QStringList ids;
    while (ids.size() < m_options.batch && !m_backlog.empty()) {
        ids << m_backlog.front();
        m_queued.remove(m_backlog.front());
        m_backlog.pop_front();
    }
    try {
        const auto timers = evaluate(ids, now);
        for (const QString &id : std::as_const(ids)) {
            const auto it = timers.constFind(id);
            schedule(id, it == timers.cend() ? nullptr : &*it, now);
        }
    } catch (const DbError &e) {
        m_db.dropThreadConnection();
        qCWarning(lcSla, "SLA evaluation failed: %s", e.what());
    }
    if (!m_backlog.empty())
        m_backlogTimer.start();
}

void SlaSweeper::schedule(const QString &ticketId, const std::vector<SlaTimer> *timers, qint64 now)
{
    if (!timers) { // deleted (or gone)
        m_driver.remove(ticketId);
        return;
    }
    // Breaches and escalation levels are recorded and acted on; warnings and breaches alert the
    // agents who asked for it in Telegram (AgentAlerts; consoles raise their own from their cache).
    // Warnings are scheduled only once some agent linked Telegram: they double the pending set.
    std::vector<SlaTransition> transitions = slaTransitions(ticketId, *timers, now - m_options.catchUpMs);
    if (!m_warningsWanted)
        std::erase_if(transitions, [](const SlaTransition &t) { return t.kind == SlaMark::Kind::Warning; });
    if (transitions.empty())
        m_driver.remove(ticketId);
    else
        m_driver.upsert(ticketId, transitions);
}

void SlaSweeper::fire(const QList<SlaTransition> &allDue)
{
    // Warnings only alert linked agents: with nobody linked they cost nothing (no evaluation).
    QList<SlaTransition> due = allDue;
    bool anyWarning = false;
    for (const SlaTransition &t : due)
        anyWarning = anyWarning || t.kind == SlaMark::Kind::Warning;
    try {
        if (anyWarning && !AgentLinkStore(m_db).any())
            due.removeIf([](const SlaTransition &t) { return t.kind == SlaMark::Kind::Warning; });
    } catch (const DbError &e) {
        m_db.dropThreadConnection();
        qCWarning(lcSla, "SLA alerts: %s", e.what());
    }
    if (due.isEmpty())
        return;
    // A breach is "strictly after" its instant: a wake-up on the very millisecond evaluates 1 ms later.
    qint64 now = this->now();
    for (const SlaTransition &t : due)
        now = std::max(now, t.at + 1);
    // One evaluation per ticket; its levels in time order.
    QStringList order;
    QHash<QString, QList<SlaTransition>> byTicket;
    for (const SlaTransition &t : due) {
        auto &list = byTicket[t.ticketId];
        if (list.isEmpty())
            order << t.ticketId;
        list << t;
    }
    int escalations = 0;
    QHash<QString, std::vector<SlaTimer>> timers;
    try {
        timers = evaluate(order, now); // also records the breaches
    } catch (const DbError &e) {
        m_db.dropThreadConnection();
        qCWarning(lcSla, "SLA evaluation failed: %s", e.what());
        return;
    }
    for (const QString &id : std::as_const(order)) {
        const auto it = timers.constFind(id);
        if (it == timers.cend()) {
            m_driver.remove(id); // deleted
            continue;
        }
        for (const SlaTransition &t : byTicket.value(id)) {
            if (t.kind != SlaMark::Kind::Escalation) {
                // Warnings and breaches alert the people on the ticket (AgentAlerts), not long after
                // the fact: a server that was down does not send a pile of stale alerts.
                const SlaTimer *timer = reachedMark(*it, t);
                if (timer && now - t.at <= m_options.catchUpMs) {
                    try {
                        AgentAlerts(m_db).slaReached(id, t, timer->due);
                    } catch (const DbError &e) {
                        m_db.dropThreadConnection();
                        qCWarning(lcSla, "SLA alert for %s failed: %s", qPrintable(id), e.what());
                    }
                }
                continue;
            }
            if (!reachedLevel(*it, t))
                continue;
            try {
                escalations += escalate(id, t, now) ? 1 : 0;
            } catch (const DbError &e) {
                m_db.dropThreadConnection();
                qCWarning(lcSla, "SLA escalation of %s failed: %s", qPrintable(id), e.what());
            }
        }
    }
    Q_EMIT fired(int(due.size()), escalations);
}

void SlaSweeper::ensureSystemUser()
{
    if (m_systemUserReady)
        return;
    DirectoryStore dir(m_db);
    if (!dir.userById(kSystemUserId)) {
        User u;
        u.id = kSystemUserId;
        u.username = kSystemUsername;
        u.displayName = u"SLA escalation"_qs;
        u.role = UserRole::Admin;
        u.disabled = true; // never signs in
        WriteTx tx(m_db);
        dir.upsertUser(u, QString(), tx.bumpHead(1));
        tx.commit();
        if (m_hub)
            m_hub->poke();
    }
    m_systemUserReady = true;
}

bool SlaSweeper::escalate(const QString &ticketId, const SlaTransition &level, qint64 now)
{
    ensureSystemUser();
    WriteTx tx(m_db);
    SlaEscalationStore store(m_db);
    if (!store.claim(ticketId, level.metric, level.cycle, level.percent, level.action, level.at, now))
        return false; // done already, here or by another instance
    // Read after the claim: another instance's action committed before it is visible now.
    const auto stored = ServerTicketStore(m_db).load(ticketId, false);
    if (!stored || stored->deleted)
        return false;
    const Ticket &t = stored->ticket;
    DirectoryStore dir(m_db);
    const auto group = t.groupId.isEmpty() ? std::nullopt : dir.group(t.groupId);
    const auto lead = group && !group->leadId.isEmpty() ? dir.userById(group->leadId) : std::nullopt;
    TicketService service(m_db, tx);
    const Principal system = systemPrincipal();
    Outcome o;
    QString outcome;
    switch (level.action) {
    case EscalationAction::NotifyLead: {
        Comment c;
        c.id = newId();
        c.ticketId = ticketId;
        c.isPublic = false;
        const QString who
            = lead ? lead->user.displayName + u" (@"_qs + lead->user.username + u')' : QString();
        c.body = u"SLA escalation: "_qs + toWire(level.metric) + u" reached "_qs + minutesText(level.percent)
            + u" % of its target at "_qs + isoUtc(level.at) + u"."_qs
            + (lead ? u" Group lead: "_qs + who + u'.' : u" The ticket's group has no lead."_qs);
        o = service.addComment(system, c, std::nullopt, true);
        outcome = lead ? u"notified "_qs + lead->user.username : u"noted; no group lead"_qs;
        if (lead && o.status == Outcome::Applied)
            AgentAlerts(m_db).escalatedToLead(t, lead->user.id, level.metric, level.percent);
        break;
    }
    case EscalationAction::RaisePriority: {
        const auto next = raised(t.priority);
        if (!next) {
            outcome = u"nothing to do: already critical"_qs;
            break;
        }
        o = service.update(
            system, ticketId, {{u"priority"_qs, toWire(t.priority), toWire(*next)}}, {}, false);
        outcome = u"priority "_qs + toWire(t.priority) + u" → "_qs + toWire(*next);
        break;
    }
    case EscalationAction::Reassign: {
        // To the group lead; when the lead has it already, to whoever is on duty now (the roster's
        // first responders, else the group's fixed on-duty agent).
        QString to;
        if (group && !group->leadId.isEmpty() && group->leadId != t.assigneeId) {
            to = group->leadId;
        } else if (group) {
            for (const QString &id : RoutingService(m_db).onDutyIds(group->id, now)) {
                if (id != t.assigneeId) {
                    to = id;
                    break;
                }
            }
        }
        if (to.isEmpty()) {
            outcome = u"nothing to do: no group lead or on-duty agent to reassign to"_qs;
            break;
        }
        const QJsonValue from = t.assigneeId.isEmpty() ? QJsonValue() : QJsonValue(t.assigneeId);
        o = service.update(system, ticketId, {{u"assignee_id"_qs, from, to}}, {}, false);
        const auto user = dir.userById(to);
        outcome = u"reassigned to "_qs + (user ? user->user.username : to);
        break;
    }
    }
    if (o.status == Outcome::Rejected) {
        outcome = u"refused: "_qs + o.problem.value(u"detail"_qs).toString();
        o.write = nullptr;
        o.changed = false;
    }
    o.applyWrites();
    store.setOutcome(ticketId, level.metric, level.cycle, level.percent, level.action, outcome.left(500));
    tx.commit();
    qCInfo(lcSla, "SLA escalation of %s: %s %s at %g %%: %s", qPrintable(ticketId),
        qPrintable(toWire(level.metric)), qPrintable(toWire(level.action)), level.percent,
        qPrintable(outcome));
    if (o.changed && m_hub)
        m_hub->poke();
    return true;
}

} // namespace triage::server
