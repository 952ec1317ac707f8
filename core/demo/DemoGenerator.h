#pragma once

#include "domain/Board.h"
#include "domain/Comment.h"
#include "domain/Directory.h"
#include "domain/Ticket.h"
#include "domain/TicketEvent.h"
#include "domain/TicketFilter.h"

#include <QList>

#include <functional>

namespace triage {

// The demo organisation: IT, HR, accounting and facilities groups, a lead, five agents (agent1…
// agent5), an admin and Russian- and English-speaking requesters. Stable ids, same every run.
struct DemoOrganisation {
    QList<Group> groups;
    QList<User> users; // staff first, then requesters
    QList<Board> boards;
    QList<SavedView> views;

    const User *userByName(const QString &username) const;
};

// Deterministic realistic data for `triaged --demo`, tests and benchmarks: the same seed and index
// always give the same ticket, from 50 to 1,000,000 tickets. Ticket i is created at
// `epochMs + i * spacing`, so "now-ish" demo data is obtained by choosing epochMs.
class DemoGenerator
{
public:
    explicit DemoGenerator(quint64 seed = 20261127, qint64 epochMs = 1767225600000 /* 2026-01-01Z */);

    const DemoOrganisation &organisation() const { return m_org; }

    // Spread `count` tickets over `spanDays` days ending at `endMs` (e.g. now). With `freshHours`, an
    // eighth of them (12 to 40) arrive in those last hours, as on a Monday morning, and the open
    // backlog is what a working desk has (nothing in the future, no weeks-old untouched tickets).
    void setTimeline(qint64 count, qint64 endMs, int spanDays, int freshHours = 0);

    Ticket ticket(qint64 index) const;
    // 0..N comments, public replies and internal notes, ages after the ticket's creation.
    QList<Comment> comments(const Ticket &ticket, qint64 index) const;
    // The quoted history a mail client puts under a requester's reply ("On …, X wrote:" + "> " lines).
    QString quotedMail(const Comment &reply) const;
    // The event log that led to `ticket` (created, taken, status changes, comments, rating), in time
    // order: what `triaged --demo` stores in ticket_history, so SLA timers and metrics are real.
    QList<TicketEvent> history(const Ticket &ticket, const QList<Comment> &comments) const;
    // Average comments per ticket is ~ `commentsPerTicket` (default 3; the 1M-comment bench uses 10).
    void setCommentsPerTicket(int n) { m_commentsPerTicket = n; }

    // Calls `sink` for tickets [0, count) in index order.
    void generate(
        qint64 count, const std::function<void(const Ticket &, const QList<Comment> &)> &sink) const;

    static QString stableId(const QString &kind, qint64 index); // deterministic UUIDv7-shaped ids

private:
    quint64 m_seed;
    qint64 m_epochMs;
    qint64 m_spacingMs = 60000;
    qint64 m_endMs = 0; // set by setTimeline()
    qint64 m_count = 0;
    qint64 m_freshCount = 0; // the last m_freshCount tickets arrive within m_freshMs before m_endMs
    qint64 m_freshMs = 0;
    int m_commentsPerTicket = 3;
    DemoOrganisation m_org;
};

} // namespace triage
