#include "HistoryLog.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace triage::server {

namespace {

// JSON string body with the escapes RFC 8259 requires.
void appendJsonString(QByteArray &out, QByteArrayView utf8)
{
    out.append('"');
    for (const char c : utf8) {
        if (c == '"' || c == '\\') {
            out.append('\\').append(c);
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(c));
            out.append(buf);
        } else {
            out.append(c);
        }
    }
    out.append('"');
}

// isoUtc() without QDateTime: "YYYY-MM-DDTHH:MM:SS.mmmZ" (H. Hinnant's civil_from_days).
void appendIsoUtc(QByteArray &out, qint64 ms)
{
    qint64 days = ms / 86400000;
    qint64 rem = ms % 86400000;
    if (rem < 0) {
        rem += 86400000;
        --days;
    }
    const qint64 z = days + 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const qint64 doe = z - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const qint64 d = doy - (153 * mp + 2) / 5 + 1;
    const qint64 m = mp < 10 ? mp + 3 : mp - 9;
    const qint64 y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    char buf[96];
    std::snprintf(buf, sizeof buf, "\"%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%03lldZ\"",
        static_cast<long long>(y), static_cast<long long>(m), static_cast<long long>(d),
        static_cast<long long>(rem / 3600000), static_cast<long long>(rem / 60000 % 60),
        static_cast<long long>(rem / 1000 % 60), static_cast<long long>(rem % 1000));
    out.append(buf);
}

} // namespace

void HistoryLog::appendEventJson(QByteArray &out, qint64 at, QByteArrayView by, QByteArrayView field,
    QByteArrayView from, QByteArrayView to)
{
    out.append("{\"at\":");
    appendIsoUtc(out, at);
    out.append(",\"field\":");
    appendJsonString(out, field);
    if (!by.isEmpty()) {
        out.append(",\"by\":");
        appendJsonString(out, by);
    }
    if (!from.isEmpty()) {
        out.append(",\"from\":");
        appendJsonString(out, from);
    }
    if (QAnyStringView::equal(QUtf8StringView(field.data(), field.size()), TicketEvent::kCreated)) {
        // Stored as a compact JSON object by HistoryLog::created.
        out.append(",\"initial\":")
            .append(to.startsWith('{') && to.endsWith('}') ? to : QByteArrayView("{}"));
    } else if (!to.isEmpty()) {
        out.append(",\"to\":");
        appendJsonString(out, to);
    }
    out.append('}');
}

namespace {

const QString &name(TicketEvent::Kind kind)
{
    return TicketEvent::fieldName(kind);
}

using Kind = TicketEvent::Kind;

} // namespace

void HistoryLog::add(const QString &ticketId, qint64 at, const QString &userId, const QString &field,
    const QString &oldValue, const QString &newValue)
{
    Sql q(m_db,
        u"INSERT INTO ticket_history (ticket_id, at, user_id, field, old_value, new_value)"
        " VALUES (?, ?, ?, ?, ?, ?)"_qs);
    q.bind(ticketId).bind(at).bind(userId).bind(field).bind(oldValue).bind(newValue).execDeferred();
    QByteArray &json = m_json[ticketId];
    if (!json.isEmpty())
        json.append(',');
    appendEventJson(json, at, userId.toUtf8(), field.toUtf8(), oldValue.toUtf8(), newValue.toUtf8());
}

void HistoryLog::created(const Ticket &t, const QString &userId)
{
    // The initial values travel in one row, so the created event is never split.
    const QJsonObject initial {{u"status"_qs, toWire(t.status)}, {u"priority"_qs, toWire(t.priority)},
        {u"group_id"_qs, t.groupId}, {u"assignee_id"_qs, t.assigneeId}};
    add(t.id, t.createdAt, userId, name(Kind::Created), QString(),
        QString::fromUtf8(QJsonDocument(initial).toJson(QJsonDocument::Compact)));
    if (t.csatRating)
        add(t.id, t.createdAt, userId, name(Kind::Rating), QString(), QString::number(*t.csatRating));
}

void HistoryLog::changed(const Ticket &before, const Ticket &after, const QString &userId)
{
    const qint64 at = after.updatedAt;
    if (before.groupId != after.groupId)
        add(after.id, at, userId, name(Kind::Group), before.groupId, after.groupId);
    if (before.assigneeId != after.assigneeId)
        add(after.id, at, userId, name(Kind::Assignee), before.assigneeId, after.assigneeId);
    if (before.priority != after.priority)
        add(after.id, at, userId, name(Kind::Priority), toWire(before.priority), toWire(after.priority));
    if (before.status != after.status)
        add(after.id, at, userId, name(Kind::Status), toWire(before.status), toWire(after.status));
    if (before.csatRating != after.csatRating) {
        add(after.id, at, userId, name(Kind::Rating),
            before.csatRating ? QString::number(*before.csatRating) : QString(),
            after.csatRating ? QString::number(*after.csatRating) : QString());
    }
}

void HistoryLog::comment(const Comment &c, bool byStaff)
{
    add(c.ticketId, c.createdAt, c.authorId, name(c.isPublic ? Kind::Reply : Kind::Note), QString(),
        byStaff ? u"agent"_qs : u"requester"_qs);
}

void HistoryLog::deleted(const QString &ticketId, const QString &userId, qint64 at)
{
    add(ticketId, at, userId, name(Kind::Deleted), QString(), QString());
}

} // namespace triage::server
