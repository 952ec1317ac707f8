#include "TicketService.h"

#include "TicketRules.h"
#include "domain/Time.h"
#include "domain/Uuid.h"
#include "domain/Workflow.h"
#include "intake/MailOutbox.h"
#include "intake/TelegramCsat.h"
#include "notify/AgentAlerts.h"
#include "rules/RuleDryRun.h"
#include "storage/AttachmentStore.h"
#include "storage/DirectoryStore.h"
#include "storage/HistoryLog.h"
#include "storage/RuleStore.h"

#include <QJsonDocument>

#include <algorithm>
#include <cmath>

namespace triage::server {

QString Outcome::statusName(Status s)
{
    switch (s) {
    case Applied:
        return u"applied"_qs;
    case Conflict:
        return u"conflict"_qs;
    case Held:
        return u"held"_qs;
    case Rejected:
        return u"rejected"_qs;
    }
    return {};
}

QJsonObject makeProblem(int status, const QString &type, const QString &title, const QString &detail)
{
    return QJsonObject {{u"type"_qs, QString(u"https://triage.invalid/problems/"_qs + type)},
        {u"title"_qs, title}, {u"status"_qs, status}, {u"detail"_qs, detail}};
}

namespace {

Outcome rejected(int status, const QString &type, const QString &title, const QString &detail)
{
    Outcome o;
    o.status = Outcome::Rejected;
    o.httpStatus = status;
    o.problem = makeProblem(status, type, title, detail);
    return o;
}

Outcome validationRejected(const FieldErrors &errors)
{
    Outcome o
        = rejected(422, u"validation"_qs, u"The change has invalid fields"_qs, describe(errors).left(2000));
    QJsonArray list;
    for (const FieldError &e : errors)
        list.append(QJsonObject {{u"field"_qs, e.field}, {u"message"_qs, e.message}});
    o.problem.insert(u"errors"_qs, list);
    return o;
}

// The workflow's refusal: its English text as the detail, its code and arguments for clients to
// translate (core/domain/Refusal).
Outcome workflowRefused(const Refusal &why)
{
    Outcome o
        = rejected(422, u"transition-refused"_qs, u"Change not allowed by the workflow"_qs, why.english());
    o.problem.insert(u"code"_qs, why.wireCode());
    o.problem.insert(u"args"_qs, QJsonArray::fromStringList(why.args));
    return o;
}

Outcome notVisible()
{
    return rejected(404, u"not-found"_qs, u"Not found"_qs, u"No ticket with that id is visible to you."_qs);
}

Outcome deletedTicket()
{
    return rejected(410, u"ticket-deleted"_qs, u"Ticket deleted"_qs,
        u"The ticket was deleted; your change was not applied (its text is kept in this result)."_qs);
}

Outcome requesterForbidden()
{
    return rejected(403, u"forbidden"_qs, u"Forbidden"_qs, u"Requesters cannot make this change."_qs);
}

} // namespace

std::optional<StoredTicket> TicketService::loadVisible(const Principal &who, const QString &id, Outcome *out)
{
    auto s = m_store.load(id, true);
    if (!s) {
        *out = notVisible();
        return std::nullopt;
    }
    const bool visible = s->deleted ? who.isStaff() && who.couldSeeAnyGroup(s->formerGroups, {})
                                    : who.canSeeTicket(s->ticket.groupId, s->ticket.requesterId);
    if (!visible) {
        *out = notVisible();
        return std::nullopt;
    }
    if (m_baseVersion && !s->deleted && *m_baseVersion > s->ticket.version) {
        *out = validationRejected({{u"base_version"_qs,
            u"is %1, but the ticket is only at version %2; resync before editing"_qs.arg(*m_baseVersion)
                .arg(s->ticket.version)}});
        return std::nullopt;
    }
    return s;
}

FieldErrors TicketService::checkReferences(const Principal &who, const Ticket &next, const Ticket *before)
{
    FieldErrors errors;
    for (qsizetype i = 0; i < next.links.size(); ++i) {
        const TicketLink &link = next.links[i];
        if (before && before->links.contains(link))
            continue;
        // Missing, deleted and invisible targets get the same answer: no probing for ids.
        const auto target = link.ticketId == next.id ? std::nullopt : m_store.load(link.ticketId, false);
        if (!target || target->deleted
            || !who.canSeeTicket(target->ticket.groupId, target->ticket.requesterId))
            errors.append({u"links[%1].ticket_id"_qs.arg(i), u"no such ticket visible to you"_qs});
    }
    DirectoryStore dir(m_db);
    if (!next.groupId.isEmpty() && (!before || before->groupId != next.groupId) && !dir.group(next.groupId))
        errors.append({u"group_id"_qs, u"no such group"_qs});
    if (!next.assigneeId.isEmpty() && (!before || before->assigneeId != next.assigneeId)) {
        const auto u = dir.userById(next.assigneeId);
        if (!u || !u->user.canWork() || u->user.disabled)
            errors.append({u"assignee_id"_qs, u"must be an active agent, lead or admin"_qs});
    }
    if (!next.requesterId.isEmpty() && (!before || before->requesterId != next.requesterId)
        && !dir.userById(next.requesterId))
        errors.append({u"requester_id"_qs, u"no such user"_qs});
    return errors;
}

void TicketService::writeTicket(StoredTicket &stored, bool groupChanged, const QByteArray &history)
{
    const Ticket &t = stored.ticket;
    AttachmentStore attachments(m_db);
    if (!stored.rowKnown || stored.rowGroup != t.groupId || stored.rowRequester != t.requesterId)
        attachments.followTicket(t.id, t.groupId, t.requesterId);
    if (groupChanged) {
        // Comments and attachments follow their ticket into its new group: re-stamp them so the feed
        // delivers them to the agents who can see the ticket now.
        const QStringList ids = m_store.commentIds(stored.ticket.id);
        const QStringList files = attachments.idsOfTicket(stored.ticket.id);
        m_store.update(stored, stored.seq, history);
        m_tx.stamp("tickets", stored.ticket.id);
        for (const QString &id : ids)
            m_tx.stamp("comments", id);
        for (const QString &id : files)
            m_tx.stamp("attachments", id);
    } else {
        m_store.update(stored, stored.seq, history);
        m_tx.stamp("tickets", stored.ticket.id);
    }
}

std::optional<OutgoingRecord> TicketService::surveyOnResolve(const Ticket &before, const Ticket &after)
{
    // A ticket that came by Telegram asks its requester for a rating when it becomes resolved (in
    // the same transaction: resolved and asked, or neither). Mail has no buttons: not here.
    if (after.channel != Channel::Telegram || after.status != TicketStatus::Resolved
        || before.status == TicketStatus::Resolved)
        return std::nullopt;
    return TelegramCsat(m_db).promptFor(after);
}

Outcome TicketService::create(const Principal &who, Ticket t)
{
    if (m_store.load(t.id, false)) {
        return rejected(
            409, u"id-conflict"_qs, u"Id already used"_qs, u"A ticket with this id already exists."_qs);
    }
    if (!who.isStaff()) {
        if (!t.assigneeId.isEmpty())
            return requesterForbidden();
        t.requesterId = who.userId;
    } else if (t.requesterId.isEmpty()) {
        t.requesterId = who.userId;
    }
    t.number = m_store.nextNumber();
    t.version = 1;
    t.createdAt = t.updatedAt = nowMs();
    if (t.rank == 0)
        t.rank = static_cast<double>(*t.number);
    if (const FieldErrors e = t.validate(); !e.isEmpty())
        return validationRejected(e);
    if (const FieldErrors e = checkReferences(who, t, nullptr); !e.isEmpty())
        return validationRejected(e);
    RuleEvent created;
    created.kind = RuleEvent::Kind::Created;
    created.at = t.createdAt;
    RulePlan plan = runRules(t, created);
    Outcome o;
    o.write = [this, t, plan, userId = who.userId,
                  alerts = AgentAlerts(m_db).forTicketChange(nullptr, plan.ticket, who.userId)] {
        HistoryLog log(m_db);
        log.created(t, userId); // as the caller made it: the rules' changes are logged by rule
        writeRules(log, plan);
        m_store.insert(plan.ticket, 0, log.take(t.id)); // seq placeholder: the real one is stamped at commit
        m_tx.stamp("tickets", t.id);
        insertNotes(plan);
        for (const OutgoingRecord &a : alerts)
            OutgoingStore(m_db).enqueue(a);
    };
    o.httpStatus = 201;
    o.ticket = plan.ticket;
    o.changed = true;
    return o;
}

Outcome TicketService::update(const Principal &who, const QString &ticketId,
    const QList<FieldChange> &changes, const ListEdits &lists, bool mergeRules)
{
    Outcome o;
    auto stored = loadVisible(who, ticketId, &o);
    if (!stored)
        return o;
    if (stored->deleted)
        return deletedTicket();
    const Ticket cur = stored->ticket;
    if (!who.isStaff()) {
        for (const FieldChange &c : changes) {
            if (c.field != u"csat_rating"_qs && c.field != u"csat_comment"_qs)
                return requesterForbidden();
        }
        if (!lists.isEmpty())
            return requesterForbidden();
    }
    const QJsonObject curJson = cur.toJson();
    QJsonObject nextJson = curJson;
    QList<FieldChange> priorityOverrides;
    for (const FieldChange &c : changes) {
        const QJsonValue current = curJson.value(c.field);
        if (current == c.to)
            continue; // already so (e.g. the same change from another agent)
        if (!mergeRules || current == c.from) {
            nextJson.insert(c.field, c.to);
        } else if (c.field == u"priority"_qs) {
            nextJson.insert(c.field, c.to); // last arrival wins, noted in history
            priorityOverrides.append({c.field, current, c.to});
        } else {
            o.conflicts.append(QJsonObject {
                {u"field"_qs, c.field}, {u"base"_qs, c.from}, {u"yours"_qs, c.to}, {u"current"_qs, current}});
        }
    }
    FieldErrors errors;
    auto parsed = Ticket::fromJson(nextJson, &errors);
    if (!parsed)
        return validationRejected(errors);
    Ticket next = *parsed;
    // Tags and links: a union of intents, never a conflict. A new link must name another ticket the
    // caller can see (the same answer for missing, deleted and invisible: no probing for ids).
    const ListEdits applied = lists.applyTo(next);
    for (qsizetype i = 0; i < lists.linksAdd.size(); ++i) {
        const TicketLink &link = lists.linksAdd[i];
        if (!applied.linksAdd.contains(link))
            continue;
        const auto target = link.ticketId == next.id ? std::nullopt : m_store.load(link.ticketId, false);
        if (!target || target->deleted
            || !who.canSeeTicket(target->ticket.groupId, target->ticket.requesterId))
            errors.append({u"links_add[%1].ticket_id"_qs.arg(i), u"no such ticket visible to you"_qs});
    }
    if (const FieldErrors e = next.validate(); !e.isEmpty())
        errors += e;
    if (!errors.isEmpty())
        return validationRejected(errors);
    o.status = o.conflicts.isEmpty() ? Outcome::Applied : Outcome::Conflict;
    o.httpStatus = 200;
    if (next == cur) {
        o.ticket = cur;
        return o;
    }
    if (const auto reason = workflow::refuseChange(cur, next))
        return workflowRefused(*reason);
    if (const FieldErrors e = checkReferences(who, next, &cur); !e.isEmpty())
        return validationRejected(e);
    next.version = cur.version + 1;
    next.updatedAt = nowMs();
    RuleEvent updated;
    updated.kind = RuleEvent::Kind::Updated;
    updated.at = next.updatedAt;
    updated.before = cur;
    RulePlan plan = runRules(next, updated);
    stored->ticket = plan.ticket;
    o.write
        = [this, s = *stored, cur, next, plan, moved = plan.ticket.groupId != cur.groupId, priorityOverrides,
              userId = who.userId, alerts = AgentAlerts(m_db).forTicketChange(&cur, plan.ticket, who.userId),
              survey = surveyOnResolve(cur, plan.ticket)]() mutable {
              HistoryLog log(m_db);
              for (const FieldChange &p : priorityOverrides) {
                  log.add(s.ticket.id, nowMs(), userId, u"priority_overridden"_qs, p.from.toString(),
                      p.to.toString());
              }
              log.changed(cur, next, userId);
              writeRules(log, plan);
              writeTicket(s, moved, log.take(s.ticket.id));
              insertNotes(plan);
              for (const OutgoingRecord &a : alerts)
                  OutgoingStore(m_db).enqueue(a);
              if (survey)
                  OutgoingStore(m_db).enqueue(*survey);
          };
    o.ticket = plan.ticket;
    o.changed = true;
    return o;
}

Outcome TicketService::addComment(const Principal &who, Comment c, std::optional<qint64> baseVersion,
    bool confirm, const QStringList &attachmentIds)
{
    Outcome o;
    auto stored = loadVisible(who, c.ticketId, &o);
    if (!stored)
        return o;
    if (stored->deleted)
        return deletedTicket();
    if (!who.isStaff() && !c.isPublic)
        return requesterForbidden();
    if (m_store.loadComment(c.id))
        return rejected(
            409, u"id-conflict"_qs, u"Id already used"_qs, u"A comment with this id already exists."_qs);
    Ticket &t = stored->ticket;
    if (c.isPublic && !confirm) {
        QString reason;
        if (t.status == TicketStatus::Closed)
            reason = u"The ticket was closed; confirm to send the reply anyway."_qs;
        else if (baseVersion && m_store.publicRepliesSince(t.id, *baseVersion, who.userId) > 0)
            reason = u"Someone else replied publicly since you opened the ticket; review and confirm."_qs;
        if (!reason.isEmpty()) {
            o.status = Outcome::Held;
            o.httpStatus = 409;
            o.problem = makeProblem(409, u"reply-held"_qs, u"Reply held for confirmation"_qs, reason);
            o.ticket = t;
            return o;
        }
    }
    for (const QString &id : attachmentIds) {
        const auto a = AttachmentStore(m_db).load(id);
        if (!a || a->attachment.ticketId != t.id || a->attachment.createdBy != who.userId
            || (!a->attachment.commentId.isEmpty() && a->attachment.commentId != c.id))
            return validationRejected({{u"attachment_ids"_qs,
                u"'%1' is not a file you uploaded to this ticket and not yet on a comment"_qs.arg(id)}});
    }
    c.authorId = who.userId;
    c.createdAt = nowMs();
    t.version += 1;
    t.updatedAt = c.createdAt;
    // An agent's public reply on a ticket that came by mail goes to its requester by mail, queued in
    // this transaction (docs/channels.md "Outgoing queue"). Other channels' tickets skip the lookup.
    std::optional<OutgoingRecord> mail;
    if (c.isPublic && who.isStaff() && (t.channel == Channel::Email || t.channel == Channel::Telegram))
        mail = MailOutbox(m_db).replyFor(t, c);
    RuleEvent commented;
    commented.kind = RuleEvent::Kind::Comment;
    commented.at = c.createdAt;
    commented.by = who.isStaff() ? CommentAuthor::Agent : CommentAuthor::Requester;
    commented.commentPublic = c.isPublic;
    commented.commentText = c.body;
    const Ticket beforeRules = t;
    RulePlan plan = runRules(t, commented);
    stored->ticket = plan.ticket;
    o.write
        = [this, s = *stored, beforeRules, plan, c, staff = who.isStaff(), mail, attachmentIds]() mutable {
              HistoryLog log(m_db);
              log.comment(c, staff);
              writeRules(log, plan);
              writeTicket(s, s.ticket.groupId != beforeRules.groupId, log.take(s.ticket.id));
              m_store.insertComment(c, s.ticket, s.ticket.version, 0);
              insertNotes(plan);
              m_tx.stamp("comments", c.id);
              for (const QString &id : attachmentIds) {
                  AttachmentStore(m_db).linkToComment(id, c.id, c.isPublic);
                  m_tx.stamp("attachments", id);
              }
              if (mail)
                  OutgoingStore(m_db).enqueue(*mail);
          };
    o.httpStatus = 201;
    o.ticket = plan.ticket;
    o.comment = c;
    o.changed = true;
    return o;
}

Outcome TicketService::addChannelComment(const QString &authorId, Comment c)
{
    auto stored = m_store.load(c.ticketId, true);
    if (!stored)
        return notVisible();
    if (stored->deleted)
        return deletedTicket();
    if (m_store.loadComment(c.id))
        return rejected(
            409, u"id-conflict"_qs, u"Id already used"_qs, u"A comment with this id already exists."_qs);
    const Ticket before = stored->ticket;
    if (before.status == TicketStatus::Closed)
        return workflowRefused(Refusal {RefusalCode::ClosedReadOnly, {}});
    c.authorId = authorId;
    c.isPublic = true;
    c.createdAt = nowMs();
    if (const FieldErrors e = c.validate(); !e.isEmpty())
        return validationRejected(e);
    Ticket &t = stored->ticket;
    if (t.status == TicketStatus::Resolved || t.status == TicketStatus::Waiting)
        t.status = TicketStatus::InProgress;
    t.version += 1;
    t.updatedAt = c.createdAt;
    RuleEvent commented;
    commented.kind = RuleEvent::Kind::Comment;
    commented.at = c.createdAt;
    commented.by = CommentAuthor::Requester;
    commented.commentText = c.body;
    const Ticket afterComment = t;
    RulePlan plan = runRules(t, commented);
    stored->ticket = plan.ticket;
    Outcome o;
    o.write = [this, s = *stored, before, afterComment, plan, c]() mutable {
        HistoryLog log(m_db);
        log.changed(before, afterComment, c.authorId);
        log.comment(c, false);
        writeRules(log, plan);
        writeTicket(s, s.ticket.groupId != before.groupId, log.take(s.ticket.id));
        m_store.insertComment(c, s.ticket, s.ticket.version, 0);
        m_tx.stamp("comments", c.id);
        insertNotes(plan);
    };
    o.httpStatus = 201;
    o.ticket = plan.ticket;
    o.comment = c;
    o.changed = true;
    return o;
}

Outcome TicketService::move(const Principal &who, const QString &ticketId, std::optional<TicketStatus> status,
    const QString &after, const QString &before)
{
    if (!who.isStaff())
        return requesterForbidden();
    Outcome o;
    auto stored = loadVisible(who, ticketId, &o);
    if (!stored)
        return o;
    if (stored->deleted)
        return deletedTicket();
    const Ticket cur = stored->ticket;
    Ticket next = cur;
    if (status)
        next.status = *status;
    if (const auto reason = workflow::refuseChange(cur, next))
        return workflowRefused(*reason);
    const auto neighbour = [&](const QString &id, double *rank) {
        if (id.isEmpty() || id == ticketId)
            return false;
        const std::optional<double> r = m_store.rankOf(id);
        *rank = r.value_or(0.0);
        return r.has_value();
    };
    double a = 0;
    double b = 0;
    const bool hasAfter = neighbour(after, &a);
    const bool hasBefore = neighbour(before, &b);
    QList<StoredTicket> renumbered;
    if (hasAfter && hasBefore) {
        next.rank = (a + b) / 2.0;
        // Bisecting the same gap runs out of double precision after ~50 moves (and equal ranks
        // never order): long before that, renumber the column 1, 2, 3, … in this transaction.
        const double room = std::max({1.0, std::abs(a), std::abs(b)}) * kMinRankGap;
        if (a <= b && (b - a < room || !(a < next.rank && next.rank < b)))
            renumbered = renumberColumn(next, after, before);
    } else if (hasAfter) {
        next.rank = a + 1.0;
    } else if (hasBefore) {
        next.rank = b - 1.0;
    }
    o.ticket = cur;
    if (next == cur)
        return o;
    next.version = cur.version + 1;
    next.updatedAt = nowMs();
    RuleEvent updated;
    updated.kind = RuleEvent::Kind::Updated;
    updated.at = next.updatedAt;
    updated.before = cur;
    RulePlan plan = runRules(next, updated);
    stored->ticket = plan.ticket;
    o.write = [this, s = *stored, cur, next, plan, renumbered, userId = who.userId,
                  survey = surveyOnResolve(cur, plan.ticket)]() mutable {
        HistoryLog log(m_db);
        log.changed(cur, next, userId);
        writeRules(log, plan);
        writeTicket(s, s.ticket.groupId != cur.groupId, log.take(s.ticket.id));
        insertNotes(plan);
        for (StoredTicket &t : renumbered)
            writeTicket(t, false); // new sequence numbers: clients see the new ranks
        if (survey)
            OutgoingStore(m_db).enqueue(*survey);
    };
    o.ticket = plan.ticket;
    o.changed = true;
    return o;
}

QList<StoredTicket> TicketService::renumberColumn(Ticket &moving, const QString &after, const QString &before)
{
    QList<StoredTicket> column = m_store.column(toWire(moving.status));
    column.removeIf([&](const StoredTicket &s) { return s.ticket.id == moving.id; });
    qsizetype afterIndex = -1;
    qsizetype beforeIndex = -1;
    for (qsizetype i = 0; i < column.size(); ++i) {
        if (column[i].ticket.id == after)
            afterIndex = i;
        else if (column[i].ticket.id == before)
            beforeIndex = i;
    }
    if (afterIndex < 0 || beforeIndex < 0)
        return {}; // a neighbour is in another column: nothing to renumber here
    QList<StoredTicket> changed;
    for (qsizetype i = 0; i < column.size(); ++i) {
        StoredTicket &s = column[i];
        const double rank = static_cast<double>(i + 1);
        if (s.ticket.rank == rank)
            continue;
        s.ticket.rank = rank;
        s.ticket.version += 1;
        changed.append(s);
    }
    moving.rank = (static_cast<double>(afterIndex + 1) + static_cast<double>(beforeIndex + 1)) / 2.0;
    return changed;
}

Outcome TicketService::remove(const Principal &who, const QString &ticketId)
{
    if (!who.isStaff())
        return requesterForbidden();
    Outcome o;
    auto stored = loadVisible(who, ticketId, &o);
    if (!stored)
        return o;
    if (stored->deleted)
        return o; // delete is idempotent
    o.write = [this, ticketId, seq = stored->seq, userId = who.userId] {
        HistoryLog(m_db).deleted(ticketId, userId, nowMs());
        m_store.markDeleted(ticketId, seq);
        AttachmentStore(m_db).markTicketDeleted(ticketId);
        m_tx.stamp("tickets", ticketId);
    };
    o.changed = true;
    return o;
}

RulePlan TicketService::runRules(const Ticket &after, const RuleEvent &event)
{
    TicketRules rules(m_db);
    RulePlan plan = rules.onEvent(after, event);
    keepValid(plan, after, event.at);
    return plan;
}

void TicketService::keepValid(RulePlan &plan, const Ticket &after, qint64 at)
{
    if (!plan.ticketChanged)
        return;
    // The rules may not break what a person could not: an invalid ticket or a dangling reference
    // keeps the ticket as the event left it; the refusal is on the ticket's log.
    FieldErrors errors = plan.ticket.validate();
    DirectoryStore dir(m_db);
    if (plan.ticket.groupId != after.groupId && !plan.ticket.groupId.isEmpty()
        && !dir.group(plan.ticket.groupId))
        errors.append({u"group_id"_qs, u"no such group"_qs});
    if (plan.ticket.assigneeId != after.assigneeId && !plan.ticket.assigneeId.isEmpty()) {
        const auto u = dir.userById(plan.ticket.assigneeId);
        if (!u || !u->user.canWork() || u->user.disabled)
            errors.append({u"assignee_id"_qs, u"must be an active agent, lead or admin"_qs});
    }
    if (errors.isEmpty())
        return;
    plan.ticket = after;
    plan.ticketChanged = false;
    plan.history.removeIf(
        [](const RulePlan::Row &r) { return r.field != u"rule"_qs && r.field != u"rule_action"_qs; });
    plan.history.append({at, ruleAuthor(QString()), u"rule_action"_qs, QString(),
        QString::fromUtf8(QJsonDocument(
            QJsonObject {{u"carried_out"_qs, false},
                {u"detail"_qs,
                    QString(u"the rules' field changes were refused: "_qs + describe(errors).left(500))}})
                              .toJson(QJsonDocument::Compact))});
}

void TicketService::writeRules(HistoryLog &log, const RulePlan &plan)
{
    TicketRules::write(m_db, log, plan);
    // The note's log entry is the rule's, so dry-runs skip it as they skip the rule's other changes.
    for (qsizetype i = 0; i < plan.notes.size(); ++i) {
        const Comment &note = plan.notes[i];
        log.add(note.ticketId, note.createdAt, ruleAuthor(plan.noteRules.value(i)),
            TicketEvent::fieldName(TicketEvent::Kind::Note), QString(), u"agent"_qs);
    }
}

void TicketService::insertNotes(const RulePlan &plan)
{
    for (const Comment &note : plan.notes) {
        m_store.insertComment(note, plan.ticket, plan.ticket.version, 0);
        m_tx.stamp("comments", note.id);
    }
}

Outcome TicketService::runTimeRules(const QString &ticketId, qint64 now)
{
    Outcome o;
    auto stored = m_store.load(ticketId, true);
    if (!stored || stored->deleted)
        return o;
    const Ticket cur = stored->ticket;
    TicketRules rules(m_db);
    RulePlan plan = rules.onTime(cur, now);
    o.ticket = cur;
    if (plan.fired.isEmpty())
        return o; // near misses alone are not written at every sweep
    keepValid(plan, cur, now);
    plan.ticket.version = cur.version + 1; // the log grew: clients get it with the ticket
    plan.ticket.updatedAt = now;
    stored->ticket = plan.ticket;
    o.write = [this, s = *stored, cur, plan]() mutable {
        HistoryLog log(m_db);
        writeRules(log, plan);
        writeTicket(s, s.ticket.groupId != cur.groupId, log.take(s.ticket.id));
        insertNotes(plan);
    };
    o.ticket = plan.ticket;
    o.changed = true;
    return o;
}

} // namespace triage::server
