// login, logout, whoami, sync, status, conflicts.
#include "Cli.h"
#include "Profile.h"
#include "Wait.h"
#include "auth/AccountService.h"
#include "domain/Time.h"
#include "net/ApiClient.h"
#include "net/ServerUrl.h"
#include "store/CacheDatabase.h"
#include "store/LocalCache.h"
#include "sync/ConflictResolver.h"
#include "sync/LocalEditor.h"
#include "sync/SyncEngine.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QTextStream>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace triage::cli {

namespace {

QString readPassword(const QString &prompt)
{
    const QString env = qEnvironmentVariable("TRIAGE_PASSWORD");
    if (!env.isEmpty())
        return env;
    if (!isatty(STDIN_FILENO))
        return {};
    std::fputs(qPrintable(prompt), stderr);
    termios old {};
    tcgetattr(STDIN_FILENO, &old);
    termios silent = old;
    silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &silent);
    QTextStream in(stdin);
    const QString line = in.readLine();
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::fputs("\n", stderr);
    return line;
}

int exitFor(const ApiError &e)
{
    return exitForHttpStatus(e.httpStatus);
}

QString takeOption(QStringList &args, const QString &name)
{
    const qsizetype i = args.indexOf(name);
    if (i < 0 || i + 1 >= args.size())
        return {};
    const QString v = args.at(i + 1);
    args.remove(i, 2);
    return v;
}

bool takeFlag(QStringList &args, const QString &name)
{
    return args.removeAll(name) > 0;
}

} // namespace

int runLogin(const Context &ctx, QStringList args)
{
    const QString user = takeOption(args, u"--user"_qs);
    const bool tokenFile = takeFlag(args, u"--token-file"_qs);
    if (args.size() != 1 || user.isEmpty())
        return fail(ctx, BadInput, u"usage: triagectl login URL --user NAME [--token-file]"_qs);
    QString urlError;
    const auto url = parseServerUrl(args.first(), &urlError);
    if (!url)
        return fail(ctx, BadInput, urlError);
    const QString server = serverKey(*url);

    // Switching accounts in one profile would mix two servers' data: only with nothing pending.
    {
        int code = Ok;
        auto existing = Profile::open(ctx, false, &code);
        if (!existing)
            return code;
        if (!existing->server().isEmpty() && (existing->server() != server || existing->username() != user)) {
            const int pending = existing->store()->outbox().pendingCount();
            if (pending > 0)
                return fail(ctx, Failed,
                    u"this profile has %1 unsynced change(s) for %2 at %3; sync them first "
                    u"or use another --profile"_qs.arg(pending)
                        .arg(existing->username(), existing->server()));
            existing.reset();
            for (const auto &suffix : {u""_qs, u"-wal"_qs, u"-shm"_qs})
                QFile::remove(QDir(ctx.profileDir).filePath(u"cache.db"_qs + suffix));
        }
    }
    const QString password = readPassword(u"Password for %1: "_qs.arg(user));
    if (password.isEmpty())
        return fail(ctx, BadInput, u"no password: set TRIAGE_PASSWORD or run in a terminal"_qs);
    ApiClient api {*url};
    AccountService account(&api, ctx.profileDir, user,
        // Without a keychain (a server, SSH, CI) the token goes to a file only the user can read,
        // with a warning, as GitHub's gh does: the README's two lines work everywhere.
        tokenFile ? CredentialStore::Placement::File : CredentialStore::Placement::KeychainElseFile);
    std::optional<ApiError> refused;
    QObject::connect(
        &account, &AccountService::signInFailed, &account, [&refused](const ApiError &e) { refused = e; });
    waitFor(
        &account, [&] { account.signIn(password); }, &AccountService::signedIn,
        &AccountService::signInFailed);
    if (refused)
        return fail(ctx, exitFor(*refused), u"sign-in failed: "_qs + refused->message());
    if (account.tokenStorage() == AccountService::TokenStorage::Memory)
        return fail(ctx, Failed, account.storageError());
    const QJsonObject o = account.loginAnswer();
    const QJsonObject userJson = account.user();
    const bool inFile = account.tokenStorage() == AccountService::TokenStorage::File;
    if (inFile && !tokenFile) {
        std::fprintf(stderr,
            "triagectl: warning: no OS keychain is available here; the token is kept in %s, readable "
            "only by you\n",
            qPrintable(account.credentials().tokenFilePath()));
    }
    QString error;
    if (!Profile::save(ctx.profileDir, server, userJson, &error))
        return fail(ctx, Failed, error);
    int code = Ok;
    auto profile = Profile::open(ctx, true, &code);
    if (!profile)
        return code;
    if (ctx.json) {
        printJson(QJsonObject {{u"server"_qs, server}, {u"user"_qs, userJson},
            {u"expires_at"_qs, o.value(u"expires_at"_qs)},
            {u"token_storage"_qs, inFile ? u"file"_qs : u"keychain"_qs}});
    } else {
        printLine(u"Signed in to %1 as %2 (%3); token kept in %4."_qs.arg(server, user,
            userJson.value(u"display_name"_qs).toString(),
            inFile ? account.credentials().tokenFilePath() : u"the OS keychain"_qs));
    }
    return Ok;
}

int runLogout(const Context &ctx, QStringList args)
{
    const bool force = takeFlag(args, u"--force"_qs);
    int code = Ok;
    auto p = Profile::open(ctx, true, &code);
    if (!p)
        return code;
    const int pending = p->store()->outbox().pendingCount();
    if (pending > 0 && !force)
        return fail(ctx, Failed,
            u"%1 change(s) are not synced yet: run 'triagectl sync' first, or --force to sign "
            u"out anyway (they stay in the cache and sync after the next sign-in)"_qs.arg(pending));
    // Revokes the token on the server (unless --offline) and forgets it here.
    AccountService account(p->api(), ctx.profileDir, p->username(), CredentialStore::Placement::Keychain);
    if (ctx.offline)
        p->api()->setToken(QString());
    waitFor(
        &account, [&] { account.signOut(); }, &AccountService::signedOut);
    if (ctx.json)
        printJson(QJsonObject {{u"signed_out"_qs, true}, {u"pending_kept"_qs, pending}});
    else
        printLine(pending ? u"Signed out; %1 unsynced change(s) kept in the cache."_qs.arg(pending)
                          : u"Signed out."_qs);
    return Ok;
}

int runWhoami(const Context &ctx, const QStringList &)
{
    int code = Ok;
    auto p = Profile::open(ctx, true, &code);
    if (!p)
        return code;
    QJsonObject user = p->user();
    bool online = false;
    if (!ctx.offline) {
        const ApiResponse r = waitForReply(p->api(), "GET", u"me"_qs);
        if (r.ok()) {
            online = true;
            user = r.json.object().value(u"user"_qs).isObject() ? r.json.object().value(u"user"_qs).toObject()
                                                                : r.json.object();
        } else if (r.httpStatus == 401) {
            return fail(ctx, AuthRequired,
                u"the saved sign-in has expired or was revoked: run 'triagectl login' again"_qs);
        }
    }
    if (ctx.json)
        printJson(QJsonObject {{u"server"_qs, p->server()}, {u"user"_qs, user}, {u"online"_qs, online}});
    else
        printLine(u"%1 (%2, %3) at %4%5"_qs.arg(user.value(u"username"_qs).toString(),
            user.value(u"display_name"_qs).toString(), user.value(u"role"_qs).toString(), p->server(),
            online ? QString() : u" — offline"_qs));
    return Ok;
}

namespace {

// What a restored server lost (OutboxRepository::divergences), for `status` and `sync --json`.
QJsonArray divergencesJson(LocalCache *store)
{
    QJsonArray out;
    for (const auto &d : store->outbox().divergences()) {
        out.append(QJsonObject {{u"id"_qs, d.id}, {u"ticket_id"_qs, d.entityId},
            {u"kind"_qs, d.result.value(u"divergence"_qs).toString()},
            {u"type"_qs, d.mutation.value(u"type"_qs).toString()},
            {u"detail"_qs, d.result.value(u"detail"_qs).toString()},
            {u"created_at"_qs, isoUtc(d.createdAt)}});
    }
    return out;
}

} // namespace

int runSync(const Context &ctx, const QStringList &)
{
    if (ctx.offline)
        return fail(ctx, BadInput, u"sync needs the network; drop --offline"_qs);
    int code = Ok;
    auto p = Profile::open(ctx, true, &code);
    if (!p)
        return code;
    const int before = p->store()->outbox().pendingCount();
    const int conflictsBefore = p->store()->outbox().conflictCount();
    QElapsedTimer timer;
    timer.start();
    const bool ok = waitForIdle(p->sync());
    const qint64 syncMs = timer.elapsed();
    // After an initial sync the cache is usable at once; its list indexes, then its search index,
    // are built here, before exiting, so the next command does not pay for them.
    qint64 listIndexMs = 0;
    if (ok && p->store()->searchIndex().listIndexesPending()) {
        timer.restart();
        p->store()->searchIndex().buildListIndexes();
        listIndexMs = timer.elapsed();
    }
    qint64 indexMs = 0;
    if (ok && p->store()->searchIndex().searchIndexPending()) {
        timer.restart();
        p->store()->searchIndex().buildSearchIndex();
        indexMs = timer.elapsed();
    }
    const int pending = p->store()->outbox().pendingCount();
    const int conflicts = p->store()->outbox().conflictCount();
    if (ctx.json) {
        printJson(QJsonObject {{u"ok"_qs, ok}, {u"pushed"_qs, before - pending}, {u"pending"_qs, pending},
            {u"conflicts"_qs, conflicts}, {u"new_conflicts"_qs, conflicts - conflictsBefore},
            {u"cursor"_qs, p->store()->meta().value(u"sync.cursor"_qs)},
            {u"sync_ms"_qs, static_cast<double>(syncMs)},
            {u"list_indexes_ms"_qs, static_cast<double>(listIndexMs)},
            {u"search_index_ms"_qs, static_cast<double>(indexMs)},
            {u"divergences"_qs, divergencesJson(p->store())},
            {u"error"_qs, ok ? QJsonValue() : QJsonValue(p->sync()->lastError())}});
    }
    if (!ok) {
        const auto state = p->sync()->state();
        return fail(ctx,
            state == SyncEngine::State::AuthRequired  ? AuthRequired
                : state == SyncEngine::State::Offline ? Unavailable
                                                      : Failed,
            u"sync failed: "_qs + p->sync()->lastError());
    }
    if (!ctx.json)
        printLine(u"Synced: %1 change(s) pushed, %2 ticket(s) in the cache, %3 conflict(s)."_qs
                      .arg(before - pending)
                      .arg(p->store()->tickets().ticketCount())
                      .arg(conflicts));
    if (conflicts > 0) {
        if (!ctx.json)
            fail(ctx, Failed, u"%1 conflict(s) need a decision: triagectl conflicts list"_qs.arg(conflicts));
        return Failed;
    }
    return Ok;
}

int runStatus(const Context &ctx, const QStringList &)
{
    int code = Ok;
    auto p = Profile::open(ctx, false, &code);
    if (!p)
        return code;
    bool online = false;
    if (p->api() && !ctx.offline) {
        p->api()->setTimeoutMs(5000);
        online = waitForReply(p->api(), "GET", u"health"_qs).ok();
    }
    const qint64 last = p->store()->meta().value(u"sync.last_ms"_qs).toLongLong();
    const QJsonObject o {{u"server"_qs, p->server()}, {u"user"_qs, p->username()}, {u"online"_qs, online},
        {u"pending"_qs, p->store()->outbox().pendingCount()},
        {u"conflicts"_qs, p->store()->outbox().conflictCount()},
        {u"tickets"_qs, static_cast<double>(p->store()->tickets().ticketCount())},
        {u"last_sync"_qs, last ? QJsonValue(isoUtc(last)) : QJsonValue()},
        {u"cursor"_qs, p->store()->meta().value(u"sync.cursor"_qs)},
        {u"divergences"_qs, divergencesJson(p->store())}};
    if (ctx.json) {
        printJson(o);
    } else {
        printLine(u"server:    %1 (%2)"_qs.arg(p->server().isEmpty() ? u"not signed in"_qs : p->server(),
            online ? u"online"_qs : u"offline"_qs));
        printLine(u"user:      %1"_qs.arg(p->username()));
        printLine(u"pending:   %1"_qs.arg(o.value(u"pending"_qs).toInt()));
        printLine(u"conflicts: %1"_qs.arg(o.value(u"conflicts"_qs).toInt()));
        const qsizetype diverged = o.value(u"divergences"_qs).toArray().size();
        if (diverged > 0)
            printLine(u"diverged:  %1 (the server lost data it had; see 'triagectl conflicts list')"_qs.arg(
                diverged));
        printLine(u"tickets:   %1"_qs.arg(p->store()->tickets().ticketCount()));
        printLine(u"last sync: %1"_qs.arg(last ? isoUtc(last) : u"never"_qs));
    }
    return Ok;
}

int runConflicts(const Context &ctx, QStringList args)
{
    if (args.isEmpty())
        return fail(ctx, BadInput,
            u"usage: triagectl conflicts list | resolve ID --apply-mine|--keep-server|--as-note"_qs);
    const QString sub = args.takeFirst();
    int code = Ok;
    auto p = Profile::open(ctx, false, &code);
    if (!p)
        return code;
    if (sub == u"list"_qs) {
        const auto list = p->store()->outbox().conflicts();
        QJsonArray out;
        for (const auto &c : list) {
            out.append(QJsonObject {{u"id"_qs, c.id}, {u"status"_qs, c.status}, {u"ticket_id"_qs, c.entityId},
                {u"mutation"_qs, c.mutation}, {u"result"_qs, c.result},
                {u"text"_qs, ConflictResolver::textOf(c)}, {u"created_at"_qs, isoUtc(c.createdAt)}});
            if (!ctx.json) {
                const QJsonObject problem = c.result.value(u"problem"_qs).toObject();
                printLine(u"%1  %2  %3  ticket %4  %5"_qs.arg(c.id, c.status,
                    c.mutation.value(u"type"_qs).toString(), c.entityId,
                    problem.value(u"detail"_qs).toString(c.result.value(u"detail"_qs).toString())));
            }
        }
        if (ctx.json)
            printJson(out);
        else if (list.isEmpty())
            printLine(u"No conflicts."_qs);
        return Ok;
    }
    if (sub == u"resolve"_qs) {
        if (args.size() != 2)
            return fail(ctx, BadInput,
                u"usage: triagectl conflicts resolve ID --apply-mine|--keep-server|--as-note"_qs);
        ConflictResolver::Choice choice;
        if (args.at(1) == u"--apply-mine"_qs)
            choice = ConflictResolver::Choice::ApplyMine;
        else if (args.at(1) == u"--keep-server"_qs)
            choice = ConflictResolver::Choice::KeepServer;
        else if (args.at(1) == u"--as-note"_qs)
            choice = ConflictResolver::Choice::AsNote;
        else
            return fail(ctx, BadInput, u"unknown choice %1"_qs.arg(args.at(1)));
        ConflictResolver resolver(p->store(), p->editor());
        QString error;
        if (!resolver.resolve(args.at(0), choice, &error))
            return fail(ctx, Failed, error);
        if (!ctx.offline && p->sync() && !waitForIdle(p->sync(), 60000))
            fail(ctx, Ok, u"resolved locally; will sync later ("_qs + p->sync()->lastError() + u')');
        if (ctx.json)
            printJson(QJsonObject {
                {u"resolved"_qs, args.at(0)}, {u"pending"_qs, p->store()->outbox().pendingCount()}});
        else
            printLine(u"Resolved."_qs);
        return Ok;
    }
    return fail(ctx, BadInput, u"unknown conflicts command '%1'"_qs.arg(sub));
}

} // namespace triage::cli
