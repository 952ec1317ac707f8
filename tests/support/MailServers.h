#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace triage::test {

// A real Dovecot IMAP server for the email channel's tests (../shared/design/real-parts.md): its own
// config, passwd file and maildir in a temporary directory, a free loopback port, run in the
// foreground as this test's child (as `nobody` when the tests run as root). One mailbox user,
// support@triage.test / secret. Messages arrive through dovecot-lda, as a mail server delivers them.
class DovecotServer
{
public:
    DovecotServer();
    ~DovecotServer();
    DovecotServer(const DovecotServer &) = delete;
    DovecotServer &operator=(const DovecotServer &) = delete;

    bool start(QString *error);
    void stop();
    // The server dies at once (SIGKILL of the master; its mail processes follow it).
    void crash();
    quint16 port() const { return m_port; }
    QUrl url() const; // imap://127.0.0.1:PORT/INBOX
    static QString user() { return QStringLiteral("support@triage.test"); }
    static QString password() { return QStringLiteral("secret"); }
    // Delivers one raw message into the INBOX (new and unread).
    bool deliver(const QByteArray &raw, QString *error);
    // Many messages at once, for benchmarks: the first through dovecot-lda (it creates the
    // mailbox), the rest written into the maildir's new/ as a local delivery agent would.
    bool deliverMany(const QList<QByteArray> &raws, QString *error);
    // "STATUS INBOX (MESSAGES UNSEEN UIDNEXT UIDVALIDITY)" through doveadm-free means: a raw IMAP
    // conversation over a socket, so a test can check what another client would see.
    QByteArray status(QString *error);
    QString log() const;

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
};

// A real SMTP server that accepts every message and stores it as a file in a maildir
// (Debian's python3-aiosmtpd with its Mailbox handler), on a free loopback port.
class SmtpSink
{
public:
    SmtpSink();
    ~SmtpSink();
    SmtpSink(const SmtpSink &) = delete;
    SmtpSink &operator=(const SmtpSink &) = delete;

    bool start(QString *error);
    void stop();
    quint16 port() const { return m_port; }
    QUrl url() const; // smtp://127.0.0.1:PORT
    // Every message received so far, oldest first, as the raw bytes stored (with X-MailFrom and
    // X-RcptTo added by the handler).
    QList<QByteArray> messages() const;

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
};

// A TCP port nothing listens on right now (bind to port 0, read it back, release it).
quint16 freeLoopbackPort();

} // namespace triage::test
