#include "ServerUrl.h"

namespace triage {

std::optional<QUrl> parseServerUrl(const QString &input, QString *error)
{
    const QString text = input.trimmed();
    const QUrl url = QUrl::fromUserInput(text);
    auto refuse = [&](const QString &why) -> std::optional<QUrl> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (text.isEmpty() || !url.isValid() || url.host().isEmpty()
        || (url.scheme() != u"http"_qs && url.scheme() != u"https"_qs))
        return refuse(u"not an http(s) URL: %1"_qs.arg(input));
    return QUrl(serverKey(url));
}

QString serverKey(const QUrl &url)
{
    QUrl key = url.adjusted(QUrl::StripTrailingSlash | QUrl::RemoveQuery | QUrl::RemoveFragment
        | QUrl::RemoveUserInfo | QUrl::NormalizePathSegments);
    // Qt keeps the slash of a bare "https://host/": the same server as "https://host".
    if (key.path() == u"/"_qs)
        key.setPath(QString());
    return key.toString();
}

} // namespace triage
