#pragma once

#include "Ticket.h"
#include "Validation.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace triage {

// The set-valued edits of a ticket: `tags_add`/`tags_remove` and `links_add`/`links_remove` on the
// `ticket.update` mutation and on PATCH /tickets/{id}. They are intents merged as a union — add
// what is missing, remove what is present — so concurrent edits by several agents all survive and
// never conflict (docs/sync-protocol.md "Merge rules"). One implementation for the server, the
// console's local edits and the re-application of pending changes over pulled state.
struct ListEdits {
    QStringList tagsAdd, tagsRemove;
    QList<TicketLink> linksAdd, linksRemove;

    bool isEmpty() const
    {
        return tagsAdd.isEmpty() && tagsRemove.isEmpty() && linksAdd.isEmpty() && linksRemove.isEmpty();
    }
    bool operator==(const ListEdits &) const = default;

    // Reads the four optional keys (errors go to `r`, e.g. "links_add[0].kind").
    static ListEdits read(JsonReader &r);
    // The non-empty lists as payload members.
    void writeTo(QJsonObject &payload) const;
    // Applies the edits to `t` (tags normalised) and returns those that changed something.
    ListEdits applyTo(Ticket &t) const;
};

QJsonObject linkToJson(const TicketLink &link);
// One `{kind, ticket_id}` object; `kind` defaults to relates_to. Errors go to `r` under `path`.
std::optional<TicketLink> readLink(JsonReader &r, const QJsonValue &value, const QString &path);

} // namespace triage
