#pragma once

#include <QString>

namespace triage {

class LocalEditor;
class LocalCache;
struct SyncConflict;

// The agent's decision on a change the server did not apply as sent (sync.md: nothing the
// agent wrote is dropped silently). Used by the console's conflicts list and by triagectl.
class ConflictResolver
{
public:
    enum class Choice {
        ApplyMine, // re-apply my values over the server's current state (a new mutation)
        KeepServer, // drop my change; the server's state stays
        AsNote, // a held public reply goes out as an internal note instead
    };

    ConflictResolver(LocalCache *store, LocalEditor *editor);

    bool resolve(const QString &conflictId, Choice choice, QString *error);
    // The text the agent wrote in that change (for "copy my text"), empty when it has none.
    static QString textOf(const SyncConflict &conflict);

private:
    bool applyMine(const SyncConflict &c, QString *error);

    LocalCache *m_store;
    LocalEditor *m_editor;
};

} // namespace triage
