#pragma once

#include "ServerDatabase.h"

#include <QStringList>

namespace triage::server {

// DDL for both backends. Every entity table carries `seq`, the change sequence of its last write;
// `sync_head` holds the highest sequence handed out (see WriteTx::bumpHead).
QStringList schemaStatements(Dialect dialect);
constexpr int kSchemaVersion = 1;

// The tables whose newest seq `sync_head.small_seq` tracks, and the triggers that keep it (created
// once per database by ServerDatabase::init).
const QStringList &smallSeqTables();
QStringList smallSeqTriggers(Dialect dialect);

} // namespace triage::server
