#include "EmailChannelConfig.h"

#include <iconv.h>

namespace triage::server {

namespace {

struct Endpoint {
    QUrl url;
    QString username;
    QString password;
};

// "imap" / "smtp" sub-objects: {"url", "username", "password"}.
std::optional<Endpoint> readEndpoint(JsonReader &r, const QString &key, const QStringList &schemes,
    const QJsonObject &previous, FieldErrors *errors)
{
    const auto object = r.object(key, true);
    if (!object)
        return std::nullopt;
    JsonReader e(*object, key);
    Endpoint out;
    const QString url = e.string(u"url"_qs, true).value_or(QString());
    out.url = QUrl(url, QUrl::StrictMode);
    if (e.has(u"url"_qs)
        && (!out.url.isValid() || !schemes.contains(out.url.scheme()) || out.url.host().isEmpty()
            || !out.url.userInfo().isEmpty() || out.url.port() > 65535)) {
        e.error(u"url"_qs,
            u"must be %1://host[:port]%2 without credentials (they go in username and password)"_qs.arg(
                schemes.join(u"|"_qs), key == u"imap"_qs ? u"[/MAILBOX]"_qs : QString()));
    }
    out.username = e.string(u"username"_qs, false).value_or(QString());
    if (e.has(u"password"_qs))
        out.password = e.string(u"password"_qs, false).value_or(QString());
    else
        out.password = previous.value(key).toObject().value(u"password"_qs).toString();
    for (const QString &text : {out.username, out.password}) {
        if (text.size() > 1000 || !isCleanText(text, false))
            e.error(u"username"_qs, u"must be clean text of at most 1000 characters"_qs);
    }
    e.rejectUnknown();
    *errors += e.errors();
    return out;
}

// GMime converts through iconv: a charset iconv knows is one the parser can use.
bool knownCharset(const QString &name)
{
    if (name.isEmpty() || name.size() > 40 || !isCleanText(name, false))
        return false;
    iconv_t cd = iconv_open("UTF-8", name.toLatin1().constData());
    if (cd == reinterpret_cast<iconv_t>(-1))
        return false;
    iconv_close(cd);
    return true;
}

bool plausibleAddress(const QString &a)
{
    const qsizetype at = a.indexOf(u'@');
    return at > 0 && at == a.lastIndexOf(u'@') && at < a.size() - 1 && a.size() <= 254 && !a.contains(u' ')
        && isCleanText(a, false);
}

} // namespace

std::optional<EmailChannelConfig> EmailChannelConfig::fromJson(
    const QJsonObject &body, const QJsonObject &previous, FieldErrors *errors)
{
    JsonReader r(body);
    EmailChannelConfig c;
    r.string(u"kind"_qs, true); // checked by the caller (the kinds are dispatched there)
    c.name = r.string(u"name"_qs, true).value_or(QString()).trimmed();
    if (r.has(u"name"_qs) && (c.name.isEmpty() || c.name.size() > 200 || !isCleanText(c.name, false)))
        r.error(u"name"_qs, u"must be clean text of 1 to 200 characters"_qs);
    c.enabled = r.boolean(u"enabled"_qs, false).value_or(true);
    FieldErrors nested;
    const auto imap = readEndpoint(r, u"imap"_qs, {u"imap"_qs, u"imaps"_qs}, previous, &nested);
    const auto smtp = readEndpoint(r, u"smtp"_qs, {u"smtp"_qs, u"smtps"_qs}, previous, &nested);
    if (imap) {
        c.imapUrl = imap->url;
        c.imapUsername = imap->username;
        c.imapPassword = imap->password;
    }
    if (smtp) {
        c.smtpUrl = smtp->url;
        c.smtpUsername = smtp->username;
        c.smtpPassword = smtp->password;
    }
    c.address = r.string(u"address"_qs, true).value_or(QString()).trimmed().toLower();
    if (r.has(u"address"_qs) && !plausibleAddress(c.address))
        r.error(u"address"_qs, u"must be an e-mail address (local@domain)"_qs);
    c.fromName = r.string(u"from_name"_qs, false).value_or(c.name).trimmed();
    if (c.fromName.size() > 200 || !isCleanText(c.fromName, false))
        r.error(u"from_name"_qs, u"must be clean text of at most 200 characters"_qs);
    c.groupId = r.string(u"group"_qs, false).value_or(QString());
    c.pollSeconds = static_cast<int>(r.integer(u"poll_seconds"_qs, false, 1, 3600).value_or(30));
    c.fallbackCharset = r.string(u"fallback_charset"_qs, false).value_or(c.fallbackCharset);
    if (!knownCharset(c.fallbackCharset))
        r.error(u"fallback_charset"_qs, u"unknown charset"_qs);
    c.acknowledge = r.boolean(u"acknowledge"_qs, false).value_or(true);
    c.language = r.string(u"language"_qs, false).value_or(u"en"_qs);
    if (c.language != u"en"_qs && c.language != u"ru"_qs)
        r.error(u"language"_qs, u"must be \"en\" or \"ru\""_qs);
    c.autoRepliesPerHour
        = static_cast<int>(r.integer(u"auto_replies_per_hour"_qs, false, 0, 100).value_or(5));
    r.ignore({u"id"_qs});
    r.rejectUnknown();
    *errors += r.errors();
    *errors += nested;
    if (!errors->isEmpty())
        return std::nullopt;
    return c;
}

std::optional<EmailChannelConfig> EmailChannelConfig::fromStored(const QJsonObject &stored)
{
    FieldErrors errors;
    QJsonObject body = stored;
    body.insert(u"kind"_qs, u"email"_qs);
    return fromJson(body, {}, &errors);
}

QJsonObject EmailChannelConfig::toStored() const
{
    QJsonObject o = toPublic();
    QJsonObject imap = o.value(u"imap"_qs).toObject();
    imap.remove(u"password_set"_qs);
    imap.insert(u"password"_qs, imapPassword);
    QJsonObject smtp = o.value(u"smtp"_qs).toObject();
    smtp.remove(u"password_set"_qs);
    smtp.insert(u"password"_qs, smtpPassword);
    o.insert(u"imap"_qs, imap);
    o.insert(u"smtp"_qs, smtp);
    o.remove(u"kind"_qs);
    return o;
}

QJsonObject EmailChannelConfig::toPublic() const
{
    return QJsonObject {
        {u"kind"_qs, u"email"_qs},
        {u"name"_qs, name},
        {u"enabled"_qs, enabled},
        {u"imap"_qs,
            QJsonObject {{u"url"_qs, imapUrl.toString()}, {u"username"_qs, imapUsername},
                {u"password_set"_qs, !imapPassword.isEmpty()}}},
        {u"smtp"_qs,
            QJsonObject {{u"url"_qs, smtpUrl.toString()}, {u"username"_qs, smtpUsername},
                {u"password_set"_qs, !smtpPassword.isEmpty()}}},
        {u"address"_qs, address},
        {u"from_name"_qs, fromName},
        {u"group"_qs, groupId},
        {u"poll_seconds"_qs, pollSeconds},
        {u"fallback_charset"_qs, fallbackCharset},
        {u"acknowledge"_qs, acknowledge},
        {u"language"_qs, language},
        {u"auto_replies_per_hour"_qs, autoRepliesPerHour},
    };
}

} // namespace triage::server
