#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

#include <memory>
#include <optional>

struct clist_s; // libetpan's types, kept out of this header
struct mailimap_set;

namespace triage::server {

// The email adapter's receiving half: one IMAP mailbox read by UID with libetpan. Mail is never
// marked read (BODY.PEEK[]), so another client reading the box hides nothing and intake never
// relies on the unread flag; the caller remembers UIDVALIDITY and the last UID it stored.
// Synchronous with a network timeout: it runs on the channel's own thread, never the event loop.
class ImapMailbox
{
public:
    struct Config {
        QUrl url; // imap://host:port/MAILBOX or imaps://… (TLS); the mailbox defaults to INBOX
        QString username;
        QString password;
        int timeoutSeconds = 30;
    };

    ImapMailbox();
    ~ImapMailbox();
    ImapMailbox(const ImapMailbox &) = delete;
    ImapMailbox &operator=(const ImapMailbox &) = delete;

    // Connects, signs in and selects the mailbox. The error never contains the password.
    bool open(const Config &config, QString *error);
    void close();
    bool isOpen() const;

    quint32 uidValidity() const { return m_uidValidity; }
    quint32 uidNext() const { return m_uidNext; }
    bool supportsIdle() const;

    // UIDs above `lastUid`, ascending (IMAP answers "n:*" with the last message even when n is
    // past it; that one is left out).
    std::optional<QList<quint32>> uidsAfter(quint32 lastUid, QString *error);
    // The whole raw message (BODY.PEEK[]); nullopt with an error when it is gone or the
    // connection failed.
    std::optional<QByteArray> fetch(quint32 uid, QString *error);

private:
    struct Session;
    ::clist_s *uidFetch(::mailimap_set *set, bool withBody, QString *error);
    std::unique_ptr<Session> m_session;
    quint32 m_uidValidity = 0;
    quint32 m_uidNext = 0;
};

} // namespace triage::server
