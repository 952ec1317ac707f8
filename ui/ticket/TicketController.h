#pragma once

#include "domain/Ticket.h"
#include "domain/TicketFields.h"
#include "sla/TicketSlaState.h"

#include <QJsonValue>
#include <QObject>
#include <QTimer>

#include <optional>

namespace triage {

class ComposerAttachments;
class ConversationModel;
class LinkedTicketsModel;
class LocalChangesModel;
class Session;
class SlaTimelineModel;
class TicketHistoryModel;

// One open ticket: its current state from the cache, field edits and replies through
// LocalEditor, drafts in the cache, and what happens when the ticket changes or disappears
// underneath (incoming sync) while it is open.
class TicketController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TicketController)

public:
    TicketController(Session *session, QString ticketId, QObject *parent = nullptr);
    ~TicketController() override;

    const QString &ticketId() const { return m_id; }
    const std::optional<Ticket> &ticket() const { return m_ticket; }
    bool isDeleted() const { return m_deleted; }
    bool isPending() const;
    ConversationModel *conversation() const { return m_conversation; }
    LinkedTicketsModel *links() const { return m_links; }
    // Rebuilds the translated texts of the links and local changes (language switch).
    void retranslate();
    // Each local change of this ticket the server has not confirmed (or refused), with its state.
    LocalChangesModel *localChanges() const { return m_changes; }
    Session *session() const { return m_session; }
    // The change history: the synced event log, then the local changes waiting to sync.
    TicketHistoryModel *history() const { return m_history; }
    // The SLA timers with their started/paused/warning/due/met-or-breached instants; re-evaluated
    // when the ticket, its log or the outbox changes, and every 30 s for the projected instants.
    SlaTimelineModel *slaTimeline() const { return m_timeline; }
    void refreshTimeline();

    // A viewer account: every edit is refused here, before the outbox (the server would refuse it).
    bool isReadOnly() const;
    // A field and its wire value (see LocalEditor::updateFields). False and a reason when refused.
    bool setField(TicketField field, const QJsonValue &value);
    // Sends the composer's files with it (composerFiles()); they upload before the comment.
    bool send(const QString &body, bool isPublic);
    // The files attached to the reply being written.
    ComposerAttachments *composerFiles() const { return m_composerFiles; }
    // Links to other tickets; `reference` is "#NUMBER", "NUMBER" or a ticket id from the cache. Works
    // offline (LocalEditor::changeLinks); false and a reason when refused.
    bool addLink(LinkKind kind, const QString &reference);
    bool removeLink(int row);

    // Drafts: "reply" and "note", kept in the cache until sent.
    QString draft(bool isPublic) const;
    void saveDraft(bool isPublic, const QString &body);

    const QString &lastError() const { return m_lastError; }

Q_SIGNALS:
    void ticketChanged();
    void deleted();
    void refused(const QString &reason);
    void accessChanged(bool readOnly);

private:
    bool refuseReadOnly(); // true (and refused()) for a viewer account
    void reload();
    void reloadComments();
    void reloadSyncState();
    void reloadHistory();
    void reloadLinks(); // this ticket's links and those other tickets hold to it
    QString describe(const QString &type, const QJsonObject &payload) const;
    QString describeValue(const QString &field, const QJsonValue &value) const;

    Session *m_session;
    QString m_id;
    std::optional<Ticket> m_ticket;
    bool m_deleted = false;
    ConversationModel *m_conversation;
    LinkedTicketsModel *m_links;
    LocalChangesModel *m_changes;
    TicketHistoryModel *m_history;
    SlaTimelineModel *m_timeline;
    ComposerAttachments *m_composerFiles;
    QList<TicketEvent> m_log; // as last read from the cache
    PendingSla m_pendingSla; // this ticket's public replies in the outbox
    QTimer m_clock;
    QString m_lastError;
};

} // namespace triage
