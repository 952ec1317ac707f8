#include "RequestConfirmation.h"

#include "api/TicketSla.h"
#include "domain/Ticket.h"
#include "sla/SlaHistory.h"

#include <QLocale>

namespace triage::server {

std::optional<QDateTime> RequestConfirmation::expectedResolution(
    ServerDatabase &db, const Ticket &ticket, qint64 now)
{
    TicketSla sla(db);
    const std::vector<SlaEvent> events = slaEventsFromHistory(ticket, {}, SlaLogCoverage::Complete);
    const BusinessCalendar &calendar = sla.calendarFor(ticket.groupId);
    const SlaPolicy &policy = sla.policyFor(ticket, events, now);
    for (const SlaTimer &timer : SlaEngine::evaluate(calendar, policy, events, now)) {
        if (timer.metric == SlaMetric::Resolution && timer.due)
            return QDateTime::fromMSecsSinceEpoch(*timer.due, calendar.timeZone());
    }
    return std::nullopt;
}

QString RequestConfirmation::dueText(const QDateTime &due, const QString &language, qint64 now)
{
    const bool ru = language == u"ru"_qs;
    const QLocale locale(
        ru ? QLocale::Russian : QLocale::English, ru ? QLocale::Russia : QLocale::UnitedKingdom);
    const QDateTime today = QDateTime::fromMSecsSinceEpoch(now, due.timeZone());
    const QString time = due.toString(u"HH:mm"_qs);
    if (due.date() == today.date())
        return time;
    // "d MMMM": the genitive month in Russian («9 декабря»).
    const QString day = locale.toString(
        due.date(), due.date().year() == today.date().year() ? u"d MMMM"_qs : u"d MMMM yyyy"_qs);
    return day + u", "_qs + time;
}

QString RequestConfirmation::acceptedLine(
    qint64 number, const std::optional<QDateTime> &due, const QString &language, qint64 now)
{
    const bool ru = language == u"ru"_qs;
    QString line = ru ? u"Заявка #%1 принята"_qs.arg(number) : u"Request #%1 accepted"_qs.arg(number);
    if (due) {
        const QString when = dueText(*due, language, now);
        line += ru ? u", ожидаемое решение до "_qs + when : u", expected resolution by "_qs + when;
    }
    return line;
}

} // namespace triage::server
