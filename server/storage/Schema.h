#pragma once

#include "Database.h"

#include <QStringList>

namespace triage::server {

// DDL for both backends. Every entity table carries `seq`, the change sequence of its last write;
// `sync_head` holds the highest sequence handed out (see WriteTx::bumpHead).
QStringList schemaStatements(Dialect dialect);
constexpr int kSchemaVersion = 1;

} // namespace triage::server
