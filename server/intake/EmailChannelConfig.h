#pragma once

#include "domain/Validation.h"

#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <optional>

namespace triage::server {

// An email channel's settings as PUT /api/v1/channels/{id} takes them (docs/api/openapi.yaml,
// docs/channels.md). Passwords are write-only: toPublic() says only whether one is set, and a PUT
// that leaves a password out keeps the stored one (an administrator editing the poll interval does
// not have to type it again); an explicit "" clears it.
struct EmailChannelConfig {
    QString name;
    bool enabled = true;
    QUrl imapUrl; // imap://host:port/MAILBOX or imaps://…
    QString imapUsername;
    QString imapPassword;
    QUrl smtpUrl; // smtp://host:port (STARTTLS where offered) or smtps://…
    QString smtpUsername;
    QString smtpPassword;
    QString address; // the support address: From of every mail, recipient of requests
    QString fromName; // display name on outgoing mail; defaults to the channel's name
    QString groupId; // new tickets go to this group
    int pollSeconds = 30;
    QString fallbackCharset = u"windows-1251"_qs; // undeclared 8-bit text that is not UTF-8
    bool acknowledge = true; // confirm a new request by mail (never to automatic mail)
    QString language = u"en"_qs; // of the confirmation: "en" or "ru"
    int autoRepliesPerHour = 5; // the per-requester cap on automatic mail

    // `previous`: the stored document of the channel being replaced (its secrets are kept when the
    // body leaves them out). Errors name the body's fields ("imap.url: …").
    static std::optional<EmailChannelConfig> fromJson(
        const QJsonObject &body, const QJsonObject &previous, FieldErrors *errors);
    // The stored document, secrets included.
    static std::optional<EmailChannelConfig> fromStored(const QJsonObject &stored);
    QJsonObject toStored() const;
    // What GET returns: no secret, "password_set" instead.
    QJsonObject toPublic() const;
};

} // namespace triage::server
