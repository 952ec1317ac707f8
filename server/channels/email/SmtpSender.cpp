#include "SmtpSender.h"

#include <cstring>
#include <curl/curl.h>
#include <mutex>

namespace triage::server {

namespace {

struct Upload {
    const QByteArray *data;
    qsizetype offset = 0;
};

size_t readChunk(char *buffer, size_t size, size_t count, void *user)
{
    auto *u = static_cast<Upload *>(user);
    const size_t left = size_t(u->data->size() - u->offset);
    const size_t n = std::min(left, size * count);
    std::memcpy(buffer, u->data->constData() + u->offset, n);
    u->offset += qsizetype(n);
    return n;
}

} // namespace

SmtpSender::SmtpSender(Config config)
    : m_config(std::move(config))
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

SmtpSender::Outcome SmtpSender::send(const QString &envelopeFrom, const QStringList &recipients,
    const QByteArray &message, QString *error) const
{
    const QString scheme = m_config.url.scheme().toLower();
    if (scheme != u"smtp"_qs && scheme != u"smtps"_qs) {
        *error = u"the SMTP URL must start with smtp:// or smtps://"_qs;
        return Outcome::PermanentFailure;
    }
    if (recipients.isEmpty()) {
        *error = u"no recipient"_qs;
        return Outcome::PermanentFailure;
    }
    CURL *curl = curl_easy_init();
    if (!curl) {
        *error = u"libcurl could not start"_qs;
        return Outcome::TemporaryFailure;
    }
    const QByteArray url = m_config.url.toString(QUrl::RemovePath | QUrl::RemoveUserInfo).toUtf8();
    const QByteArray from = '<' + envelopeFrom.toUtf8() + '>';
    curl_slist *rcpt = nullptr;
    for (const QString &r : recipients) {
        const QByteArray address = '<' + r.toUtf8() + '>';
        rcpt = curl_slist_append(rcpt, address.constData());
    }
    Upload upload {&message};
    const QByteArray user = m_config.username.toUtf8();
    const QByteArray password = m_config.password.toUtf8();
    curl_easy_setopt(curl, CURLOPT_URL, url.constData());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.constData());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, &readChunk);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, curl_off_t(message.size()));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, long(std::min(m_config.timeoutSeconds, 30)));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, long(m_config.timeoutSeconds));
    if (scheme == u"smtp"_qs)
        curl_easy_setopt(curl, CURLOPT_USE_SSL, long(CURLUSESSL_TRY)); // STARTTLS where offered
    if (!user.isEmpty()) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, user.constData());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, password.constData());
    }
    const CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(curl);
    if (rc == CURLE_OK)
        return Outcome::Sent;
    *error = u"SMTP: %1%2"_qs.arg(QString::fromUtf8(curl_easy_strerror(rc)),
        status ? u" (the server answered %1)"_qs.arg(status) : QString());
    if (rc == CURLE_LOGIN_DENIED || rc == CURLE_URL_MALFORMAT || rc == CURLE_UNSUPPORTED_PROTOCOL)
        return Outcome::PermanentFailure;
    if (status >= 500)
        return Outcome::PermanentFailure;
    return Outcome::TemporaryFailure;
}

} // namespace triage::server
