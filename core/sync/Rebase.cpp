#include "Rebase.h"

#include "domain/ListEdits.h"
#include "domain/TicketFields.h"

#include <QJsonArray>

namespace triage {

Ticket rebase(Ticket t, const QList<OutboxEntry> &pending)
{
    for (const auto &e : pending) {
        const QJsonObject &p = e.payload;
        if (e.type == u"ticket.update") {
            const QJsonArray changes = p.value(u"changes"_qs).toArray();
            for (const auto &c : changes) {
                const QJsonObject o = c.toObject();
                Ticket next = t;
                if (!ticketfields::apply(next, o.value(u"field"_qs).toString(), o.value(u"to"_qs)))
                    t = next;
            }
            // Tags and links: the same union of intents the server applies.
            JsonReader r(p);
            ListEdits::read(r).applyTo(t);
        } else if (e.type == u"ticket.move") {
            if (const auto s = ticketStatusFromWire(p.value(u"status"_qs).toString()))
                t.status = *s;
        }
    }
    return t;
}

} // namespace triage
