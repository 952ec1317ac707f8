#include "BotApi.h"

#include <QJsonDocument>

#include <curl/curl.h>
#include <mutex>

namespace triage::server {

namespace {

struct Sink {
    QByteArray *out;
    qint64 max;
    bool overflow = false;
};

size_t writeChunk(char *data, size_t size, size_t count, void *user)
{
    auto *s = static_cast<Sink *>(user);
    const size_t n = size * count;
    if (s->out->size() + qint64(n) > s->max) {
        s->overflow = true;
        return 0; // aborts the transfer
    }
    s->out->append(data, qsizetype(n));
    return n;
}

int checkAbort(void *user, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    const auto *abort = static_cast<const std::atomic<bool> *>(user);
    return abort && abort->load() ? 1 : 0;
}

} // namespace

BotApi::BotApi(Config config)
    : m_config(std::move(config))
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    if (m_config.apiUrl.isEmpty())
        m_config.apiUrl = QUrl(u"https://api.telegram.org"_qs);
}

QString BotApi::mask(QString text) const
{
    if (!m_config.token.isEmpty())
        text.replace(m_config.token, u"<token>"_qs);
    return text;
}

BotApi::Result BotApi::call(const QString &method, const QJsonObject &params, int timeoutSeconds) const
{
    const QString base = m_config.apiUrl.toString(QUrl::StripTrailingSlash);
    const QByteArray url = (base + u"/bot"_qs + m_config.token + u'/' + method).toUtf8();
    const QByteArray body = QJsonDocument(params).toJson(QJsonDocument::Compact);
    QByteArray answer;
    Result r = perform(url, &body, 64 * 1024 * 1024, &answer, timeoutSeconds);
    if (r.isNetwork())
        return r;
    QJsonParseError parseError;
    const QJsonObject o = QJsonDocument::fromJson(answer, &parseError).object();
    if (parseError.error != QJsonParseError::NoError || !o.contains(u"ok"_qs)) {
        r.ok = false;
        r.description = u"the Bot API answered HTTP %1 without a JSON result"_qs.arg(r.errorCode);
        return r;
    }
    r.ok = o.value(u"ok"_qs).toBool();
    r.result = o.value(u"result"_qs);
    if (!r.ok) {
        r.errorCode = o.value(u"error_code"_qs).toInt(r.errorCode);
        r.description = mask(o.value(u"description"_qs).toString()).left(500);
        r.retryAfter = o.value(u"parameters"_qs).toObject().value(u"retry_after"_qs).toInt(-1);
    }
    return r;
}

BotApi::Result BotApi::download(
    const QString &filePath, qint64 maxBytes, QByteArray *bytes, int timeoutSeconds) const
{
    const QString base = m_config.apiUrl.toString(QUrl::StripTrailingSlash);
    const QByteArray url = (base + u"/file/bot"_qs + m_config.token + u'/' + filePath).toUtf8();
    Result r = perform(url, nullptr, maxBytes, bytes, timeoutSeconds);
    r.ok = !r.isNetwork() && r.errorCode == 200;
    if (!r.ok && r.description.isEmpty())
        r.description = u"the file download answered HTTP %1"_qs.arg(r.errorCode);
    return r;
}

BotApi::Result BotApi::perform(
    const QByteArray &url, const QByteArray *body, qint64 maxBytes, QByteArray *out, int timeoutSeconds) const
{
    Result r;
    CURL *curl = curl_easy_init();
    if (!curl) {
        r.description = u"libcurl could not start"_qs;
        return r;
    }
    Sink sink {out, maxBytes};
    curl_slist *headers = curl_slist_append(nullptr, "Content-Type: application/json");
    char errorBuffer[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl, CURLOPT_URL, url.constData());
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorBuffer);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 15L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, long(timeoutSeconds));
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, writeChunk);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    if (m_config.abort) {
        curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, checkAbort);
        curl_easy_setopt(curl, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool> *>(m_config.abort));
        curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    }
    if (body) {
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body->constData());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, long(body->size()));
    }
    const CURLcode code = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    if (sink.overflow) {
        r.errorCode = 413;
        r.description = u"the answer is larger than %1 bytes"_qs.arg(maxBytes);
        return r;
    }
    if (code != CURLE_OK) {
        // curl's messages name the host, not the path: the token is not in them, masked anyway.
        r.description = mask(QString::fromUtf8(errorBuffer[0] ? errorBuffer : curl_easy_strerror(code)));
        return r;
    }
    r.errorCode = int(status);
    return r;
}

} // namespace triage::server
