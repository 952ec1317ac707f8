// Attachments over loopback (issue 15): one 25 MiB file uploaded and downloaded through the real
// client (core/net/AttachmentClient: streamed, the download hashed and written to a file) against a
// real triaged, on SQLite and, when TRIAGE_TEST_PG_URL names a server, on PostgreSQL. Throughput in
// MB/s (10^6 bytes) each way; `download_server` reads the same download and drops it (what the
// server streams, without the client's sha256 and file); and how much the server's resident memory
// grew over its level after a small warm-up transfer (sampled every 10 ms while the large file
// moves): streaming both ways keeps it flat.
#include "Bench.h"
#include "net/AttachmentClient.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <cstdio>

using namespace triage;
using namespace triage::bench;

namespace {

double rssMb(qint64 pid)
{
    QFile f(u"/proc/%1/status"_qs.arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return -1;
}

QString freshPgDatabase()
{
    const QString admin = qEnvironmentVariable("TRIAGE_TEST_PG_URL");
    if (admin.isEmpty())
        return {};
    const QUrl url(admin);
    const QString name = u"bench_att_%1"_qs.arg(QRandomGenerator::global()->generate(), 8, 16, QChar(u'0'));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_qs, u"benchatt"_qs);
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setPassword(url.password());
        db.setDatabaseName(url.path().mid(1));
        if (!db.open() || !QSqlQuery(db).exec(u"CREATE DATABASE "_qs + name))
            return {};
        db.close();
    }
    QSqlDatabase::removeDatabase(u"benchatt"_qs);
    QUrl out = url;
    out.setPath(u'/' + name);
    return out.toString();
}

struct Server {
    QProcess process;
    QUrl base;
    QString token;
    QString ticket;
};

QJsonObject call(const QUrl &base, const QByteArray &method, const QString &path, const QString &token,
    const QJsonObject &body = {})
{
    static QNetworkAccessManager nam;
    QUrl url = base;
    const qsizetype q = path.indexOf(u'?');
    url.setPath(q < 0 ? path : path.left(q));
    if (q >= 0)
        url.setQuery(path.mid(q + 1));
    QNetworkRequest req(url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!token.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    QNetworkReply *reply
        = nam.sendCustomRequest(req, method, body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson());
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const QJsonObject out = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return out;
}

bool start(const Options &opts, const QString &tag, const QString &pgUrl, Server *s)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"TRIAGE_PWHASH_OPSLIMIT"_qs, u"1"_qs);
    env.insert(u"TRIAGE_PWHASH_MEMLIMIT"_qs, u"8192"_qs);
    env.insert(u"TRIAGE_DEMO_TICKETS"_qs, u"20"_qs);
    s->process.setProcessEnvironment(env);
    s->process.setStandardErrorFile(opts.workDir + u"/triaged-att-"_qs + tag + u".log"_qs);
    QStringList args {u"serve"_qs, u"--listen"_qs, u"127.0.0.1:0"_qs, u"--demo"_qs};
    if (pgUrl.isEmpty())
        args << u"--data"_qs << opts.workDir + u"/srv-att-"_qs + tag;
    else
        args << u"--database"_qs << pgUrl;
    s->process.start(QCoreApplication::applicationDirPath() + u"/triaged"_qs, args);
    if (!s->process.waitForStarted(10000))
        return false;
    QByteArray out;
    for (int i = 0; i < 600 && !out.contains('\n'); ++i) {
        s->process.waitForReadyRead(100);
        out += s->process.readAllStandardOutput();
    }
    if (!out.startsWith("listening on "))
        return false;
    s->base = QUrl(QString::fromUtf8(out.mid(13).trimmed()));
    s->token = call(s->base, "POST", u"/api/v1/auth/login"_qs, {},
        QJsonObject {{u"username"_qs, u"admin"_qs}, {u"password"_qs, u"demo"_qs}})
                   .value(u"token"_qs)
                   .toString();
    s->ticket = call(s->base, "POST", u"/api/v1/tickets"_qs, s->token,
        QJsonObject {{u"title"_qs, u"Attachment benchmark"_qs}})
                    .value(u"id"_qs)
                    .toString();
    return !s->token.isEmpty() && !s->ticket.isEmpty();
}

// One upload and one download of `path`; the largest RSS sampled meanwhile goes to *peakMb.
bool transfer(AttachmentClient &client, const Server &s, const QString &path, const QString &copy,
    double *uploadMs, double *downloadMs, QString *sha, double *peakMb, QString *idOut = nullptr)
{
    QTimer sampler;
    sampler.setInterval(10);
    QObject::connect(
        &sampler, &QTimer::timeout, [&] { *peakMb = std::max(*peakMb, rssMb(s.process.processId())); });
    sampler.start();
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly))
        return false;
    QEventLoop loop;
    QString id;
    QElapsedTimer t;
    t.start();
    client.upload(
        s.ticket, &in, u"bench.bin"_qs, {}, [&](const std::optional<Attachment> &a, const ApiError &e) {
            if (a) {
                id = a->id;
                *sha = a->sha256;
            } else {
                std::fprintf(stderr, "attachment bench: upload failed: %s\n", qPrintable(e.message()));
            }
            loop.quit();
        });
    loop.exec();
    *uploadMs = static_cast<double>(t.nsecsElapsed()) / 1e6;
    if (id.isEmpty())
        return false;
    if (idOut)
        *idOut = id;
    QFile out(copy);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    bool ok = false;
    t.restart();
    client.download(id, &out, [&](bool done, const ApiError &e) {
        ok = done;
        if (!done)
            std::fprintf(stderr, "attachment bench: download failed: %s\n", qPrintable(e.message()));
        loop.quit();
    });
    loop.exec();
    *downloadMs = static_cast<double>(t.nsecsElapsed()) / 1e6;
    return ok;
}

// The server's side alone: the same download read and dropped, no hashing or writing on the client.
double rawDownloadMs(const Server &s, const QString &id, qint64 *bytes)
{
    static QNetworkAccessManager nam;
    QUrl url = s.base;
    url.setPath(u"/api/v1/attachments/"_qs + id);
    QNetworkRequest req(url);
    req.setRawHeader("Authorization", "Bearer " + s.token.toUtf8());
    QElapsedTimer t;
    t.start();
    QNetworkReply *reply = nam.get(req);
    QObject::connect(
        reply, &QNetworkReply::readyRead, reply, [reply, bytes] { *bytes += reply->readAll().size(); });
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    *bytes += reply->readAll().size();
    reply->deleteLater();
    return static_cast<double>(t.nsecsElapsed()) / 1e6;
}

void run(const Options &opts, const QString &tag, const QString &pgUrl)
{
    const qint64 size = std::max<qint64>(256 * 1024, static_cast<qint64>(25.0 * 1024 * 1024 * opts.scale));
    const QString path = opts.workDir + u"/attachment-bench.bin"_qs;
    {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return;
        QByteArray block(1 << 20, Qt::Uninitialized);
        QRandomGenerator gen(15);
        for (qint64 left = size; left > 0; left -= block.size()) {
            gen.fillRange(reinterpret_cast<quint32 *>(block.data()), block.size() / 4);
            f.write(block.constData(), std::min<qint64>(left, block.size()));
        }
    }
    Server s;
    if (!start(opts, tag, pgUrl, &s)) {
        std::fprintf(stderr, "attachment bench: triaged did not start (%s)\n", qPrintable(tag));
        return;
    }
    waitUntilIdle(s.process.processId());
    ApiClient api(s.base);
    api.setToken(s.token);
    AttachmentClient client(&api);
    // Warm-up: threads, connections, libmagic's database and the spool path exist before measuring.
    const QString small = opts.workDir + u"/attachment-warmup.bin"_qs;
    {
        QFile f(small);
        if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            f.write(QByteArray(300 * 1024, 'w'));
    }
    double up = 0, down = 0, peak = 0;
    QString sha;
    const QString copy = opts.workDir + u"/attachment-copy.bin"_qs;
    if (!transfer(client, s, small, copy, &up, &down, &sha, &peak)) {
        s.process.kill();
        s.process.waitForFinished();
        return;
    }
    const double baseline = rssMb(s.process.processId());
    peak = baseline;
    QString id;
    // Five rounds, medians reported: one 25 MiB transfer is ~0.25 s, at the mercy of a shared machine.
    std::vector<double> ups, downs;
    bool ok = true;
    for (int round = 0; round < 5 && ok; ++round) {
        ok = transfer(client, s, path, copy, &up, &down, &sha, &peak, &id);
        ups.push_back(up);
        downs.push_back(down);
    }
    const auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v.empty() ? 0.0 : v[v.size() / 2];
    };
    up = median(ups);
    down = median(downs);
    qint64 rawBytes = 0;
    const double raw = ok ? rawDownloadMs(s, id, &rawBytes) : 0;
    QFile check(copy);
    QCryptographicHash h(QCryptographicHash::Sha256);
    if (ok && check.open(QIODevice::ReadOnly))
        h.addData(&check);
    if (!ok || QString::fromLatin1(h.result().toHex()) != sha)
        std::fprintf(stderr, "attachment bench: the downloaded copy does not match (%s)\n", qPrintable(tag));
    else {
        report(u"attachments.%1.upload"_qs.arg(tag), size, static_cast<double>(size) / 1e3 / up, u"MB/s"_qs,
            100, true);
        report(u"attachments.%1.download"_qs.arg(tag), size, static_cast<double>(size) / 1e3 / down,
            u"MB/s"_qs, 100, true);
        if (rawBytes == size) {
            report(u"attachments.%1.download_server"_qs.arg(tag), size, static_cast<double>(size) / 1e3 / raw,
                u"MB/s"_qs, 100, true);
        }
        report(u"attachments.%1.server_rss_growth"_qs.arg(tag), size, peak - baseline, u"MB"_qs, 10);
    }
    s.process.terminate();
    if (!s.process.waitForFinished(15000))
        s.process.kill();
    QFile::remove(path);
    QFile::remove(copy);
}

void sqliteBench(const Options &opts)
{
    run(opts, u"sqlite"_qs, {});
}

void pgBench(const Options &opts)
{
    const QString url = freshPgDatabase();
    if (url.isEmpty()) {
        std::fprintf(stderr, "attachment bench: no PostgreSQL (set TRIAGE_TEST_PG_URL); skipped\n");
        return;
    }
    run(opts, u"pg"_qs, url);
}

} // namespace

TRIAGE_BENCH("attachments.sqlite", sqliteBench);
TRIAGE_BENCH("attachments.pg", pgBench);
