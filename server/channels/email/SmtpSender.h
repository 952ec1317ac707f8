#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace triage::server {

// The email adapter's sending half: hands one composed message to an SMTP server with libcurl
// (smtp:// upgrades with STARTTLS where offered, smtps:// is TLS from the start). The outcome
// tells the outgoing queue what to do next: a temporary failure (no connection, a timeout, a 4xx
// answer) is retried later, a permanent one (5xx, sign-in refused) is not.
class SmtpSender
{
public:
    struct Config {
        QUrl url; // smtp://host:port or smtps://host:port
        QString username; // empty: no AUTH
        QString password;
        int timeoutSeconds = 60;
    };
    enum class Outcome { Sent, TemporaryFailure, PermanentFailure };

    explicit SmtpSender(Config config);

    // The error never contains the password.
    Outcome send(const QString &envelopeFrom, const QStringList &recipients, const QByteArray &message,
        QString *error) const;

private:
    Config m_config;
};

} // namespace triage::server
