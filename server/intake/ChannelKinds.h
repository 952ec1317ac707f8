#pragma once

#include "domain/Validation.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace triage::server {

// The channel kinds and their configuration documents, in one place for the API and the
// supervisor: "email" (EmailChannelConfig), "telegram" (TelegramChannelConfig).
namespace channelkinds {

QStringList known();
// The body of a PUT → the stored document (secrets kept from `previous` when left out); the
// configured group in `groupId` (for the caller's reference check).
std::optional<QJsonObject> storedFromBody(const QString &kind, const QJsonObject &body,
    const QJsonObject &previous, FieldErrors *errors, QString *groupId);
// What GET shows of a stored document: no secret.
QJsonObject publicView(const QString &kind, const QJsonObject &stored);
bool isEnabled(const QString &kind, const QJsonObject &stored);

} // namespace channelkinds

} // namespace triage::server
