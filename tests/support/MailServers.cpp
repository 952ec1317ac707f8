#include "MailServers.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <algorithm>
#include <csignal>
#include <unistd.h>

namespace triage::test {

namespace {

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

bool waitForPort(quint16 port, QProcess &process, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        if (process.state() == QProcess::NotRunning)
            return false;
        QTcpSocket s;
        s.connectToHost(QStringLiteral("127.0.0.1"), port);
        if (s.waitForConnected(200))
            return true;
        QThread::msleep(50);
    }
    return false;
}

// The user mail is stored as: nobody when the tests run as root (Dovecot refuses root), else us.
struct Owner {
    uint uid;
    uint gid;
    QString user;
    QString group;
};

Owner mailOwner()
{
    if (::geteuid() == 0)
        return {65534, 65534, QStringLiteral("nobody"), QStringLiteral("nogroup")};
    const QString user = qEnvironmentVariable("USER", QStringLiteral("nobody"));
    return {::geteuid(), ::getegid(), user, user};
}

// SIGTERM, then SIGKILL if it has not ended within 10 s.
void stopProcess(std::unique_ptr<QProcess> &process)
{
    if (!process)
        return;
    process->terminate();
    if (!process->waitForFinished(10000)) {
        process->kill();
        process->waitForFinished(5000);
    }
    process.reset();
}

} // namespace

quint16 freeLoopbackPort()
{
    QTcpServer s;
    if (!s.listen(QHostAddress::LocalHost, 0))
        return 0;
    return s.serverPort();
}

DovecotServer::DovecotServer()
{
    m_dir.setAutoRemove(qEnvironmentVariableIsEmpty("TRIAGE_KEEP_MAIL_DIRS"));
}

DovecotServer::~DovecotServer()
{
    stop();
}

QUrl DovecotServer::url() const
{
    return QUrl(QStringLiteral("imap://127.0.0.1:%1/INBOX").arg(m_port));
}

QString DovecotServer::log() const
{
    QFile f(m_dir.filePath(QStringLiteral("dovecot.log")));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

bool DovecotServer::start(QString *error)
{
    if (!QFileInfo::exists(QStringLiteral("/usr/sbin/dovecot"))) {
        *error = QStringLiteral("Dovecot is not installed (apt-get install dovecot-core dovecot-imapd)");
        return false;
    }
    if (!m_dir.isValid()) {
        *error = QStringLiteral("no temporary directory");
        return false;
    }
    const QString d = m_dir.path();
    const Owner owner = mailOwner();
    QDir().mkpath(d + QStringLiteral("/home"));
    QDir().mkpath(d + QStringLiteral("/run"));
    QDir().mkpath(d + QStringLiteral("/state"));
    m_port = freeLoopbackPort();
    const QByteArray conf = QStringLiteral(R"(protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
base_dir = %1/run
state_dir = %1/state
log_path = %1/dovecot.log
info_log_path = %1/dovecot.log
default_internal_user = %2
default_internal_group = %3
default_login_user = %2
first_valid_uid = %4
last_valid_uid = %4
first_valid_gid = %5
last_valid_gid = %5
mail_location = maildir:~/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u %1/passwd
}
userdb {
  driver = static
  args = uid=%4 gid=%5 home=%1/home/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = %6
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service stats {
  chroot =
}
service auth {
  unix_listener auth-userdb {
    mode = 0666
  }
}
)")
                                .arg(d, owner.user, owner.group, QString::number(owner.uid),
                                    QString::number(owner.gid), QString::number(m_port))
                                .toUtf8();
    if (!writeFile(d + QStringLiteral("/dovecot.conf"), conf)
        || !writeFile(d + QStringLiteral("/passwd"),
            (user() + QStringLiteral(":{PLAIN}") + password() + u'\n').toUtf8())) {
        *error = QStringLiteral("cannot write the Dovecot configuration");
        return false;
    }
    // The mail processes run as the mail owner: the home directory is theirs.
    if (::geteuid() == 0) {
        QProcess::execute(QStringLiteral("chown"),
            {QStringLiteral("-R"), QStringLiteral("%1:%2").arg(owner.uid).arg(owner.gid),
                d + QStringLiteral("/home")});
        QFile::setPermissions(d,
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadGroup
                | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::ExeOther);
    }
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->start(QStringLiteral("/usr/sbin/dovecot"),
        {QStringLiteral("-F"), QStringLiteral("-c"), d + QStringLiteral("/dovecot.conf")});
    if (!m_process->waitForStarted(5000) || !waitForPort(m_port, *m_process, 15000)) {
        *error = QStringLiteral("Dovecot did not start: %1 %2")
                     .arg(QString::fromUtf8(m_process->readAll()), log());
        stop();
        return false;
    }
    return true;
}

void DovecotServer::stop()
{
    stopProcess(m_process);
}

// Every process below `root` (Linux /proc).
static QList<qint64> descendants(qint64 root)
{
    QHash<qint64, QList<qint64>> children;
    for (const QString &entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        bool ok = false;
        const qint64 pid = entry.toLongLong(&ok);
        QFile stat(QStringLiteral("/proc/%1/stat").arg(entry));
        if (!ok || !stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 1)
            children[fields.at(1).toLongLong()].append(pid);
    }
    QList<qint64> out;
    QList<qint64> pending {root};
    while (!pending.isEmpty()) {
        for (qint64 c : children.value(pending.takeFirst())) {
            out << c;
            pending << c;
        }
    }
    return out;
}

void DovecotServer::crash()
{
    if (!m_process)
        return;
    for (qint64 pid : descendants(m_process->processId()))
        ::kill(pid_t(pid), SIGKILL);
    m_process->kill();
    m_process->waitForFinished(5000);
    m_process.reset();
}

bool DovecotServer::deliverMany(const QList<QByteArray> &raws, QString *error)
{
    if (raws.isEmpty())
        return true;
    if (!deliver(raws.first(), error))
        return false;
    const Owner owner = mailOwner();
    const QString dir = m_dir.path() + QStringLiteral("/home/") + user() + QStringLiteral("/Maildir/new/");
    for (qsizetype i = 1; i < raws.size(); ++i) {
        const QString name = dir
            + QStringLiteral("%1.M%2P%3.bench")
                  .arg(QDateTime::currentSecsSinceEpoch())
                  .arg(i)
                  .arg(::getpid());
        if (!writeFile(name, raws[i])
            || ::chown(QFile::encodeName(name).constData(), owner.uid, owner.gid) != 0) {
            *error = QStringLiteral("cannot write %1").arg(name);
            return false;
        }
    }
    return true;
}

bool DovecotServer::deliver(const QByteArray &raw, QString *error)
{
    const Owner owner = mailOwner();
    QProcess lda;
    QStringList args {QStringLiteral("/usr/lib/dovecot/dovecot-lda"), QStringLiteral("-c"),
        m_dir.filePath(QStringLiteral("dovecot.conf")), QStringLiteral("-o"),
        QStringLiteral("log_path=/dev/stderr"), QStringLiteral("-o"),
        QStringLiteral("info_log_path=/dev/stderr"), QStringLiteral("-o"),
        QStringLiteral("debug_log_path=/dev/stderr"), QStringLiteral("-d"), user(), QStringLiteral("-f"),
        QStringLiteral("sender@example.org")};
    QString program = args.takeFirst();
    if (::geteuid() == 0) {
        args.prepend(program);
        args = QStringList {QStringLiteral("--reuid=%1").arg(owner.uid),
                   QStringLiteral("--regid=%1").arg(owner.gid), QStringLiteral("--clear-groups"),
                   QStringLiteral("--")}
            + args;
        program = QStringLiteral("setpriv");
    }
    lda.setProcessChannelMode(QProcess::MergedChannels);
    lda.start(program, args);
    lda.write(raw);
    lda.closeWriteChannel();
    if (!lda.waitForFinished(15000) || lda.exitStatus() != QProcess::NormalExit || lda.exitCode() != 0) {
        *error = QStringLiteral("dovecot-lda failed (%1): %2 [%3 %4]")
                     .arg(lda.exitCode())
                     .arg(QString::fromUtf8(lda.readAll()), program, args.join(u' '));
        return false;
    }
    return true;
}

QByteArray DovecotServer::status(QString *error)
{
    QTcpSocket s;
    s.connectToHost(QStringLiteral("127.0.0.1"), m_port);
    if (!s.waitForConnected(5000)) {
        *error = s.errorString();
        return {};
    }
    QByteArray all;
    const auto until = [&](const QByteArray &tag) {
        QElapsedTimer t;
        t.start();
        while (!all.contains(tag) && t.elapsed() < 5000)
            if (s.waitForReadyRead(200))
                all += s.readAll();
        return all.contains(tag);
    };
    until("* OK");
    s.write("a LOGIN " + user().toUtf8() + ' ' + password().toUtf8() + "\r\n");
    until("a OK");
    s.write("b STATUS INBOX (MESSAGES UNSEEN UIDNEXT UIDVALIDITY)\r\n");
    if (!until("b OK")) {
        *error = QString::fromUtf8(all);
        return {};
    }
    s.write("c LOGOUT\r\n");
    const qsizetype from = all.indexOf("* STATUS");
    return all.mid(from, all.indexOf('\n', from) - from).trimmed();
}

SmtpSink::SmtpSink() = default;

SmtpSink::~SmtpSink()
{
    stop();
}

QUrl SmtpSink::url() const
{
    return QUrl(QStringLiteral("smtp://127.0.0.1:%1").arg(m_port));
}

bool SmtpSink::start(QString *error)
{
    m_port = freeLoopbackPort();
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->start(QStringLiteral("/usr/bin/python3"),
        {QStringLiteral("-m"), QStringLiteral("aiosmtpd"), QStringLiteral("-n"), QStringLiteral("-l"),
            QStringLiteral("127.0.0.1:%1").arg(m_port), QStringLiteral("-c"),
            QStringLiteral("aiosmtpd.handlers.Mailbox"), m_dir.filePath(QStringLiteral("mail"))});
    if (!m_process->waitForStarted(5000) || !waitForPort(m_port, *m_process, 15000)) {
        *error = QStringLiteral("the SMTP sink did not start (apt-get install python3-aiosmtpd): %1")
                     .arg(QString::fromUtf8(m_process->readAll()));
        stop();
        return false;
    }
    return true;
}

void SmtpSink::stop()
{
    stopProcess(m_process);
}

QList<QByteArray> SmtpSink::messages() const
{
    QList<std::pair<qint64, QByteArray>> found;
    for (const char *sub : {"new", "cur"}) {
        QDir dir(m_dir.filePath(QStringLiteral("mail/") + QLatin1String(sub)));
        for (const QFileInfo &fi : dir.entryInfoList(QDir::Files)) {
            QFile f(fi.filePath());
            if (f.open(QIODevice::ReadOnly))
                found.append({fi.lastModified().toMSecsSinceEpoch(), f.readAll()});
        }
    }
    std::stable_sort(
        found.begin(), found.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    QList<QByteArray> out;
    for (auto &[at, bytes] : found)
        out << bytes;
    return out;
}

} // namespace triage::test
