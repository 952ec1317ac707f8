#include "RecurringIssues.h"

#include "MetricsStore.h"

#include <algorithm>

namespace triage {

std::vector<RecurringIssue> findRecurringIssues(
    const MetricsStore &store, std::vector<RecurringCandidate> candidates, int minTickets, int windowDays)
{
    std::vector<RecurringIssue> out;
    if (minTickets < 1)
        minTickets = 1;
    const qint64 window = qint64(windowDays) * BusinessCalendar::kDayMs;
    // The text key covers the category too (TextKey::of).
    auto key = [](const RecurringCandidate &c) { return c.textKey; };
    std::sort(
        candidates.begin(), candidates.end(), [&](const RecurringCandidate &a, const RecurringCandidate &b) {
            const quint64 ka = key(a), kb = key(b);
            if (ka != kb)
                return ka < kb;
            return a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.ticket < b.ticket;
        });
    size_t begin = 0;
    while (begin < candidates.size()) {
        size_t end = begin + 1;
        const TicketLog &first = store.ticket(candidates[begin].ticket);
        while (end < candidates.size() && key(candidates[end]) == first.textKey)
            ++end;
        // Two pointers: each window start i reaches the last j with t[j] - t[i] < window.
        const size_t n = end - begin;
        std::vector<int> cover(n + 1, 0);
        size_t j = 0;
        for (size_t i = 0; i < n; ++i) {
            j = std::max(j, i);
            while (
                j + 1 < n && candidates[begin + j + 1].createdAt - candidates[begin + i].createdAt < window)
                ++j;
            if (j - i + 1 >= size_t(minTickets)) {
                ++cover[i];
                --cover[j + 1];
            }
        }
        RecurringIssue issue;
        int depth = 0;
        for (size_t k = 0; k < n; ++k) {
            depth += cover[k];
            if (depth <= 0)
                continue;
            const RecurringCandidate &c = candidates[begin + k];
            if (issue.ticketIds.isEmpty())
                issue.firstCreatedAt = c.createdAt;
            issue.lastCreatedAt = c.createdAt;
            issue.ticketIds << store.ticket(c.ticket).id;
        }
        if (!issue.ticketIds.isEmpty()) {
            issue.category = first.category;
            issue.words = store.textLabel(first.textKey);
            out.push_back(std::move(issue));
        }
        begin = end;
    }
    std::sort(out.begin(), out.end(), [](const RecurringIssue &a, const RecurringIssue &b) {
        if (a.ticketIds.size() != b.ticketIds.size())
            return a.ticketIds.size() > b.ticketIds.size();
        if (a.lastCreatedAt != b.lastCreatedAt)
            return a.lastCreatedAt > b.lastCreatedAt;
        return a.words < b.words;
    });
    return out;
}

} // namespace triage
