#pragma once

#include "domain/Validation.h"
#include "http/HttpTypes.h"

#include <QJsonObject>

#include <optional>

namespace triage::server {

// Shared request/response helpers for the route classes.
std::optional<QJsonObject> parseJsonObject(const HttpRequest &request, HttpResponse *error);
HttpResponse validationProblem(const FieldErrors &errors, const QString &title = {});
HttpResponse notFound(const QString &what);
HttpResponse forbidden(const QString &detail);
HttpResponse badRequest(const QString &type, const QString &detail);
// Validates an `{id}` path segment (UUID), so traversal and injection never reach storage.
bool validPathId(const QString &id, HttpResponse *error, const QString &what);
// Parses `limit`: absent → fallback; non-numeric, < 1 or > max → 400 with a precise detail.
std::optional<int> parseLimit(const HttpRequest &request, int fallback, int max, HttpResponse *error);
QByteArray etagFor(qint64 version);

} // namespace triage::server
