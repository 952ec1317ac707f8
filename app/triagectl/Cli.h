#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace triage::cli {

// Exit codes shared by every triagectl command (documented in docs/triagectl.md).
enum Exit : int {
    Ok = 0,
    Failed = 1, // the operation ran and something failed (sync errors, conflicts left)
    BadInput = 2, // unreadable arguments or input files
    Unavailable = 3, // server unreachable
    AuthRequired = 4, // no or expired credentials
};

// Options that every command sees.
struct Context {
    QString profileDir;
    bool json = false;
    bool offline = false;
};

// The exit code for a failed API call: Unavailable (network, 5xx), AuthRequired (401), else Failed.
int exitForHttpStatus(int httpStatus);

// Prints one clear error line on stderr (JSON when --json) and returns `code`.
int fail(const Context &ctx, int code, const QString &message);
void printJson(const QJsonValue &value);
void printLine(const QString &line);

// Command entry points; `args` excludes the command words themselves.
int runSla(const Context &ctx, const QStringList &args);
int runLogin(const Context &ctx, QStringList args);
int runLogout(const Context &ctx, QStringList args);
int runWhoami(const Context &ctx, const QStringList &args);
int runSync(const Context &ctx, const QStringList &args);
int runStatus(const Context &ctx, const QStringList &args);
int runConflicts(const Context &ctx, QStringList args);
int runTicket(const Context &ctx, QStringList args);
int runReport(const Context &ctx, const QStringList &args);
int runChannel(const Context &ctx, QStringList args);
int runAttach(const Context &ctx, const QStringList &args); // ticket attach
int runAttachments(const Context &ctx, const QStringList &args); // ticket attachments
int runDownload(const Context &ctx, const QStringList &args);

} // namespace triage::cli
