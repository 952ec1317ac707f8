#pragma once

#include "HttpTypes.h"

#include <QString>
#include <QThreadPool>

#include <atomic>
#include <functional>

struct MHD_Daemon;
struct MHD_Connection;

namespace triage::server {

struct HttpOptions {
    QString host = u"127.0.0.1"_qs;
    quint16 port = 0;
    QByteArray tlsCertPem; // both set → HTTPS (GnuTLS inside libmicrohttpd)
    QByteArray tlsKeyPem;
    qint64 maxBodyBytes = 1 << 20; // larger bodies → 413
    // Request line + headers above maxHeaderBytes get our 431 problem+json. libmicrohttpd needs
    // the whole header block in its per-connection memory, so that is twice as large; only a
    // header block beyond it gets libmicrohttpd's own short 431 page. libmicrohttpd zeroes the whole
    // connection memory before every keep-alive request, so it is not made larger than needed.
    qint64 maxHeaderBytes = 32 * 1024;
    size_t connectionMemoryLimit = 64 * 1024;
    unsigned idleTimeoutSeconds = 30; // per-connection inactivity timeout (slow clients)
    unsigned pollThreads = 2; // MHD thread pool: I/O only, never handler work
    int workerThreads = 8; // QThreadPool running writes and slow reads (one DB connection each)
    // Quick reads (as `isQuickRead` says) run on their own pool, one thread per core by default (0; at
    // least 2, at most 16 so that a large machine does not take most of PostgreSQL's default 100
    // connections): they are CPU-bound, and more of them at once only stretches the latency tail.
    // Writes wait on locks and commits, so they keep the larger pool. See docs/architecture.md.
    int readerThreads = 0;
    // Which requests are quick reads; the transport knows only that they are GET/HEAD (the API
    // narrows it: Api::isQuickRead).
    std::function<bool(const HttpRequest &)> isQuickRead
        = [](const HttpRequest &r) { return r.method == "GET" || r.method == "HEAD"; };
    unsigned maxConnections = 4000;
    // Routes whose multipart/form-data body is parsed as it arrives, its file part spooled to a
    // temporary file (MultipartUpload) instead of held in memory: the largest file part accepted
    // for this request, or 0 for an ordinary request (maxBodyBytes). A larger file gets 413 as soon
    // as it passes the limit. The other fields and the framing may add kUploadOverheadBytes.
    std::function<qint64(const HttpRequest &)> uploadLimit;
    static constexpr qint64 kUploadOverheadBytes = 64 * 1024;
};

// The read pool's size for `configured` (HttpOptions::readerThreads) on a machine with `cores`.
int readerPoolSize(int configured, int cores);

// libmicrohttpd in thread-pool mode with suspend/resume: poll threads parse requests and write
// responses; every complete request is handed to a QThreadPool worker while its connection is
// suspended, so a slow handler or an idle push stream never pins a poll thread. See
// docs/architecture.md "HTTP layer".
class HttpServer
{
public:
    using Handler = std::function<HttpResponse(const HttpRequest &)>;

    HttpServer(HttpOptions options, Handler handler);
    ~HttpServer();
    HttpServer(const HttpServer &) = delete;
    HttpServer &operator=(const HttpServer &) = delete;

    bool start(QString *error);
    quint16 port() const { return m_port; }
    bool isTls() const { return !m_options.tlsCertPem.isEmpty(); }
    // Stop accepting, let in-flight handlers finish, then close every connection.
    void stopAccepting();
    void waitForHandlers();
    void stop();

    // internal (C callbacks)
    struct Context;
    int onAccess(MHD_Connection *connection, const char *url, const char *method, const char *uploadData,
        size_t *uploadSize, void **conCls);
    void onCompleted(void **conCls);

private:
    int queue(MHD_Connection *connection, Context *ctx, const HttpResponse &response);

    HttpOptions m_options;
    Handler m_handler;
    QThreadPool m_pool;
    QThreadPool m_readPool;
    MHD_Daemon *m_daemon = nullptr;
    quint16 m_port = 0;
    std::atomic<bool> m_stopping {false};
};

// One structured line per request on stderr: never bodies, query strings or headers (secrets).
void logRequest(const QByteArray &method, const QString &path, int status, double millis, const QString &user,
    const QString &remote);

} // namespace triage::server
