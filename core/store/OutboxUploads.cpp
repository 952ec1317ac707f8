// Files waiting in the outbox (`attachment.upload`): what happens to the cache when one is done.
#include "CacheDatabase.h"
#include "LocalCache.h"
#include "OutboxRepository.h"
#include "StoreSql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace triage {

using storesql::Transaction;

namespace {

QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace

bool OutboxRepository::finishUpload(const OutboxEntry &upload, const QString &seqBaseKey,
    const std::optional<Attachment> &stored, const std::optional<SyncConflict> &refused)
{
    m_db->setDurable(true);
    Transaction tx(m_db->connection());
    if (!tx.ok())
        return fail(u"starting a transaction"_qs, tx.error());
    QSqlQuery q(m_db->connection());
    q.prepare(u"DELETE FROM outbox WHERE id = ?"_qs);
    q.addBindValue(upload.id);
    if (!q.exec())
        return fail(u"removing outbox entry"_qs, q.lastError().text());
    if (q.numRowsAffected() == 0)
        return true; // already done (a second answer to the same upload): the base moved once
    // client_seq = outbox seq − base: the entries after this one keep consecutive numbers.
    q.prepare(u"INSERT INTO meta (key, value) VALUES (?, '1') ON CONFLICT(key) DO UPDATE "
              u"SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)"_qs);
    q.addBindValue(seqBaseKey);
    if (!q.exec())
        return fail(u"moving the client sequence"_qs, q.lastError().text());
    const QString id = upload.payload.value(u"attachment"_qs).toObject().value(u"id"_qs).toString();
    if (stored) {
        q.prepare(u"INSERT INTO entities (kind, id, json) VALUES ('attachment', ?, ?) "
                  u"ON CONFLICT(kind, id) DO UPDATE SET json = excluded.json"_qs);
        q.addBindValue(stored->id);
        q.addBindValue(compact(stored->toJson()));
        if (!q.exec())
            return fail(u"storing the uploaded file"_qs, q.lastError().text());
    }
    if (refused) {
        if (!writeConflicts({*refused}, u"recording a refused upload"_qs))
            return false;
        q.prepare(u"DELETE FROM entities WHERE kind = 'attachment' AND id = ?"_qs);
        q.addBindValue(id);
        if (!q.exec())
            return fail(u"dropping a refused file"_qs, q.lastError().text());
        // The comments still waiting that name it are sent without it.
        QSqlQuery named(m_db->connection());
        named.prepare(
            u"SELECT id, payload FROM outbox WHERE type = 'comment.create' AND instr(payload, ?) > 0"_qs);
        named.addBindValue(id);
        if (!named.exec())
            return fail(u"reading pending comments"_qs, named.lastError().text());
        QList<QPair<QString, QJsonObject>> rewritten;
        while (named.next()) {
            QJsonObject payload = QJsonDocument::fromJson(named.value(1).toString().toUtf8()).object();
            QJsonArray ids = payload.value(u"attachment_ids"_qs).toArray();
            for (qsizetype i = ids.size() - 1; i >= 0; --i) {
                if (ids.at(i).toString() == id)
                    ids.removeAt(i);
            }
            if (ids.isEmpty())
                payload.remove(u"attachment_ids"_qs);
            else
                payload.insert(u"attachment_ids"_qs, ids);
            rewritten.append({named.value(0).toString(), payload});
        }
        for (const auto &[entry, payload] : std::as_const(rewritten)) {
            q.prepare(u"UPDATE outbox SET payload = ? WHERE id = ?"_qs);
            q.addBindValue(compact(payload));
            q.addBindValue(entry);
            if (!q.exec())
                return fail(u"rewriting a pending comment"_qs, q.lastError().text());
        }
    }
    if (!tx.commit())
        return fail(u"committing an upload"_qs, tx.error());
    Q_EMIT m_cache.referenceData().entitiesChanged({u"attachment"_qs});
    Q_EMIT outboxChanged(pendingCount());
    if (refused)
        Q_EMIT conflictsChanged(conflictCount());
    return true;
}

} // namespace triage
