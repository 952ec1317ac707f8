#pragma once

#include "Validation.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace triage {

// A file attached to a ticket or to one of its comments, as metadata: the REST resource, the change
// feed's `attachment` entity and the console cache's row share this codec. The bytes are fetched on
// demand (GET /api/v1/attachments/{id}), never synced.
struct Attachment {
    QString id; // UUIDv7
    QString ticketId;
    QString commentId; // empty: attached to the ticket itself
    QString filename; // a base name, never a path (attachmentBaseName)
    qint64 size = 0;
    QString contentType; // sniffed by the server, not taken from the sender
    QString sha256; // lower-case hex
    qint64 createdAt = 0;
    QString createdBy; // user id; empty for a channel's intake

    bool operator==(const Attachment &) const = default;

    QJsonObject toJson() const;
    static std::optional<Attachment> fromJson(const QJsonObject &json, FieldErrors *errors);
};

// What a sender's file name becomes: the part after the last '/' or '\', without control
// characters, at most 255 UTF-8 bytes (the extension kept), "attachment" when nothing is left or it
// is "." or "..". Safe to show and to use as a file name in a download directory.
QString attachmentBaseName(const QString &name);

} // namespace triage
