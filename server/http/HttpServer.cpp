#include "HttpServer.h"

#include "MultipartUpload.h"
#include "PieceStream.h"
#include "RequestMetrics.h"
#include "SseStream.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QThread>

#include <algorithm>
#include <arpa/inet.h>
#include <cstdio>
#include <cstring>
#include <microhttpd.h>
#include <mutex>
#include <netinet/in.h>

namespace triage::server {

struct HttpServer::Context {
    HttpRequest request;
    QElapsedTimer timer;
    bool dispatched = false;
    bool responded = false;
    bool tooLarge = false;
    HttpResponse response;
    int status = 0;
    QString user;
    QString route;
    bool badEncoding = false;
    std::unique_ptr<MultipartUpload> upload; // an upload route's body (HttpOptions::uploadLimit)
    bool discardBody = false; // an upload route without credentials or multipart: the API answers
};

namespace {

MHD_Result accessCallback(void *cls, MHD_Connection *connection, const char *url, const char *method,
    const char * /*version*/, const char *uploadData, size_t *uploadSize, void **conCls)
{
    auto *server = static_cast<HttpServer *>(cls);
    return server->onAccess(connection, url, method, uploadData, uploadSize, conCls) ? MHD_YES : MHD_NO;
}

void completedCallback(void *cls, MHD_Connection *, void **conCls, MHD_RequestTerminationCode)
{
    static_cast<HttpServer *>(cls)->onCompleted(conCls);
}

MHD_Result collectHeader(void *cls, MHD_ValueKind, const char *key, const char *value)
{
    auto *request = static_cast<HttpRequest *>(cls);
    request->headers.insert(QByteArray(key).toLower(), QByteArray(value ? value : ""));
    return MHD_YES;
}

MHD_Result collectArgument(
    void *cls, MHD_ValueKind, const char *key, size_t keySize, const char *value, size_t valueSize)
{
    auto *ctx = static_cast<HttpServer::Context *>(cls);
    if (!isValidUtf8(key, keySize) || (value && !isValidUtf8(value, valueSize)))
        ctx->badEncoding = true;
    // Sizes, not C strings: an encoded %00 stays in the value and is rejected by validation.
    ctx->request.query.append({QString::fromUtf8(key, static_cast<qsizetype>(keySize)),
        value ? QString::fromUtf8(value, static_cast<qsizetype>(valueSize)) : QString()});
    return MHD_YES;
}

ssize_t sseRead(void *cls, uint64_t, char *buf, size_t max)
{
    auto &stream = *static_cast<std::shared_ptr<SseStream> *>(cls);
    const long n = stream->read(buf, max);
    if (n < 0)
        return MHD_CONTENT_READER_END_OF_STREAM;
    return n;
}

ssize_t pieceRead(void *cls, uint64_t, char *buf, size_t max)
{
    auto &stream = *static_cast<std::shared_ptr<PieceStream> *>(cls);
    const long n = stream->read(buf, max);
    if (n == -1)
        return MHD_CONTENT_READER_END_OF_STREAM;
    if (n < 0)
        return MHD_CONTENT_READER_END_WITH_ERROR;
    return n;
}

void pieceFree(void *cls)
{
    auto *stream = static_cast<std::shared_ptr<PieceStream> *>(cls);
    (*stream)->markGone();
    delete stream;
}

HttpResponse fileTooLarge(qint64 limit)
{
    return problem(413, u"file-too-large"_qs, u"File too large"_qs,
        u"The file may be at most %1 bytes."_qs.arg(limit), {{u"max_bytes"_qs, limit}});
}

// What a multipart body that did not complete gets.
HttpResponse uploadProblem(MultipartUpload::State state, qint64 limit)
{
    switch (state) {
    case MultipartUpload::State::TooLarge:
        return fileTooLarge(limit);
    case MultipartUpload::State::TwoFiles:
        return problem(
            400, u"invalid-multipart"_qs, u"Bad upload"_qs, u"Send one `file` part per request."_qs);
    case MultipartUpload::State::FieldsTooLarge:
        return problem(413, u"body-too-large"_qs, u"Request body too large"_qs,
            u"The form fields besides `file` may be at most %1 bytes."_qs.arg(
                MultipartUpload::kMaxFieldBytes));
    case MultipartUpload::State::SpoolFailed:
        return problem(507, u"storage-full"_qs, u"Server storage full"_qs,
            u"The server could not keep the upload on its disk; retry later."_qs);
    default:
        return problem(400, u"invalid-multipart"_qs, u"Bad upload"_qs,
            u"The body is not complete multipart/form-data (RFC 7578)."_qs);
    }
}

void freeBody(void *cls)
{
    delete static_cast<QByteArray *>(cls);
}

void sseFree(void *cls)
{
    auto *stream = static_cast<std::shared_ptr<SseStream> *>(cls);
    (*stream)->markGone();
    delete stream;
}

std::mutex g_logMutex;

} // namespace

void logRequest(const QByteArray &method, const QString &path, int status, double millis, const QString &user,
    const QString &remote)
{
    // Paths are ids and fixed words; clip and escape anyway so a hostile path cannot forge lines.
    QByteArray p = path.left(200).toUtf8();
    for (char &c : p) {
        if (static_cast<unsigned char>(c) < 0x20 || c == '"' || c == 0x7f)
            c = '?';
    }
    const QByteArray line = "ts=" + QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8()
        + " method=" + method.left(16) + " path=\"" + p + "\" status=" + QByteArray::number(status)
        + " dur_ms=" + QByteArray::number(millis, 'f', 2)
        + " user=" + (user.isEmpty() ? QByteArray("-") : user.toUtf8()) + " remote=" + remote.toUtf8() + '\n';
    std::lock_guard lock(g_logMutex);
    std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stderr);
}

int readerPoolSize(int configured, int cores)
{
    return configured > 0 ? configured : std::clamp(cores, 2, 16);
}

HttpServer::HttpServer(HttpOptions options, Handler handler)
    : m_options(std::move(options))
    , m_handler(std::move(handler))
{
    m_pool.setMaxThreadCount(m_options.workerThreads);
    m_pool.setExpiryTimeout(-1); // workers keep their database connection for the process lifetime
    m_readPool.setMaxThreadCount(readerPoolSize(m_options.readerThreads, QThread::idealThreadCount()));
    m_readPool.setExpiryTimeout(-1);
}

HttpServer::~HttpServer()
{
    stop();
}

bool HttpServer::start(QString *error)
{
    QHostAddress address;
    if (m_options.host == u"localhost"_qs)
        address = QHostAddress(QHostAddress::LocalHost);
    else if (!address.setAddress(m_options.host)) {
        *error = u"cannot parse listen host '%1' (use an IP address)"_qs.arg(m_options.host);
        return false;
    }
    sockaddr_in v4 {};
    sockaddr_in6 v6 {};
    const sockaddr *sa = nullptr;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_ALLOW_SUSPEND_RESUME
        | MHD_USE_ERROR_LOG | MHD_USE_TURBO;
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        v6.sin6_family = AF_INET6;
        v6.sin6_port = htons(m_options.port);
        const Q_IPV6ADDR a = address.toIPv6Address();
        std::memcpy(&v6.sin6_addr, &a, sizeof(a));
        sa = reinterpret_cast<const sockaddr *>(&v6);
        flags |= MHD_USE_IPv6;
    } else {
        v4.sin_family = AF_INET;
        v4.sin_port = htons(m_options.port);
        v4.sin_addr.s_addr = htonl(address.toIPv4Address());
        sa = reinterpret_cast<const sockaddr *>(&v4);
    }
    if (isTls())
        flags |= MHD_USE_TLS;

    // Keep the PEM buffers alive for the daemon's lifetime (they live in m_options).
    if (isTls()) {
        m_options.tlsCertPem.append('\0');
        m_options.tlsKeyPem.append('\0');
    }
    MHD_OptionItem tlsOptions[] = {
        {isTls() ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0,
            isTls() ? const_cast<char *>(m_options.tlsCertPem.constData()) : nullptr},
        {isTls() ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END, 0,
            isTls() ? const_cast<char *>(m_options.tlsKeyPem.constData()) : nullptr},
        {MHD_OPTION_END, 0, nullptr},
    };
    m_daemon = MHD_start_daemon(flags, 0, nullptr, nullptr, &accessCallback, this, MHD_OPTION_SOCK_ADDR, sa,
        MHD_OPTION_THREAD_POOL_SIZE, m_options.pollThreads, MHD_OPTION_CONNECTION_TIMEOUT,
        m_options.idleTimeoutSeconds, MHD_OPTION_CONNECTION_MEMORY_LIMIT, m_options.connectionMemoryLimit,
        MHD_OPTION_CONNECTION_LIMIT, m_options.maxConnections, MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u,
        MHD_OPTION_NOTIFY_COMPLETED, &completedCallback, this, MHD_OPTION_ARRAY, tlsOptions, MHD_OPTION_END);
    if (!m_daemon) {
        *error
            = u"cannot listen on %1:%2 (address in use, bad TLS files, or permissions)"_qs.arg(m_options.host)
                  .arg(m_options.port);
        return false;
    }
    const MHD_DaemonInfo *info = MHD_get_daemon_info(m_daemon, MHD_DAEMON_INFO_BIND_PORT);
    m_port = info ? info->port : m_options.port;
    return true;
}

void HttpServer::stopAccepting()
{
    m_stopping = true;
    if (m_daemon)
        MHD_quiesce_daemon(m_daemon);
}

void HttpServer::waitForHandlers()
{
    m_pool.waitForDone();
    m_readPool.waitForDone();
}

void HttpServer::stop()
{
    if (!m_daemon)
        return;
    stopAccepting();
    waitForHandlers();
    MHD_stop_daemon(m_daemon);
    m_daemon = nullptr;
}

int HttpServer::queue(MHD_Connection *connection, Context *ctx, const HttpResponse &r)
{
    MHD_Response *response = nullptr;
    if (r.stream) {
        r.stream->attach(connection);
        auto *holder = new std::shared_ptr<SseStream>(r.stream);
        response = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, &sseRead, holder, &sseFree);
    } else if (r.pieces) {
        r.pieces->attach(connection, &m_readPool);
        auto *holder = new std::shared_ptr<PieceStream>(r.pieces);
        // 32 KiB per write: libmicrohttpd takes the buffer from the connection's memory (64 KiB).
        response = MHD_create_response_from_callback(
            static_cast<uint64_t>(r.pieces->size()), 32 * 1024, &pieceRead, holder, &pieceFree);
    } else if (r.body.size() >= 4096) {
        // Large bodies (change-feed pages) are handed to libmicrohttpd, not copied: it keeps a
        // reference to the shared QByteArray until the response is destroyed.
        auto *owned = new QByteArray(r.body);
        response = MHD_create_response_from_buffer_with_free_callback_cls(
            static_cast<size_t>(owned->size()), const_cast<char *>(owned->constData()), &freeBody, owned);
        if (!response)
            delete owned;
    } else {
        response = MHD_create_response_from_buffer(static_cast<size_t>(r.body.size()),
            const_cast<char *>(r.body.constData()), MHD_RESPMEM_MUST_COPY);
    }
    if (!response)
        return 0;
    MHD_add_response_header(response, "Content-Type", r.contentType.constData());
    for (const auto &[name, value] : r.headers)
        MHD_add_response_header(response, name.constData(), value.constData());
    if (m_stopping)
        MHD_add_response_header(response, "Connection", "close");
    ctx->status = r.status;
    ctx->user = r.logUser;
    ctx->route = r.logRoute;
    ctx->responded = true;
    const MHD_Result ok = MHD_queue_response(connection, static_cast<unsigned>(r.status), response);
    MHD_destroy_response(response);
    return ok == MHD_YES;
}

int HttpServer::onAccess(MHD_Connection *connection, const char *url, const char *method,
    const char *uploadData, size_t *uploadSize, void **conCls)
{
    auto *ctx = static_cast<Context *>(*conCls);
    if (!ctx) {
        ctx = new Context;
        ctx->timer.start();
        *conCls = ctx;
        ctx->request.method = QByteArray(method);
        ctx->request.path = QString::fromUtf8(url);
        MHD_get_connection_values(connection, MHD_HEADER_KIND, &collectHeader, &ctx->request);
        qint64 headerBytes = static_cast<qint64>(std::strlen(method) + std::strlen(url)) + 12;
        for (auto it = ctx->request.headers.cbegin(); it != ctx->request.headers.cend(); ++it)
            headerBytes += it.key().size() + it.value().size() + 4;
        if (headerBytes > m_options.maxHeaderBytes) {
            return queue(connection, ctx,
                problem(431, u"headers-too-large"_qs, u"Request headers too large"_qs,
                    u"The request line and headers may be at most %1 bytes."_qs.arg(
                        m_options.maxHeaderBytes)));
        }
        MHD_get_connection_values_n(connection, MHD_GET_ARGUMENT_KIND, &collectArgument, ctx);
        if (!isValidUtf8(url, std::strlen(url)))
            ctx->badEncoding = true;
        if (const MHD_ConnectionInfo *info
            = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS)) {
            ctx->request.remoteAddress = QHostAddress(info->client_addr).toString();
        }
        bool ok = false;
        const qint64 declared = ctx->request.header("content-length").toLongLong(&ok);
        const qint64 fileLimit = m_options.uploadLimit ? m_options.uploadLimit(ctx->request) : 0;
        if (fileLimit > 0) {
            if (ok && declared > fileLimit + HttpOptions::kUploadOverheadBytes)
                return queue(connection, ctx, fileTooLarge(fileLimit));
            // Nothing is spooled for a caller without credentials: the API answers 401.
            if (ctx->request.header("authorization").isEmpty()) {
                ctx->discardBody = true;
                return 1;
            }
            // Not multipart/form-data: the body is dropped and the route answers (after its
            // sign-in and rights checks) 415.
            ctx->upload = MultipartUpload::begin(connection, fileLimit);
            ctx->discardBody = !ctx->upload;
            return 1;
        }
        if (ok && declared > m_options.maxBodyBytes) {
            return queue(connection, ctx,
                problem(413, u"body-too-large"_qs, u"Request body too large"_qs,
                    u"The body may be at most %1 bytes."_qs.arg(m_options.maxBodyBytes)));
        }
        return 1;
    }
    if (*uploadSize > 0 && (ctx->upload || ctx->discardBody)) {
        if (ctx->upload)
            ctx->upload->feed(uploadData, *uploadSize);
        *uploadSize = 0;
        return 1;
    }
    if (*uploadSize > 0) {
        if (!ctx->tooLarge) {
            if (ctx->request.body.size() + static_cast<qint64>(*uploadSize) > m_options.maxBodyBytes) {
                ctx->tooLarge = true;
                ctx->request.body.clear();
            } else {
                ctx->request.body.append(uploadData, static_cast<qsizetype>(*uploadSize));
            }
        }
        *uploadSize = 0;
        return 1;
    }
    if (ctx->responded)
        return 1;
    if (ctx->tooLarge) {
        return queue(connection, ctx,
            problem(413, u"body-too-large"_qs, u"Request body too large"_qs,
                u"The body may be at most %1 bytes."_qs.arg(m_options.maxBodyBytes)));
    }
    if (ctx->badEncoding) {
        return queue(connection, ctx,
            problem(400, u"invalid-encoding"_qs, u"Bad request"_qs,
                u"The path and query parameters must be valid UTF-8."_qs));
    }
    if (ctx->upload && !ctx->dispatched) {
        const MultipartUpload::State state = ctx->upload->finish();
        if (state != MultipartUpload::State::Complete)
            return queue(connection, ctx, uploadProblem(state, ctx->upload->fileLimit()));
        ctx->request.upload = std::shared_ptr<const MultipartUpload>(std::move(ctx->upload));
    }
    if (!ctx->dispatched) {
        ctx->dispatched = true;
        MHD_suspend_connection(connection);
        QThreadPool &pool = m_options.isQuickRead(ctx->request) ? m_readPool : m_pool;
        pool.start([this, ctx, connection] {
            try {
                ctx->response = m_handler(ctx->request);
            } catch (const std::exception &e) {
                ctx->response = problem(500, u"internal"_qs, u"Internal server error"_qs,
                    u"The request failed unexpectedly; it was logged."_qs);
                std::fprintf(stderr, "error: handler threw: %s\n", e.what());
            }
            MHD_resume_connection(connection);
        });
        return 1;
    }
    // Resumed after the worker finished.
    return queue(connection, ctx, ctx->response);
}

void HttpServer::onCompleted(void **conCls)
{
    auto *ctx = static_cast<Context *>(*conCls);
    if (!ctx)
        return;
    *conCls = nullptr;
    const double millis = ctx->timer.nsecsElapsed() / 1e6;
    logRequest(
        ctx->request.method, ctx->request.path, ctx->status, millis, ctx->user, ctx->request.remoteAddress);
    if (ctx->responded)
        requestMetrics::record(ctx->request.method, ctx->route.isEmpty() ? u"unmatched"_qs : ctx->route,
            ctx->status, millis / 1000.0);
    delete ctx;
}

} // namespace triage::server
