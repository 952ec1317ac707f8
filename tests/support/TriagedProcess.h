#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace triage::test {

// A real `triaged serve` on 127.0.0.1, port 0, started from TRIAGE_BIN_DIR. Waits for the
// "listening on" line; stops with SIGTERM. Shared by the server and sync-engine integration tests.
class TriagedProcess
{
public:
    struct Options {
        QString dataDir; // empty → a fresh temporary directory
        QString databaseUrl; // postgresql://… → --database
        bool demo = true;
        bool testClock = false; // --test-clock: the test moves the server's time (advanceClock)
        QStringList extraArgs;
        QHash<QString, QString> env; // added to the environment (fast Argon2 and 60 demo tickets by default)
    };

    TriagedProcess();
    ~TriagedProcess();
    TriagedProcess(const TriagedProcess &) = delete;
    TriagedProcess &operator=(const TriagedProcess &) = delete;

    bool start(const Options &options);
    bool start() { return start(Options {}); }
    // SIGTERM and wait; returns the exit code (-1 if it crashed or hung).
    int stop(int timeoutMs = 15000);
    void kill();
    qint64 pid() const; // 0 when not running
    bool isRunning() const;

    QUrl baseUrl() const { return m_baseUrl; }
    quint16 port() const { return static_cast<quint16>(m_baseUrl.port()); }
    QString dataDir() const { return m_dataDir; }
    QString databaseUrl() const { return m_databaseUrl; } // empty on SQLite
    QByteArray stderrLog(); // everything triaged wrote to stderr, across restarts
    QString error() const { return m_error; }

    static QString binary();

private:
    std::unique_ptr<QProcess> m_process;
    std::unique_ptr<QTemporaryDir> m_tempDir;
    QString m_dataDir;
    QString m_databaseUrl;
    QUrl m_baseUrl;
    std::unique_ptr<QTemporaryDir> m_logDir; // triaged.log: stderr of every start, appended
    QString m_error;
};

struct HttpResult {
    int status = 0;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QNetworkReply::NetworkError error = QNetworkReply::NoError;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QByteArray header(const QByteArray &lower) const { return headers.value(lower); }
    QString problemType() const; // last path segment of the problem "type"
};

// A small synchronous client over QNetworkAccessManager for tests.
class TestClient
{
public:
    explicit TestClient(QUrl base)
        : m_base(std::move(base))
    { }

    void setToken(const QByteArray &token) { m_token = token; }
    QByteArray token() const { return m_token; }
    // Logs in and keeps the token; returns false on failure.
    bool login(const QString &username, const QString &password = QStringLiteral("demo"));

    HttpResult get(const QString &pathAndQuery, const QHash<QByteArray, QByteArray> &headers = {});
    HttpResult post(
        const QString &path, const QJsonObject &body, const QHash<QByteArray, QByteArray> &headers = {});
    HttpResult patch(
        const QString &path, const QJsonObject &body, const QHash<QByteArray, QByteArray> &headers = {});
    HttpResult del(const QString &path);
    HttpResult send(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body,
        const QHash<QByteArray, QByteArray> &headers = {}, int timeoutMs = 30000);
    // Starts a request and returns at once; wait with finish().
    QNetworkReply *start(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body,
        const QHash<QByteArray, QByteArray> &headers = {});
    static HttpResult finish(QNetworkReply *reply, int timeoutMs = 30000);

    QNetworkAccessManager &nam() { return m_nam; }

private:
    QUrl m_base;
    QByteArray m_token;
    QNetworkAccessManager m_nam;
};

QByteArray toJson(const QJsonObject &o);
QString newUuid();

// One run of TRIAGE_BIN_DIR/triagectl (optionally behind `wrapper`, e.g. faketime) with
// TRIAGE_PASSWORD=demo and `env` added; code -1 when it crashed or did not finish in time.
struct CliRun {
    int code = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
    QJsonArray array() const { return QJsonDocument::fromJson(out).array(); }
};
CliRun runTriagectl(const QStringList &args, const QStringList &wrapper = {},
    const QHash<QString, QString> &env = {}, int timeoutMs = 60000);
// The same for any program of TRIAGE_BIN_DIR (e.g. `triaged backup`).
CliRun runProgram(const QString &program, const QStringList &args, const QStringList &wrapper = {},
    const QHash<QString, QString> &env = {}, int timeoutMs = 60000);

// Creates a fresh database t_<random> in the PostgreSQL of TRIAGE_TEST_PG_URL and returns its URL.
// Empty when the variable is missing: callers QSKIP locally and QFAIL under CI (env CI set).
QString createPgTestDatabase(QString *error);
bool pgRequired(); // true under CI

// A fresh PostgreSQL test database into `url` (a QString): QFAIL under CI without one, QSKIP
// locally. For a Qt Test function.
#define TRIAGE_REQUIRE_PG_DATABASE(url)                                                                      \
    do {                                                                                                     \
        QString err_;                                                                                        \
        (url) = triage::test::createPgTestDatabase(&err_);                                                   \
        if ((url).isEmpty()) {                                                                               \
            if (triage::test::pgRequired())                                                                  \
                QFAIL(qPrintable(err_));                                                                     \
            QSKIP(qPrintable(err_));                                                                         \
        }                                                                                                    \
    } while (false)

} // namespace triage::test
