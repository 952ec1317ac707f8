#pragma once

#include "store/CacheRepository.h"
#include "store/OutboxEntry.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QStringList>

namespace triage {

// Reference data (users, groups, boards, views, calendars, SLA policies, KB) as wire JSON, by kind.
class ReferenceData final : public QObject, public CacheRepository
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReferenceData)

public:
    explicit ReferenceData(LocalCache &cache);
    ~ReferenceData() override;

    bool putEntities(const QString &kind, const QList<QJsonObject> &objects);
    bool removeEntity(const QString &kind, const QString &id);
    QList<QJsonObject> entities(const QString &kind) const;

    // A user's edit of one entity (a saved view) and its outbox entry.
    struct LocalEdit {
        QString id;
        QJsonObject json; // empty: the entity is removed
        OutboxEntry entry;
    };
    // Writes the edits and their outbox entries atomically and durably (synchronous=FULL), and
    // clears the meta keys `clearMeta` in the same transaction (a queue they replace).
    bool saveLocalEdits(
        const QString &kind, const QList<LocalEdit> &edits, const QStringList &clearMeta = {});

Q_SIGNALS:
    // Reference data of these kinds changed.
    void entitiesChanged(const QStringList &kinds);
};

} // namespace triage
