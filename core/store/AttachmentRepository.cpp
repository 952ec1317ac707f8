#include "AttachmentRepository.h"

#include "CacheDatabase.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace triage {

namespace {

QList<Attachment> read(QSqlQuery &q)
{
    QList<Attachment> out;
    while (q.next()) {
        const QJsonObject json = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
        if (auto a = Attachment::fromJson(json, nullptr))
            out.append(std::move(*a));
    }
    std::stable_sort(out.begin(), out.end(), [](const Attachment &a, const Attachment &b) {
        return a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.id < b.id;
    });
    return out;
}

} // namespace

AttachmentRepository::AttachmentRepository(LocalCache &cache)
    : CacheRepository(cache)
{ }

AttachmentRepository::~AttachmentRepository() = default;

std::optional<Attachment> AttachmentRepository::attachment(const QString &id) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT json FROM entities WHERE kind = 'attachment' AND id = ?"_qs);
    q.addBindValue(id);
    if (!q.exec()) {
        fail(u"reading an attachment"_qs, q.lastError().text());
        return std::nullopt;
    }
    const QList<Attachment> found = read(q);
    return found.isEmpty() ? std::nullopt : std::optional<Attachment>(found.first());
}

QList<Attachment> AttachmentRepository::forTicket(const QString &ticketId) const
{
    // The literal kind lets SQLite use the partial index entities_attachment_ticket.
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT json FROM entities WHERE kind = 'attachment'"
              u" AND json_extract(json, '$.ticket_id') = ?"_qs);
    q.addBindValue(ticketId);
    if (!q.exec()) {
        fail(u"reading attachments"_qs, q.lastError().text());
        return {};
    }
    return read(q);
}

QList<Attachment> AttachmentRepository::forComment(const QString &commentId) const
{
    QList<Attachment> out;
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT json FROM entities WHERE kind = 'attachment'"
              u" AND json_extract(json, '$.comment_id') = ?"_qs);
    q.addBindValue(commentId);
    if (!q.exec()) {
        fail(u"reading attachments"_qs, q.lastError().text());
        return out;
    }
    return read(q);
}

} // namespace triage
