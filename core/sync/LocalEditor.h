#pragma once

#include "domain/Attachment.h"
#include "domain/Comment.h"
#include "domain/ListEdits.h"
#include "domain/Refusal.h"
#include "domain/Ticket.h"
#include "domain/TicketFields.h"
#include "domain/TicketFilter.h"

#include <QJsonValue>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace triage {

class MetaStore;
class ReferenceData;
class TicketRepository;

// Every change an agent makes goes through here: it validates the change against the workflow
// rules, writes the new local state and the outbox mutation (sync protocol v1 intents, see
// docs/sync-protocol.md) in one durable transaction, and returns at once — online or offline.
// The sync engine later pushes the outbox. Widgets never write tickets or saved views any other way.
class LocalEditor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalEditor)

public:
    // `views`: where saved views live (the cache's ReferenceData).
    LocalEditor(TicketRepository *store, ReferenceData *views, QString userId, QObject *parent = nullptr);
    ~LocalEditor() override;

    const QString &userId() const { return m_userId; }
    void setUserId(const QString &id) { m_userId = id; } // known once signed in
    // The last refusal or failure: its code and arguments (the UI translates them with
    // Texts::refusal) and the same in English (logs, triagectl).
    const Refusal &lastRefusal() const { return m_lastRefusal; }
    const QString &lastError() const { return m_lastError; }

    // New ticket (phone intake, offline too): client UUID, number assigned on sync.
    std::optional<Ticket> createTicket(Ticket draft);

    // Field edits as intents {field, from, to} (the wire names of TicketField). Values are wire
    // values (strings, null for "none", integers for csat_rating).
    bool updateFields(const QString &ticketId, const TicketFieldValues &newValues);
    bool updateField(const QString &ticketId, TicketField field, const QJsonValue &value);
    // The same from outside input keyed by wire name (triagectl arguments, a stored mutation's
    // changes): a name that is not an editable field is refused.
    bool updateWireFields(const QString &ticketId, const QJsonObject &newValues);
    bool changeTags(const QString &ticketId, const QStringList &add, const QStringList &remove);
    // Links to other tickets (`relates_to`, `duplicate_of`, `problem_of`, …); the target must be in the
    // cache. Tags and links are intents merged as a union on the server, never a conflict.
    bool changeLinks(const QString &ticketId, const QList<TicketLink> &add, const QList<TicketLink> &remove);
    bool changeLists(const QString &ticketId, const ListEdits &edits);
    bool assignToMe(const QString &ticketId);
    // Kanban move: a status change plus a position between two neighbours (either may be empty).
    bool move(const QString &ticketId, TicketStatus to, const QString &afterId, const QString &beforeId);
    // Public reply or internal note. `files`: copies staged in the profile (AttachmentFiles::stage);
    // each gets an attachment.upload entry ahead of the comment, which names them (attachment_ids),
    // so they upload before the comment is sent — offline too.
    std::optional<Comment> addComment(
        const QString &ticketId, const QString &body, bool isPublic, QList<Attachment> files = {});
    // Sends an existing local comment again (a held reply the agent confirmed or turned into a note).
    // `attachmentIds`: the files the held comment named (uploaded already).
    bool resendComment(const Comment &comment, bool confirm, const QStringList &attachmentIds = {});

    // Saved views (view.put / view.delete): stored at once, sent with the outbox. Who may share a
    // view or change another's is the server's rule (it refuses; SyncEngine restores its copy).
    bool saveView(const SavedView &view);
    // A view not in the cache is already gone: nothing to send.
    bool deleteView(const QString &viewId);
    // Views an older version queued outside the outbox (meta "pending_views", "view_base:<id>")
    // go into it once, in the transaction that clears that queue. Run when a profile opens.
    bool adoptLegacyViewQueue(const MetaStore &meta);

Q_SIGNALS:
    void refused(const QString &ticketId, const triage::Refusal &why);

private:
    bool refuse(const QString &ticketId, Refusal why);
    bool refuseStorage(const QString &ticketId); // the store's last error as a refusal

    std::optional<QJsonObject> cachedView(const QString &id) const;

    TicketRepository *m_store;
    ReferenceData *m_views;
    QString m_userId;
    Refusal m_lastRefusal;
    QString m_lastError;
};

} // namespace triage
