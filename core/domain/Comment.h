#pragma once

#include "Validation.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace triage {

// A message on a ticket: a public reply the requester sees, or an internal note they never see.
struct Comment {
    QString id; // UUIDv7
    QString ticketId;
    QString authorId;
    bool isPublic = true;
    QString body;
    qint64 createdAt = 0;

    bool operator==(const Comment &) const = default;

    QJsonObject toJson() const;
    static std::optional<Comment> fromJson(const QJsonObject &json, FieldErrors *errors);
    FieldErrors validate() const;
};

constexpr int kMaxCommentLength = 100000;

} // namespace triage
