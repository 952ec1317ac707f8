#pragma once

#include <QString>

namespace triage::server {

// `triaged backup` / `triaged restore` (docs/operations.md). A backup is one file: on SQLite a
// consistent copy of the database made while the server runs (`VACUUM INTO`: tickets, history,
// attachments' bytes, channel state and the outgoing queue all live in it); on PostgreSQL a
// `pg_dump --format=custom` archive. A restore gives the database a new epoch, so every client
// notices it went back in time, keeps its newer work and lists it (docs/sync-protocol.md).
struct BackupResult {
    bool ok = false;
    QString error; // one sentence for the operator when !ok
    QString detail; // what was done, for the operator when ok
};

// `dataDir` (SQLite) or `databaseUrl` (PostgreSQL, wins when set). `out` must not exist.
BackupResult backupDatabase(const QString &dataDir, const QString &databaseUrl, const QString &out);

// The server(s) must be stopped: on SQLite a running triaged on `dataDir` is detected and nothing
// is written; the database replaced is kept beside it (`triage.db.before-restore-<time>`). On
// PostgreSQL other sessions on the database are refused unless `force`.
BackupResult restoreDatabase(
    const QString &dataDir, const QString &databaseUrl, const QString &in, bool force);

} // namespace triage::server
