#pragma once

#include "storage/OutgoingStore.h"

#include <optional>

namespace triage {
struct Ticket;
}

namespace triage::server {

class ServerDatabase;
class WriteTx;

// The requester's side of the satisfaction survey in Telegram (docs/channels.md "CSAT"): when a
// ticket that came by Telegram is resolved, the bot asks for a rating with buttons 1–5
// (CsatButtons); a tap stores it as the ticket's csat_rating, set by the requester through
// TicketService — so REST, the change feed and the history (who, when) show it like a rating given
// anywhere else, and the automation rules (issue 18) can react to it. A second tap changes the
// rating. Taps on another person's ticket, or on one that is closed or open again, are refused
// with a polite answer and change nothing.
class TelegramCsat
{
public:
    explicit TelegramCsat(ServerDatabase &db)
        : m_db(db)
    { }

    // The survey message, queued in the transaction that resolves `ticket`; nullopt when the
    // ticket has no Telegram route (it did not come by Telegram, or the bot is gone).
    std::optional<OutgoingRecord> promptFor(const Ticket &ticket);

    struct Answer {
        QString text; // for answerCallbackQuery: a thank-you or why nothing changed
        QString ticketId; // the rated ticket, when the rating was stored
        int rating = 0;
    };
    // A tap on a "csat:" button by Telegram user `telegramUserId`; `argument` is the callback data
    // after "csat:". Runs in the caller's transaction.
    Answer rate(WriteTx &tx, const QString &telegramUserId, const QString &argument, const QString &language);

private:
    ServerDatabase &m_db;
};

} // namespace triage::server
