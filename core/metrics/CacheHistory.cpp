#include "CacheHistory.h"

#include "HistoryAssembler.h"
#include "store/LocalCache.h"

#include <QHash>
#include <QSet>

namespace triage {

CacheMetrics metricsFromCache(const LocalCache &cache)
{
    CacheMetrics out;
    const QList<QJsonObject> calendarDocs = cache.referenceData().entities(u"calendar"_qs);
    out.config = MetricsConfig::fromDocs(calendarDocs, cache.referenceData().entities(u"sla_policy"_qs));
    out.store = std::make_unique<MetricsStore>(out.config.calendar, out.config.policies);

    QHash<QString, QString> userNames, groupNames;
    QSet<QString> staff;
    for (const QJsonObject &u : cache.referenceData().entities(u"user"_qs)) {
        const QString id = u.value(u"id"_qs).toString();
        userNames.insert(id, u.value(u"username"_qs).toString());
        if (u.value(u"role"_qs).toString() != u"requester")
            staff.insert(id);
    }
    for (const QJsonObject &g : cache.referenceData().entities(u"group"_qs)) {
        const QString id = g.value(u"id"_qs).toString();
        const QString name = g.value(u"name"_qs).toString().isEmpty() ? id : g.value(u"name"_qs).toString();
        groupNames.insert(id, name);
        // SLA policies name groups by id (`applies_to.groups`), the metrics by name.
        out.store->setGroupId(name, id);
        // The group's business calendar, as triaged's MetricsService sets it (before any ticket).
        const QString calendarId = g.value(u"calendar_id"_qs).toString();
        for (const QJsonObject &doc : calendarDocs) {
            if (calendarId.isEmpty() || doc.value(u"id"_qs).toString() != calendarId)
                continue;
            if (auto c = BusinessCalendar::fromJson(doc.value(u"calendar"_qs), nullptr))
                out.store->setGroupCalendar(name, std::move(*c));
        }
    }
    HistoryAssembler assemble;
    assemble.userName = [&userNames](const QString &id) { return userNames.value(id, id); };
    assemble.groupName = [&groupNames](const QString &id) { return groupNames.value(id, id); };
    assemble.isStaff = [&staff](const QString &id) { return staff.contains(id); };

    const QHash<QString, QList<TicketEvent>> logs = cache.eventLogs().allHistories();
    cache.tickets().forEachTicket([&](Ticket &&t) {
        const QList<TicketEvent> log = logs.value(t.id);
        if (HistoryAssembler::isDeleted(log))
            return;
        HistoryAssembler::Row row;
        row.id = t.id;
        row.title = t.title;
        row.category = t.tags.value(0);
        row.type = t.type;
        row.channel = t.channel;
        row.status = t.status;
        row.priority = t.priority;
        row.groupId = t.groupId;
        row.assigneeId = t.assigneeId;
        row.rating = t.csatRating;
        row.createdAt = t.createdAt;
        row.updatedAt = t.updatedAt;
        std::vector<HistoryAssembler::CommentRow> comments;
        const bool logged = std::any_of(log.begin(), log.end(),
            [](const TicketEvent &e) { return e.kind() == TicketEvent::Kind::Created; });
        if (!logged) { // only a reconstructed start reads comments
            for (const Comment &c : cache.tickets().comments(t.id))
                comments.push_back({c.createdAt, c.authorId, c.isPublic});
        }
        out.store->addTicket(assemble.assemble(row, log, comments, *out.store));
    });
    return out;
}

} // namespace triage
