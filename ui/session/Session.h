#pragma once

#include "domain/Board.h"
#include "domain/TicketFilter.h"
#include "session/DirectoryIndex.h"
#include "sla/KeyPhraseRules.h"
#include "sla/PriorityMatrix.h"
#include "store/CacheDatabase.h"

#include <QObject>
#include <QSettings>

#include <memory>

namespace triage {

class LocalEditor;
class ServerConnection;
class SyncStatusSource;
class TicketCache;
class LocalCache;

struct SessionOptions {
    QString profileDir; // holds cache.sqlite and settings.ini
    QString serverUrl;
    QString userName; // username of the signed-in agent
    qint64 demoCache = 0; // fill an empty cache with this many demo tickets
    qint64 demoNow = 0; // end of the demo timeline (0 = now)
    int demoCommentsPerTicket = 3;
};

// One signed-in profile: the cache, the store, the editor and everything derived from them that
// several screens share. Widgets get a Session and never open databases themselves.
class Session final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Session)

public:
    ~Session() override;
    static std::unique_ptr<Session> open(const SessionOptions &options, QString *error);

    const SessionOptions &options() const { return m_options; }
    const OpenReport &openReport() const { return m_report; }
    LocalCache *store() const { return m_store.get(); }
    LocalEditor *editor() const { return m_editor.get(); }
    DirectoryIndex *directory() { return &m_directory; }
    TicketCache *cache() const { return m_cache.get(); }
    SyncStatusSource *syncStatus() const { return m_sync; }
    // The sync engine's adapter replaces the local one; the session takes ownership.
    void setSyncStatus(SyncStatusSource *status);
    QSettings *settings() const { return m_settings.get(); }

    // The server link, once signed in (null when working on the cache alone).
    ServerConnection *connection() const { return m_connection; }
    // Takes ownership, adopts the signed-in user, shows its status and starts live sync.
    void attachServer(ServerConnection *connection);

    const QString &userId() const { return m_userId; }
    QString userDisplayName() const;

    QList<SavedView> views() const;
    QList<Board> boards() const;
    // Stores a view locally at once and queues it in the outbox (LocalEditor::saveView); the sync
    // engine sends it with the other changes, so offline it goes at the next sign-in.
    bool saveView(const SavedView &view);
    bool deleteView(const QString &viewId);
    // The signed-in user's role: the server's answer at sign-in, else the synced directory's (so a
    // restart offline keeps it).
    UserRole role() const;
    // A viewer account: the server refuses every write, so the console offers none (fields
    // read-only, no composer, no drag, no bulk actions, no new tickets or views) and says so.
    bool isReadOnly() const { return m_readOnly; }

    // Leads and admins may turn a view into a shared one (the server decides in the end).
    bool canShareViews() const;
    // A view may be edited by its owner; shared ones by leads and admins.
    bool canEditView(const SavedView &view) const;
    // The views with a change in the outbox, not yet answered by the server.
    QStringList pendingViewIds() const;

    const PriorityMatrix &priorityMatrix() const { return m_matrix; }
    const KeyPhraseRules &keyPhrases() const { return m_phrases; }

Q_SIGNALS:
    void syncStatusChanged();
    // Users, groups, views or boards changed (e.g. after the first sync): sidebars re-read.
    void contentChanged();
    // isReadOnly() changed (sign-in, or the synced directory changed the role).
    void accessChanged(bool readOnly);
    // The server refused a view change (e.g. sharing without the right); the local copy went back.
    void viewRefused(const QString &viewName, const QString &reason);
    // The server would not take an attached file (too large…); the reply went without it.
    void uploadRefused(const QString &filename, const QString &reason);

private:
    explicit Session(SessionOptions options);
    void updateAccess();

    SessionOptions m_options;
    OpenReport m_report;
    std::unique_ptr<CacheDatabase> m_db;
    std::unique_ptr<LocalCache> m_store;
    std::unique_ptr<LocalEditor> m_editor;
    DirectoryIndex m_directory;
    std::unique_ptr<TicketCache> m_cache;
    SyncStatusSource *m_sync = nullptr;
    ServerConnection *m_connection = nullptr;
    std::unique_ptr<QSettings> m_settings;
    QString m_userId;
    bool m_readOnly = false;
    PriorityMatrix m_matrix;
    KeyPhraseRules m_phrases = KeyPhraseRules::defaults();
};

// Fills an empty store with the demo organisation and `count` tickets ending at `endMs`.
// `attachmentsDir` (the profile's): a few open mail tickets' replies get demo files there.
bool fillDemoCache(LocalCache *store, qint64 count, qint64 endMs, QString *error, int commentsPerTicket = 3,
    const QString &attachmentsDir = {});

} // namespace triage
