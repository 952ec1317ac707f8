#pragma once

#include <QString>
#include <QUrl>

#include <optional>

namespace triage {

// The one place a server address typed by a person (console --server, triagectl login, the wall)
// becomes the URL the client talks to and the key its token is stored under. Every caller used to
// normalise it its own way, so one sign-in could be saved under a key another could not find.
//
// Accepts "https://desk.example:8443/", "http://127.0.0.1:8080", "desk.example" (http(s) only);
// the host is lower-cased, a trailing slash, a query, a fragment and user info dropped.
// std::nullopt with `error` set for anything else.
std::optional<QUrl> parseServerUrl(const QString &input, QString *error = nullptr);

// The canonical text of a server URL: "https://desk.example:8443", "http://127.0.0.1:8080/triage".
// Stored in profile.json and part of the keychain key, so it must never change for a given URL.
// (Before it existed, "https://host/" was keyed with its slash: AccountService::restore also
// looks there.)
QString serverKey(const QUrl &url);

} // namespace triage
