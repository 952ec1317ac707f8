#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace triage {
struct Ticket;
}

namespace triage::server {

class ServerDatabase;

// The words every channel confirms a new request with (the confirmation mail and the Telegram
// bot's answer say the same): "Request #4567 accepted, expected resolution by 14:30" /
// «Заявка #4567 принята, ожидаемое решение до 14:30». The time is the ticket's SLA resolution
// target, shown in the time zone of the business calendar its SLA counts in (the group's calendar;
// else the first stored one; else UTC), with the date when it is not today there.
class RequestConfirmation
{
public:
    // When the new ticket's resolution is due by its SLA; nullopt when its policy sets no
    // resolution target. Evaluated from the ticket itself, so it works inside the transaction that
    // creates it (its history rows are written at commit).
    static std::optional<QDateTime> expectedResolution(ServerDatabase &db, const Ticket &ticket, qint64 now);
    // "Request #N accepted[, expected resolution by …]" in `language` (ru, else English).
    static QString acceptedLine(
        qint64 number, const std::optional<QDateTime> &due, const QString &language, qint64 now);
    // "14:30", "9 December, 14:30" (another day), "9 December 2027, 14:30" (another year).
    static QString dueText(const QDateTime &due, const QString &language, qint64 now);
};

} // namespace triage::server
