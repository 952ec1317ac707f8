// triaged: the Triage server. `serve` runs the REST API; `user` manages accounts; `routes` prints
// the route table. See docs/server.md.
#include "api/Api.h"
#include "api/Auth.h"
#include "api/EventHub.h"
#include "api/RuleSweeper.h"
#include "api/SlaSweeper.h"
#include "domain/Clock.h"
#include "domain/Uuid.h"
#include "http/HttpServer.h"
#include "intake/ChannelSupervisor.h"
#include "intake/SystemUser.h"
#include "storage/Backup.h"
#include "storage/DemoSeeder.h"
#include "storage/DirectoryStore.h"
#include "storage/ServerDatabase.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QSocketNotifier>
#include <QTextStream>
#include <QThreadPool>

#include <csignal>
#include <cstdio>
#include <sys/resource.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

using namespace triage;
using namespace triage::server;

namespace {

int g_signalFd[2] = {-1, -1};

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const auto n = ::write(g_signalFd[0], &c, 1);
}

int usage()
{
    std::fputs(
        "usage:\n"
        "  triaged serve --data DIR --listen HOST:PORT [--database URL] [--demo]\n"
        "                [--tls-cert FILE --tls-key FILE] [--workers N] [--readers N] [--max-body BYTES]\n"
        "                [--idle-timeout SECONDS] [--max-attachment BYTES (default 25 MiB)]\n"
        "                [--test-clock (tests only: time can be moved forward)]\n"
        "  triaged user add (--data DIR | --database URL) NAME --role agent|lead|admin|requester|viewer "
        "[--group G]...\n"
        "  triaged user list (--data DIR | --database URL)\n"
        "  triaged user disable (--data DIR | --database URL) NAME\n"
        "  triaged backup (--data DIR | --database URL) FILE   (while serving; FILE must not exist)\n"
        "  triaged restore (--data DIR | --database URL) [--force] FILE   (servers stopped)\n"
        "  triaged routes\n"
        "  triaged --version\n",
        stderr);
    return 2;
}

struct Args {
    QStringList positional;
    QMultiHash<QString, QString> options;
    QSet<QString> flags;
    QString value(const QString &k) const { return options.value(k); }
};

bool parseArgs(const QStringList &in, Args *out)
{
    static const QSet<QString> withValue {u"--data"_qs, u"--listen"_qs, u"--database"_qs, u"--tls-cert"_qs,
        u"--tls-key"_qs, u"--role"_qs, u"--group"_qs, u"--workers"_qs, u"--readers"_qs, u"--max-body"_qs,
        u"--idle-timeout"_qs, u"--max-attachment"_qs};
    static const QSet<QString> flags {u"--demo"_qs, u"--test-clock"_qs, u"--force"_qs};
    for (qsizetype i = 0; i < in.size(); ++i) {
        const QString &a = in[i];
        if (withValue.contains(a)) {
            if (i + 1 >= in.size()) {
                std::fprintf(stderr, "triaged: %s needs a value\n", qPrintable(a));
                return false;
            }
            out->options.insert(a, in[++i]);
        } else if (flags.contains(a)) {
            out->flags.insert(a);
        } else if (a.startsWith(u"--"_qs)) {
            std::fprintf(stderr, "triaged: unknown option %s\n", qPrintable(a));
            return false;
        } else {
            out->positional << a;
        }
    }
    return true;
}

std::unique_ptr<ServerDatabase> openDatabase(const Args &args)
{
    QString error;
    auto db = ServerDatabase::open(args.value(u"--data"_qs), args.value(u"--database"_qs), &error);
    if (!db)
        std::fprintf(stderr, "triaged: %s\n", qPrintable(error));
    return db;
}

QString readPassword()
{
    const QString env = qEnvironmentVariable("TRIAGE_PASSWORD");
    if (!env.isEmpty())
        return env;
    termios old {};
    const bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        std::fputs("Password: ", stderr);
        termios silent = old;
        silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &silent);
    }
    QTextStream in(stdin);
    const QString line = in.readLine();
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &old);
        std::fputs("\n", stderr);
    }
    return line;
}

int userCommand(const Args &args)
{
    const QString sub = args.positional.value(1);
    auto db = openDatabase(args);
    if (!db)
        return 1;
    DirectoryStore dir(*db);
    if (sub == u"list"_qs) {
        for (const User &u : dir.users()) {
            std::printf("%s\t%s\t%s%s\n", qPrintable(u.username), qPrintable(toWire(u.role)),
                qPrintable(u.displayName), u.disabled ? "\t(disabled)" : "");
        }
        return 0;
    }
    const QString name = args.positional.value(2);
    if (sub == u"disable"_qs) {
        auto stored = dir.userByName(name);
        if (!stored) {
            std::fprintf(stderr, "triaged: no user %s\n", qPrintable(name));
            return 1;
        }
        stored->user.disabled = true;
        WriteTx tx(*db);
        dir.upsertUser(stored->user, {}, tx.bumpHead(1));
        Sql revoke(*db, u"UPDATE tokens SET revoked = 1 WHERE user_id = ?"_qs);
        revoke.bind(stored->user.id).exec();
        tx.commit();
        std::printf("disabled %s\n", qPrintable(name));
        return 0;
    }
    if (sub != u"add"_qs)
        return usage();
    User u;
    u.id = newId();
    u.username = name;
    u.displayName = name;
    const auto role = userRoleFromWire(args.value(u"--role"_qs));
    if (!role) {
        std::fprintf(
            stderr, "triaged: --role must be one of %s\n", qPrintable(allUserRoles().join(u", "_qs)));
        return 2;
    }
    u.role = *role;
    const QList<Group> groups = dir.groups();
    for (const QString &g : args.options.values(u"--group"_qs)) {
        QString id;
        for (const Group &known : groups) {
            if (known.id == g || known.name.compare(g, Qt::CaseInsensitive) == 0)
                id = known.id;
        }
        if (id.isEmpty()) {
            std::fprintf(stderr, "triaged: no group %s\n", qPrintable(g));
            return 1;
        }
        u.groupIds << id;
    }
    if (const FieldErrors e = u.validate(); !e.isEmpty()) {
        std::fprintf(stderr, "triaged: %s\n", qPrintable(describe(e)));
        return 1;
    }
    if (dir.userByName(name)) {
        std::fprintf(stderr, "triaged: user %s exists\n", qPrintable(name));
        return 1;
    }
    const QString password = readPassword();
    if (password.size() < 4) {
        std::fputs("triaged: password must have at least 4 characters (TRIAGE_PASSWORD or stdin)\n", stderr);
        return 1;
    }
    const QString hash = hashPassword(password);
    WriteTx tx(*db);
    dir.upsertUser(u, hash, tx.bumpHead(1));
    tx.commit();
    std::printf("added %s (%s)\n", qPrintable(name), qPrintable(toWire(u.role)));
    return 0;
}

int serveCommand(QCoreApplication &app, const Args &args)
{
    HttpOptions http;
    const QString listen = args.value(u"--listen"_qs);
    const qsizetype colon = listen.lastIndexOf(u':');
    bool portOk = false;
    const uint port = colon > 0 ? listen.mid(colon + 1).toUInt(&portOk) : 0;
    if (colon <= 0 || !portOk || port > 65535) {
        std::fputs("triaged: --listen HOST:PORT is required (port 0 picks a free port)\n", stderr);
        return 2;
    }
    http.host = listen.left(colon);
    if (http.host.startsWith(u'[') && http.host.endsWith(u']'))
        http.host = http.host.mid(1, http.host.size() - 2);
    http.port = static_cast<quint16>(port);
    if (args.options.contains(u"--tls-cert"_qs) != args.options.contains(u"--tls-key"_qs)) {
        std::fputs("triaged: --tls-cert and --tls-key go together\n", stderr);
        return 2;
    }
    for (const auto &[opt, target] :
        {std::pair {u"--tls-cert"_qs, &http.tlsCertPem}, std::pair {u"--tls-key"_qs, &http.tlsKeyPem}}) {
        if (!args.options.contains(opt))
            continue;
        QFile f(args.value(opt));
        if (!f.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "triaged: cannot read %s\n", qPrintable(args.value(opt)));
            return 1;
        }
        *target = f.readAll();
    }
    if (args.options.contains(u"--workers"_qs))
        http.workerThreads = std::clamp(args.value(u"--workers"_qs).toInt(), 1, 256);
    if (args.options.contains(u"--readers"_qs))
        http.readerThreads = std::clamp(args.value(u"--readers"_qs).toInt(), 1, 256);
    if (args.options.contains(u"--max-body"_qs))
        http.maxBodyBytes = std::max<qint64>(1024, args.value(u"--max-body"_qs).toLongLong());
    if (args.options.contains(u"--idle-timeout"_qs))
        http.idleTimeoutSeconds = std::max(1u, args.value(u"--idle-timeout"_qs).toUInt());

    // One server per SQLite data directory: its writers are serialised in-process.
    std::unique_ptr<QLockFile> dirLock;
    if (!args.options.contains(u"--database"_qs) && !args.value(u"--data"_qs).isEmpty()) {
        QDir().mkpath(args.value(u"--data"_qs));
        dirLock = std::make_unique<QLockFile>(
            QDir(args.value(u"--data"_qs)).absoluteFilePath(u"triaged.lock"_qs));
        dirLock->setStaleLockTime(0);
        if (!dirLock->tryLock(100)) {
            std::fprintf(stderr,
                "triaged: another triaged serves %s (use PostgreSQL for several instances)\n",
                qPrintable(args.value(u"--data"_qs)));
            return 1;
        }
    }
    // Tests move this server's time forward over HTTP instead of sleeping (TestClockApi).
    std::unique_ptr<OffsetClock> testClock;
    if (args.flags.contains(u"--test-clock"_qs)) {
        testClock = std::make_unique<OffsetClock>();
        Clock::install(testClock.get());
        std::fputs("triaged: --test-clock: administrators can move this server's time forward (tests only)\n",
            stderr);
    }
    auto db = openDatabase(args);
    if (!db)
        return 1;
    if (args.flags.contains(u"--demo"_qs)) {
        const QString password = qEnvironmentVariable("TRIAGE_DEMO_PASSWORD", u"demo"_qs);
        bool ok = false;
        qint64 count = qEnvironmentVariableIntValue("TRIAGE_DEMO_TICKETS", &ok);
        if (!ok || count <= 0)
            count = 500;
        try {
            const qint64 seeded
                = seedDemo(*db, password, count, qEnvironmentVariable("TRIAGE_DEMO_SLA") != u"0"_qs);
            if (seeded)
                std::fprintf(stderr, "triaged: seeded the demo organisation with %lld tickets\n",
                    static_cast<long long>(seeded));
        } catch (const DbError &e) {
            std::fprintf(stderr, "triaged: demo seeding failed: %s\n", e.what());
            return 1;
        }
        std::fprintf(stderr,
            "triaged: demo accounts admin, lead, agent1…agent5, requester01… — password: %s\n",
            qPrintable(password));
    }

    Auth auth(*db);
    EventHub hub(*db);
    hub.start();
    ServerContext context {db.get(), &auth, &hub};
    if (args.options.contains(u"--max-attachment"_qs)) {
        bool ok = false;
        context.maxAttachmentBytes = args.value(u"--max-attachment"_qs).toLongLong(&ok);
        if (!ok || context.maxAttachmentBytes < 1) {
            std::fputs("triaged: --max-attachment BYTES must be a positive number\n", stderr);
            return 2;
        }
    }
    Api api(context);
    SlaSweeper slaSweeper(*db, &hub, SlaSweeper::optionsFromEnvironment());
    slaSweeper.start();
    RuleSweeper ruleSweeper(*db, &hub, RuleSweeper::intervalFromEnvironment());
    ruleSweeper.start();
    // Email intake and the outgoing queue (docs/channels.md).
    ensureSystemUser(*db);
    ChannelSupervisor channels(context); // with --max-attachment for mail attachments
    channels.start();
    if (testClock) {
        api.enableTestClock(*testClock, [&slaSweeper, &ruleSweeper] {
            // The monitor lives on the main thread; the request waits until it caught up.
            QMetaObject::invokeMethod(&slaSweeper, &SlaSweeper::settle, Qt::BlockingQueuedConnection);
            QMetaObject::invokeMethod(&ruleSweeper, &RuleSweeper::sweep, Qt::BlockingQueuedConnection);
        });
    }
    http.isQuickRead = &Api::isQuickRead;
    http.uploadLimit = [&api](const HttpRequest &r) { return api.uploadLimit(r); };
    HttpServer server(http, [&api](const HttpRequest &r) { return api.handle(r); });
    QString error;
    if (!server.start(&error)) {
        std::fprintf(stderr, "triaged: %s\n", qPrintable(error));
        return 1;
    }
    std::fprintf(
        stderr, "triaged: storage %s, epoch %s\n", qPrintable(db->describe()), qPrintable(db->epoch()));
    std::printf("listening on %s://%s:%u\n", server.isTls() ? "https" : "http",
        qPrintable(http.host.contains(u':') ? u'[' + http.host + u']' : http.host), server.port());
    std::fflush(stdout);
    // Reports and the wall read a metrics store built from ticket_history: build it now, not on
    // the first wall tick.
    QThreadPool warmUp;
    warmUp.start([&api] { api.reports().metrics()->warmUp(); });

    QSocketNotifier notifier(g_signalFd[1], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [&app] { app.quit(); });
    app.exec();

    std::fputs("triaged: shutting down\n", stderr);
    server.stopAccepting();
    channels.stop();
    hub.closeAll();
    server.stop();
    warmUp.waitForDone();
    Clock::install(nullptr);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    ServerDatabase::configureProcess();
    QCoreApplication app(argc, argv);
    if (!initCrypto()) {
        std::fputs("triaged: libsodium failed to initialise\n", stderr);
        return 1;
    }
    // Many idle keep-alive and push connections are normal for a server: raise the fd limit.
    rlimit lim {};
    if (getrlimit(RLIMIT_NOFILE, &lim) == 0) {
        lim.rlim_cur = lim.rlim_max;
        setrlimit(RLIMIT_NOFILE, &lim);
    }
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFd) == 0) {
        struct sigaction sa {
        };
        sa.sa_handler = onSignal;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGTERM, &sa, nullptr);
        sigaction(SIGINT, &sa, nullptr);
    }
    std::signal(SIGPIPE, SIG_IGN);

    const QStringList arguments = app.arguments().mid(1);
    if (arguments.size() == 1 && (arguments[0] == u"--version"_qs || arguments[0] == u"version"_qs)) {
        std::printf("triaged %s\n", TRIAGE_VERSION);
        return 0;
    }
    if (arguments.size() == 1 && (arguments[0] == u"--help"_qs || arguments[0] == u"help"_qs)) {
        usage();
        return 0;
    }
    Args args;
    if (!parseArgs(arguments, &args))
        return usage();
    const QString command = args.positional.value(0);
    try {
        if (command == u"serve"_qs)
            return serveCommand(app, args);
        if (command == u"user"_qs)
            return userCommand(args);
        if (command == u"backup"_qs || command == u"restore"_qs) {
            const QString file = args.positional.value(1);
            if (file.isEmpty() || args.positional.size() > 2)
                return usage();
            const BackupResult r = command == u"backup"_qs
                ? backupDatabase(args.value(u"--data"_qs), args.value(u"--database"_qs), file)
                : restoreDatabase(args.value(u"--data"_qs), args.value(u"--database"_qs), file,
                    args.flags.contains(u"--force"_qs));
            if (!r.ok) {
                std::fprintf(stderr, "triaged: %s\n", qPrintable(r.error));
                return 1;
            }
            std::printf("%s: %s\n", qPrintable(file), qPrintable(r.detail));
            return 0;
        }
        if (command == u"routes"_qs) {
            Api api(ServerContext {});
            for (const Route &r : api.router().routes())
                std::printf("%s %s\n", r.method.constData(), qPrintable(r.pattern));
            return 0;
        }
    } catch (const DbError &e) {
        std::fprintf(stderr, "triaged: database error: %s\n", e.what());
        return 1;
    }
    return usage();
}
