#include "Texts.h"

#include "domain/Refusal.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

#include <cstdlib>

namespace triage {

QString Texts::status(TicketStatus s)
{
    switch (s) {
    case TicketStatus::New:
        return tr("New");
    case TicketStatus::InProgress:
        return tr("In progress");
    case TicketStatus::Waiting:
        return tr("Waiting");
    case TicketStatus::Resolved:
        return tr("Resolved");
    case TicketStatus::Closed:
        return tr("Closed");
    }
    return {};
}

QString Texts::priority(Priority p)
{
    switch (p) {
    case Priority::Critical:
        return tr("Critical");
    case Priority::High:
        return tr("High");
    case Priority::Normal:
        return tr("Normal");
    case Priority::Low:
        return tr("Low");
    }
    return {};
}

QString Texts::type(TicketType t)
{
    switch (t) {
    case TicketType::Incident:
        return tr("Incident");
    case TicketType::Request:
        return tr("Request");
    case TicketType::Problem:
        return tr("Problem");
    case TicketType::Question:
        return tr("Question");
    }
    return {};
}

QString Texts::level(Level l)
{
    switch (l) {
    case Level::High:
        return tr("High");
    case Level::Medium:
        return tr("Medium");
    case Level::Low:
        return tr("Low");
    }
    return {};
}

QString Texts::channel(Channel c)
{
    switch (c) {
    case Channel::Email:
        return tr("Email");
    case Channel::Telegram:
        return tr("Telegram");
    case Channel::Web:
        return tr("Web");
    case Channel::Phone:
        return tr("Phone");
    case Channel::Api:
        return tr("API");
    }
    return {};
}

QString Texts::refusal(const Refusal &r)
{
    const auto status = [&r](qsizetype i) {
        const auto s = ticketStatusFromWire(r.args.value(i));
        return s ? Texts::status(*s) : r.args.value(i);
    };
    switch (r.code) {
    case RefusalCode::ClosedStatusFrozen:
        return tr("A closed ticket cannot change status; open a follow-up ticket instead.");
    case RefusalCode::ResolveBeforeClosing:
        return tr("Resolve the ticket before closing it.");
    case RefusalCode::ResolvedReopenOrClose:
        return tr("A resolved ticket can only be reopened (to In progress) or closed.");
    case RefusalCode::TransitionNotAllowed:
        return tr("A ticket cannot move from %1 to %2.").arg(status(0), status(1));
    case RefusalCode::ClosedReadOnly:
        return tr("A closed ticket is read-only.");
    case RefusalCode::AssignBeforeResolving:
        return tr("Assign the ticket before resolving it.");
    case RefusalCode::SelfLink:
        return tr("A ticket cannot be linked to itself.");
    case RefusalCode::LinkTargetNotCached:
        return tr("The linked ticket is not on this computer yet; sync first.");
    case RefusalCode::TicketGone:
        return tr("The ticket no longer exists.");
    case RefusalCode::DiskFull:
        return tr("The disk is full, so nothing was saved. Free some space on this computer and try again.");
    case RefusalCode::InvalidFields:
    case RefusalCode::StorageFailed:
        break; // their argument is the validator's or the database's own sentence
    }
    return r.english();
}

std::optional<QString> Texts::refusalFromProblem(const QJsonObject &problem)
{
    const auto code = Refusal::codeFromWire(problem.value(u"code"_qs).toString());
    if (!code)
        return std::nullopt;
    Refusal r {*code, {}};
    for (const QJsonValue &a : problem.value(u"args"_qs).toArray())
        r.args.append(a.toString());
    return refusal(r);
}

QString Texts::builtInName(const QString &name)
{
    if (name == u"New"_qs)
        return status(TicketStatus::New);
    if (name == u"In progress"_qs)
        return status(TicketStatus::InProgress);
    if (name == u"Waiting"_qs)
        return tr("Waiting");
    if (name == u"Resolved"_qs)
        return status(TicketStatus::Resolved);
    if (name == u"Closed"_qs)
        return status(TicketStatus::Closed);
    if (name == u"My open"_qs)
        return tr("My open");
    if (name == u"Unassigned"_qs)
        return tr("Unassigned");
    if (name == u"Breaching within 1 h"_qs)
        return tr("Breaching within 1 h");
    if (name == u"All"_qs)
        return tr("All");
    if (name == u"Support"_qs)
        return tr("Support");
    return name;
}

QString Texts::duration(qint64 ms)
{
    const bool negative = ms < 0;
    const qint64 minutes = std::llabs(ms) / 60000;
    QString out;
    if (minutes < 60)
        out = tr("%1 min").arg(minutes);
    else if (minutes < 24 * 60)
        out = minutes % 60 ? tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60)
                           : tr("%1 h").arg(minutes / 60);
    else
        out = (minutes / 60) % 24 ? tr("%1 d %2 h").arg(minutes / 1440).arg((minutes / 60) % 24)
                                  : tr("%1 d").arg(minutes / 1440);
    return negative ? QString(QChar(0x2212) + out) : out;
}

QString Texts::relativeTime(qint64 atMs, qint64 nowMs)
{
    const qint64 ago = nowMs - atMs;
    if (ago < 60000)
        return tr("just now");
    if (ago < 3600000)
        return tr("%1 min ago").arg(ago / 60000);
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(atMs);
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowMs);
    const QLocale locale;
    if (at.date() == now.date())
        return locale.toString(at.time(), QLocale::ShortFormat);
    if (at.date().addDays(1) == now.date())
        return tr("yesterday %1").arg(locale.toString(at.time(), QLocale::ShortFormat));
    if (at.date().year() == now.date().year())
        return locale.toString(at.date(), u"d MMM"_qs);
    return locale.toString(at.date(), QLocale::ShortFormat);
}

} // namespace triage

namespace triage {

QString Texts::linkKind(LinkKind k)
{
    switch (k) {
    case LinkKind::ProblemOf:
        return tr("Problem of");
    case LinkKind::DuplicateOf:
        return tr("Duplicate of");
    case LinkKind::ParentOf:
        return tr("Parent of");
    case LinkKind::ChildOf:
        return tr("Child of");
    case LinkKind::RelatesTo:
        return tr("Related to");
    }
    return {};
}

QString Texts::incomingLinkKind(LinkKind k)
{
    switch (k) {
    case LinkKind::ProblemOf:
        return tr("Problem ticket");
    case LinkKind::DuplicateOf:
        return tr("Duplicated by");
    case LinkKind::ParentOf:
        return tr("Child of");
    case LinkKind::ChildOf:
        return tr("Parent of");
    case LinkKind::RelatesTo:
        return tr("Related to");
    }
    return {};
}

QString Texts::field(const QString &wire)
{
    if (wire == u"status"_qs)
        return tr("Status");
    if (wire == u"priority"_qs)
        return tr("Priority");
    if (wire == u"type"_qs)
        return tr("Type");
    if (wire == u"assignee_id"_qs)
        return tr("Assignee");
    if (wire == u"group_id"_qs)
        return tr("Group");
    if (wire == u"title"_qs)
        return tr("Title");
    if (wire == u"description"_qs)
        return tr("Description");
    if (wire == u"impact"_qs)
        return tr("Impact");
    if (wire == u"urgency"_qs)
        return tr("Urgency");
    if (wire == u"csat_rating"_qs)
        return tr("Satisfaction rating");
    if (wire == u"csat_comment"_qs)
        return tr("Satisfaction comment");
    return wire;
}

} // namespace triage
