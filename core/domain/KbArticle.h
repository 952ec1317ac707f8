#pragma once

#include "Validation.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace triage {

// A knowledge-base article: how a past case was solved, linked from tickets.
struct KbArticle {
    QString id;
    QString title;
    QString body;
    QStringList tags;
    QString sourceTicketId;
    qint64 updatedAt = 0;

    bool operator==(const KbArticle &) const = default;
    QJsonObject toJson() const;
    static std::optional<KbArticle> fromJson(const QJsonObject &json, FieldErrors *errors);
};

} // namespace triage
