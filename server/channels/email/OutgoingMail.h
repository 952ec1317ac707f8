#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace triage::server {

// One mail the server sends (a reply to a requester, a notification), before it is bytes.
struct OutgoingMail {
    QString fromAddress;
    QString fromName;
    QString toAddress;
    QString toName;
    QString subject; // with the ticket tag, e.g. "[#1042] Printer on the 3rd floor"
    QString text; // plain text, UTF-8
    QString messageId; // without <>, one the server recognises when it is answered
    QString inReplyTo; // the message this answers, without <>
    QStringList references; // the thread, oldest first, without <>
    bool automatic = false; // a notification (Auto-Submitted: auto-generated), not an agent's reply
    qint64 date = 0; // ms since the epoch
};

// RFC 5322 bytes (CRLF line ends) for `mail`, composed with GMime: RFC 2047-encoded headers, the
// body in UTF-8 quoted-printable or base64 as GMime judges best.
QByteArray composeMail(const OutgoingMail &mail);

} // namespace triage::server
