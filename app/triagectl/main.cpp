#include "Cli.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QTextStream>

#include <cstdio>

namespace triage::cli {

int fail(const Context &ctx, int code, const QString &message)
{
    QTextStream err(stderr);
    if (ctx.json) {
        const QJsonObject o {{u"error"_qs, message}, {u"exit_code"_qs, code}};
        err << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << '\n';
    } else {
        err << "triagectl: " << message << '\n';
    }
    return code;
}

int exitForHttpStatus(int httpStatus)
{
    if (httpStatus == 0 || httpStatus >= 500)
        return Unavailable;
    if (httpStatus == 401)
        return AuthRequired;
    return Failed;
}

void printJson(const QJsonValue &value)
{
    QByteArray out = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented)
                                     : QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented);
    std::fwrite(out.constData(), 1, static_cast<size_t>(out.size()), stdout);
}

void printLine(const QString &line)
{
    QTextStream out(stdout);
    out << line << '\n';
}

} // namespace triage::cli

namespace {

constexpr auto kUsage = R"(usage: triagectl [--profile DIR] [--offline] [--json] [--verbose] COMMAND [ARGS]

Commands:
  login URL --user NAME [--token-file]   sign in (password: TRIAGE_PASSWORD or a prompt);
                                         the token goes to the OS keychain, or with --token-file
                                         to a 0600 file in the profile
  logout [--force]                       sign out; refuses while changes are unsynced
  whoami                                 the signed-in user
  sync                                   push every queued change, pull to the server's head
  status                                 online, pending, conflicts, last sync
  ticket list [--status S]… [--priority P]… [--assignee me|none|ID] [--group ID]… [--tag T]
              [--search TEXT] [--limit N]
  ticket show ID|#NUMBER
  ticket create --title T [--description D] [--priority P] [--type T] [--assignee me|ID]
                [--group ID] [--tag T]…
  ticket update ID --set field=value… (status, priority, assignee, group, title, description,
                type, impact, urgency, tags+=x, tags-=x,
                links+=[KIND:]#N|ID, links-=[KIND:]#N|ID; KIND: relates_to (default),
                duplicate_of, problem_of, parent_of, child_of)
  ticket comment ID --body TEXT [--internal]
  ticket move ID --to STATUS [--after ID]
  ticket attach ID FILE [--comment COMMENT_ID]   upload a file (at once; not queued offline)
  ticket attachments ID                  a ticket's files
  download ATTACHMENT_ID [-o FILE]       save a file (default: its name, in this directory)
  conflicts list
  conflicts resolve ID --apply-mine|--keep-server|--as-note
  sla eval CASE.json     evaluate an SLA case (format: docs/sla-case-format.md)
  report --from D --to D metrics for a period (docs/metrics.md)
  channel list|show ID|put ID FILE.json|remove ID|status ID|quarantine ID|retry ID MESSAGE
                         channels requests come in by (admins; docs/channels.md)
  version                print the version

Changes are saved in the local cache first and synced at once unless --offline; offline they
wait in the outbox until 'triagectl sync'.

Errors are one line on stderr; --verbose adds the engine's diagnostics (cache, sync, network).
Exit codes: 0 ok, 1 failed, 2 bad input, 3 server unreachable, 4 credentials needed.
)";

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"triagectl"_qs);
    QCoreApplication::setOrganizationName(u"Triage"_qs);
    QCoreApplication::setApplicationVersion(QStringLiteral(TRIAGE_VERSION));

    using namespace triage::cli;
    Context ctx;
    bool verbose = false;
    QStringList args = QCoreApplication::arguments().mid(1);
    // Global options come before the command.
    while (!args.isEmpty() && args.first().startsWith(u"--"_qs)) {
        const QString opt = args.takeFirst();
        if (opt == u"--json"_qs) {
            ctx.json = true;
        } else if (opt == u"--offline"_qs) {
            ctx.offline = true;
        } else if (opt == u"--verbose"_qs) {
            verbose = true;
        } else if (opt == u"--profile"_qs) {
            if (args.isEmpty())
                return fail(ctx, BadInput, u"--profile needs a directory"_qs);
            ctx.profileDir = args.takeFirst();
        } else if (opt == u"--help"_qs) {
            std::fputs(kUsage, stdout);
            return Ok;
        } else if (opt == u"--version"_qs) {
            printLine(u"triagectl "_qs + QCoreApplication::applicationVersion());
            return Ok;
        } else {
            return fail(ctx, BadInput, u"unknown option %1 (see --help)"_qs.arg(opt));
        }
    }
    // An error is one line on stderr (or one JSON object): the engine's own warnings, which say the
    // same thing at a lower level, only with --verbose. QT_LOGGING_RULES still overrides this.
    if (!verbose)
        QLoggingCategory::setFilterRules(u"triage.*.warning=false"_qs);
    if (ctx.profileDir.isEmpty()) {
        ctx.profileDir = qEnvironmentVariable(
            "TRIAGE_PROFILE", QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
    }
    if (args.isEmpty()) {
        std::fputs(kUsage, stderr);
        return BadInput;
    }
    const QString command = args.takeFirst();
    if (command == u"version"_qs) {
        printLine(u"triagectl "_qs + QCoreApplication::applicationVersion());
        return Ok;
    }
    if (command == u"sla"_qs)
        return runSla(ctx, args);
    if (command == u"login"_qs)
        return runLogin(ctx, args);
    if (command == u"logout"_qs)
        return runLogout(ctx, args);
    if (command == u"whoami"_qs)
        return runWhoami(ctx, args);
    if (command == u"sync"_qs)
        return runSync(ctx, args);
    if (command == u"status"_qs)
        return runStatus(ctx, args);
    if (command == u"ticket"_qs)
        return runTicket(ctx, args);
    if (command == u"conflicts"_qs)
        return runConflicts(ctx, args);
    if (command == u"report"_qs)
        return runReport(ctx, args);
    if (command == u"channel"_qs)
        return runChannel(ctx, args);
    if (command == u"download"_qs)
        return runDownload(ctx, args);
    return fail(ctx, BadInput, u"unknown command '%1' (see --help)"_qs.arg(command));
}
