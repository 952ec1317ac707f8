#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace triage::cacheschema {

// One forward migration: the statements that take the cache from version-1 to version.
struct Migration {
    int version;
    QString description;
    QStringList statements;
};

// Every migration in order; the cache's PRAGMA user_version says how many have run.
const QList<Migration> &migrations();
int latestVersion();

// FTS5 triggers: dropped for a bulk load and recreated afterwards (then the index is rebuilt).
QStringList ftsTriggerStatements();
QStringList dropFtsTriggerStatements();

// Builds the search index from the tables as they are and turns its triggers back on; clears the
// `fts_dirty` mark a bulk load leaves.
QStringList searchIndexBuildStatements();

// Secondary indexes a bulk load drops and rebuilds once at the end (IF NOT EXISTS: idempotent).
QStringList secondaryIndexStatements();
QStringList dropSecondaryIndexStatements();

} // namespace triage::cacheschema
