#include "ServerDatabase.h"

#include "ServerSchema.h"
#include "domain/Uuid.h"
#include "store/Checkpointer.h"

#include <QDir>
#include <QHash>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDriver>
#include <QSqlError>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <atomic>
#include <libpq-fe.h>
#include <sqlite3.h>

namespace triage::server {

namespace {

// A statement sent through libpq directly: `?` rewritten to `$n`, prepared under `name` once per
// connection.
struct PgStatement {
    QByteArray name;
    QByteArray text;
    int params = 0;
    bool prepared = false;
};

struct QueuedWrite {
    QString sql;
    QList<QByteArray> values;
    QList<bool> nulls;
    bool unprepared = false; // BEGIN: sent as is, never prepared
};

struct PerThread {
    QString connectionName;
    QHash<QString, QSqlQuery *> queries;
    QHash<QByteArray, sqlite3_stmt *> rawStatements;
    QSet<QByteArray> pgPrepared;
    QHash<QString, PgStatement> pgStatements;
    QList<QueuedWrite> queued;
    QList<std::pair<QString, QueuedWrite>> prefetches; // key, read: sent with the next flush
    QHash<QString, QList<QByteArray>> prefetched; // key → first row (empty: no row)
    bool deferring = false;
    std::shared_ptr<ThreadRegistry> registry;
    bool released = false; // statements and connection closed (by the thread or by ~ServerDatabase)
};

} // namespace

// Every thread's state of one ServerDatabase. Whoever comes first closes a thread's statements and
// connection: the thread when it ends (or asks, dropThreadConnection), or the database's destructor
// for threads still alive then — a pooled thread may end only after main() returned, when Qt's
// connection registry and the PostgreSQL driver are gone and closing would crash.
struct ThreadRegistry {
    QMutex mutex;
    QSet<PerThread *> live;
};

namespace {

// Caller holds the registry's mutex.
void releaseContents(PerThread *s)
{
    if (s->released)
        return;
    s->released = true;
    for (sqlite3_stmt *st : std::as_const(s->rawStatements))
        sqlite3_finalize(st);
    s->rawStatements.clear();
    qDeleteAll(s->queries);
    s->queries.clear();
    QSqlDatabase::removeDatabase(s->connectionName); // closes it once the last handle is gone
    s->registry->live.remove(s);
}

void releasePerThread(PerThread *s)
{
    {
        QMutexLocker lock(&s->registry->mutex);
        releaseContents(s);
    }
    delete s;
}

struct ThreadStates : QHash<const ServerDatabase *, PerThread *> {
    ThreadStates() = default;
    ThreadStates(const ThreadStates &) = delete;
    ThreadStates &operator=(const ThreadStates &) = delete;
    ~ThreadStates()
    {
        for (PerThread *s : std::as_const(*this))
            releasePerThread(s);
    }
};

thread_local ThreadStates t_state;

PgStatement makePgStatement(const QString &sql, int serial)
{
    PgStatement st;
    st.name = "triage_w" + QByteArray::number(serial);
    const QByteArray utf8 = sql.toUtf8();
    bool quoted = false;
    for (const char c : utf8) {
        if (c == '\'')
            quoted = !quoted;
        if (c == '?' && !quoted)
            st.text += '$' + QByteArray::number(++st.params);
        else
            st.text += c;
    }
    return st;
}

// Text-format parameter for libpq, as Qt's QPSQL driver would send it; false = SQL NULL.
bool pgText(const QVariant &v, QByteArray *out)
{
    if (!v.isValid() || v.isNull())
        return false;
    switch (v.typeId()) {
    case QMetaType::Bool:
        *out = v.toBool() ? "true" : "false";
        break;
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
        *out = v.toByteArray();
        break;
    case QMetaType::Double: {
        const double d = v.toDouble();
        *out = qIsNaN(d) ? QByteArray("NaN")
            : qIsInf(d)  ? QByteArray(d > 0 ? "Infinity" : "-Infinity")
                         : QByteArray::number(d, 'g', 17);
        break;
    }
    case QMetaType::QByteArray:
        *out = v.toByteArray();
        break;
    default:
        *out = v.toString().toUtf8();
        break;
    }
    return true;
}

QueuedWrite makeQueued(const QString &sql, const QVariantList &values)
{
    QueuedWrite w;
    w.sql = sql;
    w.values.reserve(values.size());
    w.nulls.reserve(values.size());
    for (const QVariant &v : values) {
        QByteArray text;
        w.nulls.append(!pgText(v, &text));
        w.values.append(text);
    }
    return w;
}

} // namespace

void ServerDatabase::configureProcess()
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
}

std::unique_ptr<ServerDatabase> ServerDatabase::open(
    const QString &dataDir, const QString &url, QString *error)
{
    std::unique_ptr<ServerDatabase> db(new ServerDatabase);
    db->m_threads = std::make_shared<ThreadRegistry>();
    db->m_instanceKey = newId();
    if (!url.isEmpty()) {
        const QUrl u(url);
        if (!u.isValid() || (u.scheme() != u"postgresql"_qs && u.scheme() != u"postgres"_qs)) {
            *error = u"--database must be a postgresql://user@host:port/db URL"_qs;
            return nullptr;
        }
        db->m_dialect = Dialect::Postgres;
        // libpq's URI form: a local server's Unix socket is `?host=/run/postgresql` (or the
        // directory percent-encoded as the host); other query parameters (sslmode, …) go to libpq.
        QUrlQuery query(u);
        db->m_pgHost = query.hasQueryItem(u"host"_qs) ? query.queryItemValue(u"host"_qs, QUrl::FullyDecoded)
                                                      : u.host(QUrl::FullyDecoded);
        if (db->m_pgHost.isEmpty())
            db->m_pgHost = u"127.0.0.1"_qs;
        query.removeAllQueryItems(u"host"_qs);
        db->m_pgPort = u.port(5432);
        if (query.hasQueryItem(u"port"_qs)) {
            bool ok = false;
            db->m_pgPort = query.queryItemValue(u"port"_qs).toInt(&ok);
            if (!ok || db->m_pgPort <= 0 || db->m_pgPort > 65535) {
                *error = u"--database: the port must be a number"_qs;
                return nullptr;
            }
            query.removeAllQueryItems(u"port"_qs);
        }
        for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
            static const QRegularExpression keyRe(u"^[a-z_]+$"_qs);
            static const QRegularExpression valueRe(u"^[A-Za-z0-9_./:@+-]*$"_qs);
            if (!keyRe.match(key).hasMatch() || !valueRe.match(value).hasMatch()
                || key == u"connect_timeout"_qs) {
                *error = u"--database: unsupported parameter '%1'"_qs.arg(key);
                return nullptr;
            }
            db->m_pgOptions += u';' + key + u'=' + value;
        }
        db->m_pgUser = u.userName();
        db->m_pgPassword = u.password();
        db->m_pgDb = u.path().mid(1);
        if (db->m_pgDb.isEmpty())
            db->m_pgDb = u"postgres"_qs;
    } else {
        if (dataDir.isEmpty()) {
            *error = u"--data DIR is required (or --database URL)"_qs;
            return nullptr;
        }
        if (!QDir().mkpath(dataDir)) {
            *error = u"cannot create data directory %1"_qs.arg(dataDir);
            return nullptr;
        }
        db->m_sqlitePath = QDir(dataDir).absoluteFilePath(u"triage.db"_qs);
    }
    if (!db->init(error))
        return nullptr;
    return db;
}

ServerDatabase::~ServerDatabase()
{
    // Worker threads no longer use the database (their owners stopped them first) but may still
    // exist: their connections are closed here, their states freed when they end.
    {
        QMutexLocker lock(&m_threads->mutex);
        const QSet<PerThread *> live = m_threads->live;
        for (PerThread *s : live)
            releaseContents(s);
    }
    delete t_state.take(this);
}

int ServerDatabase::liveConnections() const
{
    QMutexLocker lock(&m_threads->mutex);
    return static_cast<int>(m_threads->live.size());
}

QString ServerDatabase::describe() const
{
    if (isPostgres()) {
        if (m_pgHost.startsWith(u'/'))
            return u"postgresql://%1@/%2?host=%3&port=%4"_qs.arg(m_pgUser, m_pgDb, m_pgHost).arg(m_pgPort);
        return u"postgresql://%1@%2:%3/%4"_qs.arg(m_pgUser, m_pgHost).arg(m_pgPort).arg(m_pgDb);
    }
    return u"sqlite:"_qs + m_sqlitePath;
}

QSqlDatabase ServerDatabase::makeConnection(const QString &name)
{
    QSqlDatabase c = QSqlDatabase::addDatabase(isPostgres() ? u"QPSQL"_qs : u"QSQLITE"_qs, name);
    if (isPostgres()) {
        c.setHostName(m_pgHost);
        c.setPort(m_pgPort);
        c.setUserName(m_pgUser);
        c.setPassword(m_pgPassword);
        c.setDatabaseName(m_pgDb);
        c.setConnectOptions(u"connect_timeout=10"_qs + m_pgOptions);
    } else {
        c.setDatabaseName(m_sqlitePath);
        c.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=10000"_qs);
    }
    if (!c.open())
        throw DbError("cannot open database: " + c.lastError().text().toStdString());
    if (!isPostgres()) {
        std::call_once(
            m_checkpointerOnce, [this] { m_checkpointer = std::make_unique<Checkpointer>(m_sqlitePath); });
        const QVariant handle = c.driver()->handle();
        if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
            m_checkpointer->attach(*static_cast<sqlite3 *const *>(handle.constData()));
    }
    QSqlQuery q(c);
    if (isPostgres()) {
        q.exec(u"SET client_min_messages = warning"_qs);
    } else {
        q.exec(u"PRAGMA journal_mode = WAL"_qs);
        q.exec(u"PRAGMA synchronous = NORMAL"_qs);
        q.exec(u"PRAGMA foreign_keys = OFF"_qs);
    }
    return c;
}

QVariant ServerDatabase::jsonValue(const QJsonObject &object) const
{
    const QByteArray utf8 = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return isPostgres() ? QVariant(QString::fromUtf8(utf8)) : QVariant(utf8);
}

QSqlDatabase ServerDatabase::openExtraConnection(const QString &name)
{
    return makeConnection(name);
}

QSqlDatabase ServerDatabase::connection()
{
    PerThread *&s = t_state[this];
    if (s && s->released) { // left by an earlier database at this address
        delete s;
        s = nullptr;
    }
    if (!s) {
        s = new PerThread;
        s->registry = m_threads;
        {
            QMutexLocker lock(&m_threads->mutex);
            m_threads->live.insert(s);
        }
        static std::atomic<int> generation {0};
        s->connectionName = u"triage-"_qs + m_instanceKey + u'-'
            + QString::number(reinterpret_cast<quintptr>(QThread::currentThread()), 16) + u'-'
            + QString::number(++generation);
        makeConnection(s->connectionName);
    }
    return QSqlDatabase::database(s->connectionName, false);
}

void ServerDatabase::dropThreadConnection()
{
    if (PerThread *s = t_state.take(this))
        releasePerThread(s);
}

QSqlQuery &ServerDatabase::prepared(const QString &sql)
{
    QSqlDatabase c = connection();
    PerThread *s = t_state.value(this);
    QSqlQuery *&q = s->queries[sql];
    if (!q) {
        q = new QSqlQuery(c);
        q->setForwardOnly(true);
        if (!q->prepare(sql)) {
            const QString err = q->lastError().text();
            delete q;
            s->queries.remove(sql);
            throw DbError("prepare failed: " + err.toStdString() + " [" + sql.left(80).toStdString() + "]");
        }
    }
    return *q;
}

void *ServerDatabase::sqliteStatement(const char *sql)
{
    if (isPostgres())
        return nullptr;
    QSqlDatabase c = connection();
    PerThread *s = t_state.value(this);
    sqlite3_stmt *&st = s->rawStatements[QByteArray(sql)];
    if (!st) {
        const QVariant handle = c.driver()->handle();
        sqlite3 *h = handle.isValid() ? *static_cast<sqlite3 *const *>(handle.constData()) : nullptr;
        if (!h || sqlite3_prepare_v3(h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr) != SQLITE_OK) {
            const std::string err = h ? sqlite3_errmsg(h) : "no sqlite handle";
            st = nullptr;
            s->rawStatements.remove(QByteArray(sql));
            throw DbError("prepare failed: " + err);
        }
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return st;
}

void *ServerDatabase::postgresPrepared(const char *name, const QByteArray &sql, int params)
{
    if (!isPostgres())
        return nullptr;
    QSqlDatabase c = connection();
    PerThread *s = t_state.value(this);
    const QVariant handle = c.driver()->handle();
    PGconn *conn = handle.isValid() ? *static_cast<PGconn *const *>(handle.constData()) : nullptr;
    if (!conn || PQstatus(conn) != CONNECTION_OK)
        throw DbError("no PostgreSQL connection");
    if (!s->pgPrepared.contains(QByteArray(name))) {
        PGresult *res = PQprepare(conn, name, sql.constData(), params, nullptr);
        const bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
        const std::string err = ok ? std::string() : PQresultErrorMessage(res);
        PQclear(res);
        if (!ok)
            throw DbError("prepare failed: " + err);
        s->pgPrepared.insert(QByteArray(name));
    }
    return conn;
}

void ServerDatabase::setDeferring(bool on)
{
    if (!isPostgres())
        return;
    connection();
    t_state.value(this)->deferring = on;
}

bool ServerDatabase::deferWrite(const QString &sql, const QVariantList &values)
{
    if (!isPostgres())
        return false;
    PerThread *s = t_state.value(this);
    if (!s || !s->deferring)
        return false;
    s->queued.append(makeQueued(sql, values));
    return true;
}

void ServerDatabase::prefetch(const QString &key, const QString &sql, const QVariantList &values)
{
    if (!isPostgres())
        return;
    connection();
    t_state.value(this)->prefetches.append({key, makeQueued(sql, values)});
}

std::optional<QList<QByteArray>> ServerDatabase::takePrefetched(const QString &key)
{
    PerThread *s = t_state.value(this);
    if (!s)
        return std::nullopt;
    const auto it = s->prefetched.constFind(key);
    if (it == s->prefetched.constEnd())
        return std::nullopt;
    QList<QByteArray> row = *it;
    s->prefetched.erase(it);
    return row;
}

void ServerDatabase::queueBegin()
{
    connection();
    PerThread *s = t_state.value(this);
    s->prefetches.clear();
    s->prefetched.clear();
    QueuedWrite begin;
    begin.sql = u"BEGIN"_qs;
    begin.unprepared = true;
    s->queued.prepend(begin);
}

void ServerDatabase::discardWrites()
{
    if (PerThread *s = t_state.value(this)) {
        s->queued.clear();
        s->prefetches.clear();
        s->prefetched.clear();
        s->deferring = false;
    }
}

int ServerDatabase::flushWrites(
    const QString &tail, const QVariantList &tailValues, bool commit, QList<QByteArray> *tailRow)
{
    PerThread *s = t_state.value(this);
    if (!isPostgres() || !s || (s->queued.isEmpty() && tail.isEmpty() && !commit))
        return 0;
    QList<QueuedWrite> work = std::move(s->queued);
    s->queued.clear();
    // A write may change what was prefetched: such rows are dropped, never served stale.
    if (commit || std::any_of(work.cbegin(), work.cend(), [](const QueuedWrite &w) { return !w.unprepared; }))
        s->prefetched.clear();
    if (!tail.isEmpty())
        work.append(makeQueued(tail, tailValues));
    const qsizetype tailIndex = tail.isEmpty() ? -1 : work.size() - 1;
    QHash<qsizetype, QString> prefetchIndex; // work index → key
    for (auto &[key, read] : s->prefetches) {
        prefetchIndex.insert(work.size(), key);
        work.append(std::move(read));
    }
    s->prefetches.clear();

    QSqlDatabase c = connection();
    const QVariant handle = c.driver()->handle();
    PGconn *conn = handle.isValid() ? *static_cast<PGconn *const *>(handle.constData()) : nullptr;
    if (!conn || PQstatus(conn) != CONNECTION_OK)
        throw DbError("no PostgreSQL connection");
    // Qt's driver leaves the last query's end-of-results pending until its next query; drain it
    // (as Qt and PQexec would) so the connection is idle.
    while (PGresult *r = PQgetResult(conn))
        PQclear(r);
    if (PQenterPipelineMode(conn) != 1)
        throw DbError(std::string("cannot enter pipeline mode: ") + PQerrorMessage(conn));

    // What each result belongs to: a Parse (index into `work`, marks it prepared) or an execution.
    struct Sent {
        qsizetype index;
        bool prepare;
    };
    QList<Sent> sent;
    std::string error;
    std::string errorCode; // the first failed statement's SQLSTATE
    QSet<QByteArray> preparing;
    for (qsizetype i = 0; i < work.size() && error.empty(); ++i) {
        const QueuedWrite &w = work[i];
        if (w.unprepared) {
            if (PQsendQueryParams(conn, w.sql.toUtf8().constData(), 0, nullptr, nullptr, nullptr, nullptr, 0)
                != 1) {
                error = PQerrorMessage(conn);
                break;
            }
            sent.append({i, false});
            continue;
        }
        auto it = s->pgStatements.find(w.sql);
        if (it == s->pgStatements.end())
            it = s->pgStatements.insert(
                w.sql, makePgStatement(w.sql, static_cast<int>(s->pgStatements.size())));
        if (it->params != w.values.size()) {
            error = "parameter count mismatch [" + w.sql.left(80).toStdString() + "]";
            break;
        }
        if (!it->prepared && !preparing.contains(it->name)) {
            if (PQsendPrepare(conn, it->name.constData(), it->text.constData(), it->params, nullptr) != 1) {
                error = PQerrorMessage(conn);
                break;
            }
            preparing.insert(it->name);
            sent.append({i, true});
        }
        std::vector<const char *> values(static_cast<size_t>(w.values.size()));
        for (qsizetype p = 0; p < w.values.size(); ++p)
            values[static_cast<size_t>(p)] = w.nulls[p] ? nullptr : w.values[p].constData();
        if (PQsendQueryPrepared(conn, it->name.constData(), it->params, values.data(), nullptr, nullptr, 0)
            != 1) {
            error = PQerrorMessage(conn);
            break;
        }
        sent.append({i, false});
    }
    if (commit && error.empty()) {
        if (PQsendQueryParams(conn, "COMMIT", 0, nullptr, nullptr, nullptr, nullptr, 0) != 1)
            error = PQerrorMessage(conn);
        else
            sent.append({-1, false});
    }
    const bool synced = PQpipelineSync(conn) == 1;
    int tailRows = 0;
    for (const Sent &x : std::as_const(sent)) {
        PGresult *r = PQgetResult(conn);
        if (!r) {
            if (error.empty())
                error = std::string("pipeline ended early: ") + PQerrorMessage(conn);
            break;
        }
        const ExecStatusType st = PQresultStatus(r);
        // PGRES_SINGLE_TUPLE: libpq keeps the single-row mode Qt's driver set for its last
        // forward-only read and, in pipeline mode, does not reset it for the next query sent — seen
        // when a read ran between a transaction's deferred writes and its commit. One row is all
        // a tail or a prefetch reads; the rest of the result is drained below.
        if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_SINGLE_TUPLE) {
            if (x.prepare)
                s->pgStatements[work[x.index].sql].prepared = true;
            else if (x.index == tailIndex) {
                tailRows = PQntuples(r);
                if (tailRow && tailRows > 0) {
                    for (int col = 0; col < PQnfields(r); ++col)
                        tailRow->append(QByteArray(PQgetvalue(r, 0, col), PQgetlength(r, 0, col)));
                }
            } else if (const auto key = prefetchIndex.constFind(x.index); key != prefetchIndex.constEnd()) {
                QList<QByteArray> row;
                for (int col = 0; PQntuples(r) > 0 && col < PQnfields(r); ++col)
                    row.append(QByteArray(PQgetvalue(r, 0, col), PQgetlength(r, 0, col)));
                s->prefetched.insert(*key, row);
            }
        } else if (st != PGRES_PIPELINE_ABORTED && error.empty()) {
            const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
            errorCode = state ? state : "";
            error = std::string(PQresultErrorMessage(r)) + " (" + (state ? state : "") + ") ["
                + (x.index >= 0 ? work[x.index].sql.left(80).toStdString() : std::string("COMMIT")) + "]";
        }
        PQclear(r);
        while ((r = PQgetResult(conn)))
            PQclear(r); // the end-of-command NULL
    }
    if (synced) {
        for (PGresult *r = PQgetResult(conn); r; r = PQgetResult(conn)) {
            const bool done = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
            PQclear(r);
            if (done)
                break;
        }
    }
    if (PQexitPipelineMode(conn) != 1 && error.empty())
        error = std::string("cannot leave pipeline mode: ") + PQerrorMessage(conn);
    if (!error.empty())
        throw DbError("write batch failed: " + error, errorCode);
    return tailRows;
}

void ServerDatabase::execRaw(const QString &sql)
{
    if (isPostgres() && sql == u"ROLLBACK"_qs)
        discardWrites();
    else
        flushWrites();
    if (!isPostgres()
        && (sql == u"BEGIN"_qs || sql == u"BEGIN IMMEDIATE"_qs || sql == u"COMMIT"_qs
            || sql == u"ROLLBACK"_qs)) {
        // Transaction control runs on every request: keep it prepared (PostgreSQL cannot PREPARE it).
        QSqlQuery &q = prepared(sql);
        if (!q.exec()) {
            throw DbError(
                "statement failed: " + q.lastError().text().toStdString() + " [" + sql.toStdString() + "]",
                q.lastError().nativeErrorCode().toStdString());
        }
        q.finish();
        return;
    }
    QSqlQuery q(connection());
    if (!q.exec(sql)) {
        throw DbError("statement failed: " + q.lastError().text().toStdString() + " ["
                + sql.left(80).toStdString() + "]",
            q.lastError().nativeErrorCode().toStdString());
    }
}

bool ServerDatabase::init(QString *error)
{
    try {
        connection();
        // Two instances starting at once on one PostgreSQL: serialise the schema set-up.
        execRaw(isPostgres() ? u"BEGIN"_qs : u"BEGIN IMMEDIATE"_qs);
        if (isPostgres())
            execRaw(u"SELECT pg_advisory_xact_lock(7349120)"_qs);
        for (const QString &stmt : schemaStatements(m_dialect))
            execRaw(stmt);
        // Columns added after a database was created (CREATE TABLE IF NOT EXISTS keeps old tables),
        // checked first: ALTER TABLE would take an exclusive lock on every start.
        // `tickets.history` (HistoryLog): NULL for tickets written before it, which the change feed
        // then reads from ticket_history. `tickets.history_tail`: the log's newest events
        // (ServerTicketStore::update); '' on rows written before it, whose whole log is in `history`.
        const auto hasColumn = [this](const QString &table, const QString &column) {
            Sql has(*this,
                isPostgres()
                    ? u"SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema()"
                      " AND table_name = ? AND column_name = ?"_qs
                    : u"SELECT COUNT(*) FROM pragma_table_info(?) WHERE name = ?"_qs);
            has.bind(table).bind(column).exec();
            return has.next() && has.i64(0) > 0;
        };
        if (!hasColumn(u"tickets"_qs, u"history"_qs))
            execRaw(u"ALTER TABLE tickets ADD COLUMN history TEXT"_qs);
        if (!hasColumn(u"tickets"_qs, u"history_tail"_qs))
            execRaw(u"ALTER TABLE tickets ADD COLUMN history_tail TEXT NOT NULL DEFAULT ''"_qs);
        // The comments' copies of their ticket's visibility (ServerSchema.cpp), filled from the tickets
        // once; a comment without its ticket stays invisible, as the join used to make it.
        if (!hasColumn(u"comments"_qs, u"ticket_group"_qs)) {
            execRaw(u"ALTER TABLE comments ADD COLUMN ticket_group TEXT NOT NULL DEFAULT ''"_qs);
            execRaw(u"ALTER TABLE comments ADD COLUMN ticket_requester TEXT NOT NULL DEFAULT ''"_qs);
            execRaw(u"ALTER TABLE comments ADD COLUMN ticket_deleted INTEGER NOT NULL DEFAULT 0"_qs);
            execRaw(
                u"UPDATE comments SET"
                " ticket_group = COALESCE((SELECT t.group_id FROM tickets t WHERE t.id = "
                "comments.ticket_id), ''),"
                " ticket_requester = COALESCE((SELECT t.requester_id FROM tickets t"
                " WHERE t.id = comments.ticket_id), ''),"
                " ticket_deleted = COALESCE((SELECT t.deleted FROM tickets t WHERE t.id = comments.ticket_id), 1)"_qs);
        }
        // outgoing_messages.markup: Telegram inline buttons (agent alerts, CSAT).
        if (!hasColumn(u"outgoing_messages"_qs, u"markup"_qs))
            execRaw(u"ALTER TABLE outgoing_messages ADD COLUMN markup TEXT"_qs);
        // sync_head.small_seq and its triggers (ServerSchema.cpp), filled once from the tables.
        if (!hasColumn(u"sync_head"_qs, u"small_seq"_qs))
            execRaw(u"ALTER TABLE sync_head ADD COLUMN small_seq BIGINT NOT NULL DEFAULT 0"_qs);
        bool triggers = false;
        {
            Sql has(*this,
                isPostgres() ? u"SELECT COUNT(*) FROM pg_trigger WHERE tgname = 'users_small_seq'"_qs
                             : u"SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger'"
                               " AND name = 'users_small_seq_i'"_qs);
            has.exec();
            triggers = has.next() && has.i64(0) > 0;
        }
        if (!triggers) {
            for (const QString &stmt : smallSeqTriggers(m_dialect))
                execRaw(stmt);
            QStringList maxima;
            for (const QString &t : smallSeqTables())
                maxima << u"SELECT MAX(seq) AS m FROM "_qs + t;
            execRaw(u"UPDATE sync_head SET small_seq = (SELECT COALESCE(MAX(m), 0) FROM ("_qs
                + maxima.join(u" UNION ALL "_qs) + u") x) WHERE id = 1"_qs);
        }
        {
            Sql ins(*this, u"INSERT INTO meta (key, value) VALUES ('epoch', ?) ON CONFLICT DO NOTHING"_qs);
            ins.bind(newId()).exec();
        }
        {
            Sql ins(*this,
                u"INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT DO NOTHING"_qs);
            ins.bind(QString::number(kSchemaVersion)).exec();
        }
        {
            Sql sel(*this, u"SELECT value FROM meta WHERE key = 'epoch'"_qs);
            sel.exec();
            if (sel.next())
                m_epoch = sel.str(0);
        }
        execRaw(u"COMMIT"_qs);
    } catch (const DbError &e) {
        *error = QString::fromStdString(e.what());
        return false;
    }
    return !m_epoch.isEmpty();
}

} // namespace triage::server
