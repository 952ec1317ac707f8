#include "AgentAlerts.h"

#include "api/Auth.h"
#include "api/RoutingService.h"
#include "api/TicketService.h"
#include "domain/Directory.h"
#include "domain/Ticket.h"
#include "domain/Time.h"
#include "domain/Uuid.h"
#include "sla/SlaScheduler.h"
#include "storage/AgentLinkStore.h"
#include "storage/DirectoryStore.h"
#include "storage/OutgoingStore.h"
#include "storage/ServerTicketStore.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRandomGenerator>

namespace triage::server {

namespace {

const QString kAlertPrefix = u"alert-"_qs;
const QString kAnswerPrefix = u"answer-"_qs;
const QString kTake = u"take:"_qs;
const QString kOpen = u"open:"_qs;

bool isEnglish(const User &u)
{
    return u.locale != u"ru"_qs;
}

QString priorityText(Priority p, bool en)
{
    switch (p) {
    case Priority::Critical:
        return en ? u"critical"_qs : u"критический"_qs;
    case Priority::High:
        return en ? u"high"_qs : u"высокий"_qs;
    case Priority::Normal:
        return en ? u"normal"_qs : u"обычный"_qs;
    case Priority::Low:
        return en ? u"low"_qs : u"низкий"_qs;
    }
    return {};
}

QString statusText(TicketStatus s, bool en)
{
    switch (s) {
    case TicketStatus::New:
        return en ? u"new"_qs : u"новая"_qs;
    case TicketStatus::InProgress:
        return en ? u"in progress"_qs : u"в работе"_qs;
    case TicketStatus::Waiting:
        return en ? u"waiting"_qs : u"ожидает"_qs;
    case TicketStatus::Resolved:
        return en ? u"resolved"_qs : u"решена"_qs;
    case TicketStatus::Closed:
        return en ? u"closed"_qs : u"закрыта"_qs;
    }
    return {};
}

QString metricText(SlaMetric m, bool en)
{
    switch (m) {
    case SlaMetric::FirstResponse:
        return en ? u"first response"_qs : u"первый ответ"_qs;
    case SlaMetric::NextResponse:
        return en ? u"next response"_qs : u"следующий ответ"_qs;
    case SlaMetric::Resolution:
        return en ? u"resolution"_qs : u"решение"_qs;
    }
    return {};
}

bool isOpen(const Ticket &t)
{
    return t.status != TicketStatus::Resolved && t.status != TicketStatus::Closed;
}

QString buttons(const QString &ticketId, bool offerTake, bool en)
{
    QJsonArray row;
    if (offerTake)
        row.append(QJsonObject {
            {u"text"_qs, en ? u"Take"_qs : u"Взять"_qs}, {u"callback_data"_qs, QString(kTake + ticketId)}});
    row.append(QJsonObject {
        {u"text"_qs, en ? u"Open"_qs : u"Открыть"_qs}, {u"callback_data"_qs, QString(kOpen + ticketId)}});
    const QJsonObject markup {{u"inline_keyboard"_qs, QJsonArray {row}}};
    return QString::fromUtf8(QJsonDocument(markup).toJson(QJsonDocument::Compact));
}

// Who a staff member is for an alert: linked, active, able to work tickets.
struct Recipient {
    User user;
    AgentLink link;
    AlertPrefs prefs;
};

std::optional<Recipient> recipient(ServerDatabase &db, const QString &userId)
{
    if (userId.isEmpty())
        return std::nullopt;
    AgentLinkStore links(db);
    auto link = links.linkOf(userId);
    if (!link)
        return std::nullopt;
    const auto stored = DirectoryStore(db).userById(userId);
    if (!stored || stored->user.disabled || !stored->user.canWork())
        return std::nullopt;
    return Recipient {stored->user, *link, links.prefs(userId)};
}

} // namespace

QString AgentAlerts::newCode()
{
    static const char kAlphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    QString code;
    for (int i = 0; i < 20; ++i)
        code += QLatin1Char(kAlphabet[QRandomGenerator::system()->bounded(int(sizeof kAlphabet) - 1)]);
    return code;
}

OutgoingRecord AgentAlerts::callbackAnswer(
    const QString &channelId, const QString &callbackId, const QString &text)
{
    OutgoingRecord m;
    m.id = newId();
    m.channelId = channelId;
    m.recipient = callbackId;
    m.body = text;
    m.messageId = kAnswerPrefix + m.id;
    m.automatic = true;
    m.createdAt = m.nextAttemptAt = nowMs();
    return m;
}

bool AgentAlerts::isCallbackAnswer(const OutgoingRecord &m)
{
    return m.messageId.startsWith(kAnswerPrefix);
}

bool AgentAlerts::isAlert(const OutgoingRecord &m)
{
    return m.messageId.startsWith(kAlertPrefix);
}

QString AgentAlerts::clockText(qint64 at, bool english, qint64 now)
{
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(at).toLocalTime();
    const QLocale locale(english ? QLocale::English : QLocale::Russian);
    if (when.date() == QDateTime::fromMSecsSinceEpoch(now).toLocalTime().date())
        return when.toString(u"HH:mm"_qs);
    return locale.toString(when, english ? u"MMM d HH:mm"_qs : u"dd.MM HH:mm"_qs);
}

QString AgentAlerts::summary(const Ticket &t, bool en)
{
    DirectoryStore dir(m_db);
    QStringList lines;
    lines << u"#%1 %2"_qs.arg(t.number.value_or(0)).arg(t.title);
    lines << (en ? u"Priority: %1 · Status: %2"_qs : u"Приоритет: %1 · Статус: %2"_qs)
                 .arg(priorityText(t.priority, en), statusText(t.status, en));
    QStringList who;
    if (const auto g = t.groupId.isEmpty() ? std::nullopt : dir.group(t.groupId))
        who << (en ? u"Group: "_qs : u"Группа: "_qs) + g->name;
    if (const auto r = t.requesterId.isEmpty() ? std::nullopt : dir.userById(t.requesterId))
        who << (en ? u"Requester: "_qs : u"Заявитель: "_qs) + r->user.displayName;
    if (!who.isEmpty())
        lines << who.join(u" · "_qs);
    const auto a = t.assigneeId.isEmpty() ? std::nullopt : dir.userById(t.assigneeId);
    lines << (en ? u"Assignee: "_qs : u"Исполнитель: "_qs) + (a ? a->user.displayName : u"—"_qs);
    return lines.join(u'\n');
}

std::optional<OutgoingRecord> AgentAlerts::alertFor(
    const QString &userId, const Ticket &t, const QString &text, bool offerTake)
{
    const auto r = recipient(m_db, userId);
    if (!r)
        return std::nullopt;
    OutgoingRecord m;
    m.id = newId();
    m.channelId = r->link.channelId;
    m.ticketId = t.id;
    m.recipient = r->link.chatId;
    m.recipientName = r->user.displayName;
    m.body = text;
    m.messageId = kAlertPrefix + m.id;
    m.automatic = true;
    m.markup = buttons(t.id, offerTake, isEnglish(r->user));
    m.createdAt = m.nextAttemptAt = nowMs();
    return m;
}

void AgentAlerts::alert(const QString &userId, const Ticket &t, const QString &text, bool offerTake)
{
    if (const auto m = alertFor(userId, t, text, offerTake))
        OutgoingStore(m_db).enqueue(*m);
}

QList<OutgoingRecord> AgentAlerts::forTicketChange(
    const Ticket *before, const Ticket &after, const QString &actorId)
{
    QList<OutgoingRecord> out;
    const bool assigned = !after.assigneeId.isEmpty() && after.assigneeId != actorId
        && (!before || before->assigneeId != after.assigneeId);
    const bool critical = after.priority == Priority::Critical && isOpen(after) && !after.groupId.isEmpty()
        && (!before || before->priority != Priority::Critical);
    if (!assigned && !critical)
        return out;
    AgentLinkStore links(m_db);
    if (!links.any())
        return out;
    if (assigned) {
        if (const auto r = recipient(m_db, after.assigneeId); r && r->prefs.assigned) {
            const bool en = isEnglish(r->user);
            if (auto m = alertFor(r->user.id, after,
                    (en ? u"👤 Assigned to you\n"_qs : u"👤 Вам назначена заявка\n"_qs) + summary(after, en),
                    false))
                out << *m;
        }
    }
    if (!critical)
        return out;
    const auto group = DirectoryStore(m_db).group(after.groupId);
    for (const AgentLink &l : links.all()) {
        if (l.userId == actorId || (assigned && l.userId == after.assigneeId))
            continue;
        const auto r = recipient(m_db, l.userId);
        if (!r || !r->prefs.critical)
            continue;
        if (!r->user.groupIds.contains(after.groupId) && !(group && group->leadId == r->user.id))
            continue;
        const bool en = isEnglish(r->user);
        if (auto m = alertFor(r->user.id, after,
                (en ? u"🔴 Critical ticket\n"_qs : u"🔴 Критическая заявка\n"_qs) + summary(after, en),
                after.assigneeId != r->user.id))
            out << *m;
    }
    return out;
}

void AgentAlerts::slaReached(const QString &ticketId, const SlaTransition &tr, std::optional<qint64> due)
{
    if (tr.kind == SlaMark::Kind::Escalation || !AgentLinkStore(m_db).any())
        return;
    WriteTx tx(m_db);
    const auto stored = ServerTicketStore(m_db).load(ticketId, false);
    if (!stored || stored->deleted || !isOpen(stored->ticket))
        return;
    const Ticket &t = stored->ticket;
    QStringList to;
    if (!t.assigneeId.isEmpty()) {
        to << t.assigneeId;
    } else if (const auto g = t.groupId.isEmpty() ? std::nullopt : DirectoryStore(m_db).group(t.groupId)) {
        // Whoever is on duty now (the roster, else the group's fixed on-duty agent), then the lead.
        to << RoutingService(m_db).onDutyIds(t.groupId, nowMs()) << g->leadId;
    }
    QList<Recipient> recipients;
    for (const QString &id : std::as_const(to)) {
        const auto r = recipient(m_db, id);
        if (r && r->prefs.sla
            && std::none_of(
                recipients.cbegin(), recipients.cend(), [&](const Recipient &x) { return x.user.id == id; }))
            recipients << *r;
    }
    if (recipients.isEmpty())
        return;
    const QString key = u"sla:%1:%2:%3:%4:%5"_qs.arg(toWire(tr.metric))
                            .arg(tr.cycle)
                            .arg(tr.kind == SlaMark::Kind::Breach ? u"breach"_qs : u"warning"_qs)
                            .arg(tr.percent)
                            .arg(tr.beforeMinutes);
    if (!AgentLinkStore(m_db).claim(ticketId, key, nowMs()))
        return; // alerted already, here or by another instance
    const qint64 now = nowMs();
    for (const Recipient &r : std::as_const(recipients)) {
        const bool en = isEnglish(r.user);
        const QString when = due ? clockText(*due, en, now) : QString();
        QString head;
        if (tr.kind == SlaMark::Kind::Breach) {
            head = en ? u"⛔ SLA breached: %1 was due at %2"_qs.arg(metricText(tr.metric, en), when)
                      : u"⛔ SLA нарушен: %1 — срок был %2"_qs.arg(metricText(tr.metric, en), when);
        } else {
            head = en ? u"⏳ SLA warning: %1 due at %2"_qs.arg(metricText(tr.metric, en), when)
                      : u"⏳ SLA: %1 — срок %2"_qs.arg(metricText(tr.metric, en), when);
            if (tr.percent > 0)
                head += en ? u" (%1 % of the time used)"_qs.arg(tr.percent)
                           : u" (прошло %1 % времени)"_qs.arg(tr.percent);
        }
        alert(r.user.id, t, head + u'\n' + summary(t, en), t.assigneeId != r.user.id);
    }
    tx.commit();
}

void AgentAlerts::escalatedToLead(const Ticket &t, const QString &leadId, SlaMetric metric, double percent)
{
    const auto r = recipient(m_db, leadId);
    if (!r || !r->prefs.escalations)
        return;
    const bool en = isEnglish(r->user);
    const QString head = en
        ? u"📣 Escalation to you as the group lead: %1 reached %2 % of its target\n"_qs
              .arg(metricText(metric, en))
              .arg(percent)
        : u"📣 Эскалация вам как руководителю группы: %1 — %2 % срока\n"_qs.arg(metricText(metric, en))
              .arg(percent);
    alert(leadId, t, head + summary(t, en), t.assigneeId != leadId);
}

std::optional<OutgoingRecord> AgentAlerts::unroutedToLead(
    const Ticket &t, const QString &leadId, const QString &why)
{
    const auto r = recipient(m_db, leadId);
    if (!r || !r->prefs.escalations)
        return std::nullopt;
    const bool en = isEnglish(r->user);
    // The reason is the router's English line (RoutingDecision::explain), as in the ticket's history.
    const QString head = en
        ? u"⚠️ Nobody could be assigned automatically — %1\n"_qs.arg(why)
        : u"⚠️ Заявку не удалось назначить автоматически — %1\n"_qs
              .arg(why);
    return alertFor(leadId, t, head + summary(t, en), true);
}

void AgentAlerts::chatBlocked(const OutgoingRecord &m)
{
    WriteTx tx(m_db);
    AgentLinkStore links(m_db);
    for (const AgentLink &l : links.all()) {
        if (l.channelId == m.channelId && l.chatId == m.recipient)
            links.unlink(l.userId);
    }
    tx.commit();
}

std::optional<QString> AgentAlerts::redeem(const QString &channelId, const QString &chatId,
    const QString &telegramUserId, const QString &telegramUsername, const QString &code)
{
    if (code.size() != 20)
        return std::nullopt;
    AgentLinkStore links(m_db);
    const QString userId = links.redeem(code, nowMs());
    if (userId.isEmpty()) {
        return u"This link code is unknown or has expired: create a new one in Triage (Settings → "
               "Notifications).\nКод привязки неизвестен или устарел: создайте новый в Triage (Настройки → "
               "Уведомления)."_qs;
    }
    const auto stored = DirectoryStore(m_db).userById(userId);
    if (!stored || stored->user.disabled || !stored->user.isStaff())
        return u"This account cannot receive alerts. / Эта учётная запись не может получать уведомления."_qs;
    AgentLink l;
    l.userId = userId;
    l.channelId = channelId;
    l.chatId = chatId;
    l.telegramUserId = telegramUserId;
    l.telegramUsername = telegramUsername;
    l.linkedAt = nowMs();
    links.link(l);
    const bool en = isEnglish(stored->user);
    return en
        ? u"Linked to Triage as %1. You will receive the alerts chosen in Settings → Notifications."_qs.arg(
            stored->user.displayName)
        : u"Telegram привязан к Triage: %1. Уведомления настраиваются в Настройки → Уведомления."_qs.arg(
            stored->user.displayName);
}

AgentAlerts::ButtonResult AgentAlerts::button(
    WriteTx &tx, const QString &channelId, const QString &telegramUserId, const QString &data)
{
    ButtonResult out;
    const bool take = data.startsWith(kTake);
    if (!take && !data.startsWith(kOpen))
        return out;
    out.handled = true;
    const QString ticketId = data.mid(take ? kTake.size() : kOpen.size());
    const QString userId = AgentLinkStore(m_db).userForTelegram(channelId, telegramUserId);
    const auto who = userId.isEmpty() ? std::nullopt : principalOf(m_db, userId);
    if (!who || !who->isStaff()) {
        out.toast
            = u"This Telegram account is not linked to Triage. / Этот Telegram не привязан к Triage."_qs;
        return out;
    }
    const auto user = DirectoryStore(m_db).userById(userId);
    const bool en = !user || isEnglish(user->user);
    const auto stored = ServerTicketStore(m_db).load(ticketId, false);
    if (!stored || stored->deleted
        || !who->canSeeTicket(stored->ticket.groupId, stored->ticket.requesterId)) {
        out.toast = en ? u"This ticket no longer exists or is not visible to you."_qs
                       : u"Заявка удалена или вам не видна."_qs;
        return out;
    }
    const Ticket &t = stored->ticket;
    if (!take) {
        QString text = summary(t, en);
        if (!t.description.trimmed().isEmpty())
            text += u"\n\n"_qs + t.description.left(1500);
        alert(userId, t, text, t.assigneeId != userId && isOpen(t));
        out.toast = u"#%1"_qs.arg(t.number.value_or(0));
        return out;
    }
    if (t.assigneeId == userId) {
        out.toast = en ? u"#%1 is already yours."_qs.arg(t.number.value_or(0))
                       : u"#%1 уже ваша."_qs.arg(t.number.value_or(0));
        return out;
    }
    if (!t.assigneeId.isEmpty()) {
        const auto other = DirectoryStore(m_db).userById(t.assigneeId);
        const QString name = other ? other->user.displayName : t.assigneeId;
        out.toast = en ? u"#%1 was already taken by %2."_qs.arg(t.number.value_or(0)).arg(name)
                       : u"#%1 уже взял(а) %2."_qs.arg(t.number.value_or(0)).arg(name);
        return out;
    }
    TicketService service(m_db, tx);
    Outcome o = service.update(*who, ticketId, {{u"assignee_id"_qs, QJsonValue(), userId}}, {}, true);
    if (o.status != Outcome::Applied) {
        const QString why = o.status == Outcome::Conflict
            ? (en ? u"someone took it a moment ago"_qs : u"её только что взял кто-то другой"_qs)
            : o.problem.value(u"detail"_qs).toString();
        out.toast = (en ? u"Not taken: %1"_qs : u"Не удалось взять: %1"_qs).arg(why);
        return out;
    }
    o.applyWrites();
    out.changed = true;
    out.toast = en ? u"#%1 is yours now."_qs.arg(t.number.value_or(0))
                   : u"#%1 теперь ваша."_qs.arg(t.number.value_or(0));
    return out;
}

} // namespace triage::server
