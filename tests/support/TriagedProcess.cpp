#include "TriagedProcess.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>
#include <QUuid>

#include <csignal>

namespace triage::test {

QString TriagedProcess::binary()
{
    const QString dir = qEnvironmentVariable("TRIAGE_BIN_DIR");
    return (dir.isEmpty() ? QCoreApplication::applicationDirPath() + QStringLiteral("/../bin") : dir)
        + QStringLiteral("/triaged");
}

TriagedProcess::TriagedProcess() = default;

TriagedProcess::~TriagedProcess()
{
    if (isRunning())
        stop(5000);
}

bool TriagedProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

bool TriagedProcess::start(const Options &options)
{
    m_dataDir = options.dataDir;
    m_databaseUrl = options.databaseUrl;
    if (m_dataDir.isEmpty() && options.databaseUrl.isEmpty()) {
        m_tempDir = std::make_unique<QTemporaryDir>();
        m_dataDir = m_tempDir->path();
    }
    QStringList args {QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")};
    if (!m_dataDir.isEmpty())
        args << QStringLiteral("--data") << m_dataDir;
    if (!options.databaseUrl.isEmpty())
        args << QStringLiteral("--database") << options.databaseUrl;
    if (options.demo)
        args << QStringLiteral("--demo");
    if (options.testClock)
        args << QStringLiteral("--test-clock");
    args << options.extraArgs;

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TRIAGE_PWHASH_OPSLIMIT"), QStringLiteral("1"));
    env.insert(QStringLiteral("TRIAGE_PWHASH_MEMLIMIT"), QStringLiteral("8192"));
    env.insert(QStringLiteral("TRIAGE_DEMO_TICKETS"), QStringLiteral("60"));
    // The demo SLA calendars and policies (with escalations that change demo tickets on their own)
    // only for the tests that ask for them.
    env.insert(QStringLiteral("TRIAGE_DEMO_SLA"), QStringLiteral("0"));
    env.insert(QStringLiteral("TRIAGE_RATE_LIMIT"), QStringLiteral("100000"));
    for (auto it = options.env.cbegin(); it != options.env.cend(); ++it)
        env.insert(it.key(), it.value());

    m_process = std::make_unique<QProcess>();
    m_process->setProcessEnvironment(env);
    // The server's log (a line per request) goes to a file, not into this process: QProcess would
    // buffer it in memory as it arrives, and an hour-long soak would measure its own buffer.
    if (!m_logDir)
        m_logDir = std::make_unique<QTemporaryDir>();
    m_process->setStandardErrorFile(m_logDir->filePath(QStringLiteral("triaged.log")), QIODevice::Append);
    m_process->setProgram(binary());
    m_process->setArguments(args);
    m_process->start();
    if (!m_process->waitForStarted(10000)) {
        m_error = QStringLiteral("cannot start %1: %2").arg(binary(), m_process->errorString());
        return false;
    }
    QByteArray out;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 30000) {
        if (!m_process->waitForReadyRead(200) && m_process->state() == QProcess::NotRunning)
            break;
        out += m_process->readAllStandardOutput();
        const qsizetype nl = out.indexOf('\n');
        if (nl >= 0) {
            const QByteArray line = out.left(nl).trimmed();
            if (line.startsWith("listening on ")) {
                m_baseUrl = QUrl(QString::fromUtf8(line.mid(13)));
                return true;
            }
            m_error = QStringLiteral("unexpected first line: ") + QString::fromUtf8(line);
            return false;
        }
    }
    m_error = QStringLiteral("triaged did not report listening; stderr:\n")
        + QString::fromUtf8(stderrLog().right(4000));
    return false;
}

QByteArray TriagedProcess::stderrLog()
{
    if (!m_logDir)
        return {};
    QFile log(m_logDir->filePath(QStringLiteral("triaged.log")));
    return log.open(QIODevice::ReadOnly) ? log.readAll() : QByteArray();
}

int TriagedProcess::stop(int timeoutMs)
{
    if (!m_process)
        return -1;
    if (m_process->state() != QProcess::NotRunning) {
        ::kill(static_cast<pid_t>(m_process->processId()), SIGTERM);
        if (!m_process->waitForFinished(timeoutMs)) {
            m_process->kill();
            m_process->waitForFinished(5000);
            qWarning("triaged did not stop within %d ms of SIGTERM; its log ends with:\n%s", timeoutMs,
                stderrLog().right(4000).constData());
            return -1;
        }
    }
    if (m_process->exitStatus() != QProcess::NormalExit || m_process->exitCode() != 0)
        qWarning("triaged stopped abnormally (%s, code %d); its log ends with:\n%s",
            m_process->exitStatus() == QProcess::NormalExit ? "exit" : "crash", m_process->exitCode(),
            stderrLog().right(4000).constData());
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

qint64 TriagedProcess::pid() const
{
    return m_process && m_process->state() != QProcess::NotRunning ? m_process->processId() : 0;
}

void TriagedProcess::kill()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
}

QString HttpResult::problemType() const
{
    const QString type = json().value(QStringLiteral("type")).toString();
    return type.mid(type.lastIndexOf(u'/') + 1);
}

bool TestClient::login(const QString &username, const QString &password)
{
    const HttpResult r = post(QStringLiteral("/api/v1/auth/login"),
        QJsonObject {{QStringLiteral("username"), username}, {QStringLiteral("password"), password}});
    if (r.status != 200)
        return false;
    m_token = r.json().value(QStringLiteral("token")).toString().toUtf8();
    return !m_token.isEmpty();
}

HttpResult TestClient::get(const QString &path, const QHash<QByteArray, QByteArray> &headers)
{
    return send("GET", path, {}, headers);
}

HttpResult TestClient::post(
    const QString &path, const QJsonObject &body, const QHash<QByteArray, QByteArray> &headers)
{
    return send("POST", path, toJson(body), headers);
}

HttpResult TestClient::patch(
    const QString &path, const QJsonObject &body, const QHash<QByteArray, QByteArray> &headers)
{
    return send("PATCH", path, toJson(body), headers);
}

HttpResult TestClient::del(const QString &path)
{
    return send("DELETE", path, {});
}

QNetworkReply *TestClient::start(const QByteArray &method, const QString &pathAndQuery,
    const QByteArray &body, const QHash<QByteArray, QByteArray> &headers)
{
    QUrl url = m_base;
    const qsizetype q = pathAndQuery.indexOf(u'?');
    url.setPath(q < 0 ? pathAndQuery : pathAndQuery.left(q));
    if (q >= 0)
        url.setQuery(pathAndQuery.mid(q + 1));
    QNetworkRequest req(url);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!body.isEmpty() || method == "POST" || method == "PATCH" || method == "PUT")
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!m_token.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + m_token);
    for (auto it = headers.cbegin(); it != headers.cend(); ++it)
        req.setRawHeader(it.key(), it.value());
    return m_nam.sendCustomRequest(req, method, body);
}

HttpResult TestClient::finish(QNetworkReply *reply, int timeoutMs)
{
    if (!reply->isFinished()) {
        QEventLoop loop;
        QTimer timer;
        timer.setSingleShot(true);
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
        timer.start(timeoutMs);
        loop.exec();
    }
    HttpResult r;
    if (!reply->isFinished()) {
        reply->abort();
        r.error = QNetworkReply::TimeoutError;
    } else {
        r.error = reply->error();
    }
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        r.headers.insert(name.toLower(), value);
    reply->deleteLater();
    return r;
}

HttpResult TestClient::send(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body,
    const QHash<QByteArray, QByteArray> &headers, int timeoutMs)
{
    return finish(start(method, pathAndQuery, body, headers), timeoutMs);
}

QByteArray toJson(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

bool pgRequired()
{
    return !qEnvironmentVariableIsEmpty("CI");
}

QString createPgTestDatabase(QString *error)
{
    const QString admin = qEnvironmentVariable("TRIAGE_TEST_PG_URL");
    if (admin.isEmpty()) {
        *error = QStringLiteral("TRIAGE_TEST_PG_URL is not set (run under tests/support/with-services)");
        return {};
    }
    const QUrl url(admin);
    const QString name = QStringLiteral("t_%1").arg(QRandomGenerator::global()->generate64(), 0, 36);
    const QString connName = QStringLiteral("pgadmin-") + name;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connName);
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setPassword(url.password());
        db.setDatabaseName(url.path().mid(1));
        if (!db.open()) {
            *error = QStringLiteral("cannot connect to %1: %2").arg(admin, db.lastError().text());
        } else {
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("CREATE DATABASE ") + name))
                *error = QStringLiteral("CREATE DATABASE failed: ") + q.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connName);
    if (!error->isEmpty())
        return {};
    QUrl out = url;
    out.setPath(u'/' + name);
    return out.toString();
}

CliRun runTriagectl(
    const QStringList &args, const QStringList &wrapper, const QHash<QString, QString> &env, int timeoutMs)
{
    return runProgram(QStringLiteral("triagectl"), args, wrapper, env, timeoutMs);
}

CliRun runProgram(const QString &program, const QStringList &args, const QStringList &wrapper,
    const QHash<QString, QString> &env, int timeoutMs)
{
    QProcess p;
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.insert(QStringLiteral("TRIAGE_PASSWORD"), QStringLiteral("demo"));
    for (auto it = env.cbegin(); it != env.cend(); ++it)
        e.insert(it.key(), it.value());
    p.setProcessEnvironment(e);
    const QString bin = qEnvironmentVariable("TRIAGE_BIN_DIR") + u'/' + program;
    if (wrapper.isEmpty()) {
        p.start(bin, args);
    } else {
        QStringList w = wrapper;
        w << bin << args;
        p.start(w.takeFirst(), w);
    }
    CliRun r;
    if (!p.waitForFinished(timeoutMs))
        return r;
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace triage::test
