#include "TelegramChannelConfig.h"

#include <QRegularExpression>

namespace triage::server {

std::optional<TelegramChannelConfig> TelegramChannelConfig::fromJson(
    const QJsonObject &body, const QJsonObject &previous, FieldErrors *errors)
{
    JsonReader r(body);
    TelegramChannelConfig c;
    r.string(u"kind"_qs, true);
    c.name = r.string(u"name"_qs, true).value_or(QString()).trimmed();
    if (r.has(u"name"_qs) && (c.name.isEmpty() || c.name.size() > 200 || !isCleanText(c.name, false)))
        r.error(u"name"_qs, u"must be clean text of 1 to 200 characters"_qs);
    c.enabled = r.boolean(u"enabled"_qs, false).value_or(true);
    c.token = r.has(u"token"_qs) ? r.string(u"token"_qs, false).value_or(QString())
                                 : previous.value(u"token"_qs).toString();
    // BotFather's tokens are "<digits>:<35 characters>"; anything else would be sent in a URL.
    static const QRegularExpression shape(uR"(^\d{1,20}:[A-Za-z0-9_-]{1,100}$)"_qs);
    if (!shape.match(c.token).hasMatch())
        r.error(u"token"_qs, u"must be a bot token as BotFather gives it (123456:ABC-DEF…)"_qs);
    const QString url = r.string(u"api_url"_qs, false).value_or(c.apiUrl.toString());
    c.apiUrl = QUrl(url, QUrl::StrictMode);
    if (!c.apiUrl.isValid() || (c.apiUrl.scheme() != u"https"_qs && c.apiUrl.scheme() != u"http"_qs)
        || c.apiUrl.host().isEmpty() || !c.apiUrl.userInfo().isEmpty() || c.apiUrl.hasQuery())
        r.error(u"api_url"_qs, u"must be an http(s)://host[:port] URL"_qs);
    c.groupId = r.string(u"group"_qs, false).value_or(QString());
    c.longPollSeconds = static_cast<int>(r.integer(u"long_poll_seconds"_qs, false, 1, 50).value_or(25));
    c.language = r.string(u"language"_qs, false).value_or(u"ru"_qs);
    if (c.language != u"en"_qs && c.language != u"ru"_qs)
        r.error(u"language"_qs, u"must be \"en\" or \"ru\""_qs);
    r.ignore({u"id"_qs});
    r.rejectUnknown();
    *errors += r.errors();
    if (!errors->isEmpty())
        return std::nullopt;
    return c;
}

std::optional<TelegramChannelConfig> TelegramChannelConfig::fromStored(const QJsonObject &stored)
{
    FieldErrors errors;
    QJsonObject body = stored;
    body.insert(u"kind"_qs, u"telegram"_qs);
    return fromJson(body, {}, &errors);
}

QJsonObject TelegramChannelConfig::toStored() const
{
    QJsonObject o = toPublic();
    o.remove(u"token_set"_qs);
    o.remove(u"kind"_qs);
    o.insert(u"token"_qs, token);
    return o;
}

QJsonObject TelegramChannelConfig::toPublic() const
{
    return QJsonObject {
        {u"kind"_qs, u"telegram"_qs},
        {u"name"_qs, name},
        {u"enabled"_qs, enabled},
        {u"token_set"_qs, !token.isEmpty()},
        {u"api_url"_qs, apiUrl.toString(QUrl::StripTrailingSlash)},
        {u"group"_qs, groupId},
        {u"long_poll_seconds"_qs, longPollSeconds},
        {u"language"_qs, language},
    };
}

} // namespace triage::server
