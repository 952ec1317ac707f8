#include "HistoryLog.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace triage::server {

const QString HistoryLog::kCreated = u"created"_qs;
const QString HistoryLog::kStatus = u"status"_qs;
const QString HistoryLog::kPriority = u"priority"_qs;
const QString HistoryLog::kAssignee = u"assignee_id"_qs;
const QString HistoryLog::kGroup = u"group_id"_qs;
const QString HistoryLog::kReply = u"reply"_qs;
const QString HistoryLog::kNote = u"note"_qs;
const QString HistoryLog::kRating = u"csat_rating"_qs;
const QString HistoryLog::kDeleted = u"deleted"_qs;

void HistoryLog::add(const QString &ticketId, qint64 at, const QString &userId, const QString &field,
    const QString &oldValue, const QString &newValue)
{
    Sql q(m_db,
        u"INSERT INTO ticket_history (ticket_id, at, user_id, field, old_value, new_value)"
        " VALUES (?, ?, ?, ?, ?, ?)"_qs);
    q.bind(ticketId).bind(at).bind(userId).bind(field).bind(oldValue).bind(newValue).execDeferred();
}

void HistoryLog::created(const Ticket &t, const QString &userId)
{
    // The initial values travel in one row, so the created event is never split.
    const QJsonObject initial {{u"status"_qs, toWire(t.status)}, {u"priority"_qs, toWire(t.priority)},
        {u"group_id"_qs, t.groupId}, {u"assignee_id"_qs, t.assigneeId}};
    add(t.id, t.createdAt, userId, kCreated, QString(),
        QString::fromUtf8(QJsonDocument(initial).toJson(QJsonDocument::Compact)));
    if (t.csatRating)
        add(t.id, t.createdAt, userId, kRating, QString(), QString::number(*t.csatRating));
}

void HistoryLog::changed(const Ticket &before, const Ticket &after, const QString &userId)
{
    const qint64 at = after.updatedAt;
    if (before.groupId != after.groupId)
        add(after.id, at, userId, kGroup, before.groupId, after.groupId);
    if (before.assigneeId != after.assigneeId)
        add(after.id, at, userId, kAssignee, before.assigneeId, after.assigneeId);
    if (before.priority != after.priority)
        add(after.id, at, userId, kPriority, toWire(before.priority), toWire(after.priority));
    if (before.status != after.status)
        add(after.id, at, userId, kStatus, toWire(before.status), toWire(after.status));
    if (before.csatRating != after.csatRating) {
        add(after.id, at, userId, kRating,
            before.csatRating ? QString::number(*before.csatRating) : QString(),
            after.csatRating ? QString::number(*after.csatRating) : QString());
    }
}

void HistoryLog::comment(const Comment &c, bool byStaff)
{
    add(c.ticketId, c.createdAt, c.authorId, c.isPublic ? kReply : kNote, QString(),
        byStaff ? u"agent"_qs : u"requester"_qs);
}

void HistoryLog::deleted(const QString &ticketId, const QString &userId, qint64 at)
{
    add(ticketId, at, userId, kDeleted, QString(), QString());
}

} // namespace triage::server
