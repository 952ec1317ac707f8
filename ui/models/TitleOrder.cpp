#include "TitleOrder.h"

#include "TicketCache.h"

#include <algorithm>

namespace triage {

namespace {

int compareTitles(const QString &a, const QString &b)
{
    return a.compare(b, Qt::CaseInsensitive);
}

} // namespace

TitleOrder::TitleOrder(const TicketCache *cache)
    : m_cache(cache)
{ }

void TitleOrder::invalidate()
{
    m_built = false;
    m_sorted.clear();
    m_sameAsPrevious.clear();
    m_rank.clear();
    m_dirty.clear();
}

void TitleOrder::markChanged(const QList<int> &cacheRows)
{
    if (m_built)
        m_dirty.insert(m_dirty.end(), cacheRows.begin(), cacheRows.end());
}

const std::vector<quint32> &TitleOrder::ranks()
{
    if (!m_built)
        build();
    else if (!m_dirty.empty() || m_rank.size() != static_cast<size_t>(m_cache->size()))
        merge();
    return m_rank;
}

void TitleOrder::build()
{
    const int n = m_cache->size();
    std::vector<std::pair<QString, int>> keys;
    keys.reserve(static_cast<size_t>(n));
    for (int r = 0; r < n; ++r) {
        if (!m_cache->row(r).deleted)
            keys.emplace_back(m_cache->row(r).title.toCaseFolded(), r);
    }
    std::sort(keys.begin(), keys.end(), [](const auto &x, const auto &y) {
        const int c = x.first.compare(y.first);
        return c != 0 ? c < 0 : x.second < y.second;
    });
    m_sorted.resize(keys.size());
    m_sameAsPrevious.assign(keys.size(), 0);
    for (size_t i = 0; i < keys.size(); ++i) {
        m_sorted[i] = keys[i].second;
        m_sameAsPrevious[i] = i > 0 && keys[i].first == keys[i - 1].first;
    }
    m_dirty.clear();
    m_built = true;
    assignRanks();
}

void TitleOrder::merge()
{
    const int n = m_cache->size();
    // Rows appended since the last build are new to the order too.
    for (int r = static_cast<int>(m_rank.size()); r < n; ++r)
        m_dirty.push_back(r);
    std::vector<char> isDirty(static_cast<size_t>(n), 0);
    std::vector<int> moving;
    for (int r : m_dirty) {
        if (r >= 0 && r < n && !isDirty[static_cast<size_t>(r)]) {
            isDirty[static_cast<size_t>(r)] = 1;
            if (!m_cache->row(r).deleted)
                moving.push_back(r);
        }
    }
    m_dirty.clear();
    auto title = [this](int r) -> const QString & { return m_cache->row(r).title; };

    // The unchanged rows keep their order; a tie flag is re-checked where a neighbour left.
    std::vector<int> kept;
    std::vector<char> keptSame;
    kept.reserve(m_sorted.size());
    keptSame.reserve(m_sorted.size());
    bool gap = false;
    for (size_t i = 0; i < m_sorted.size(); ++i) {
        const int r = m_sorted[i];
        if (isDirty[static_cast<size_t>(r)]) {
            gap = true;
            continue;
        }
        const bool same = kept.empty() ? false
            : gap                      ? compareTitles(title(kept.back()), title(r)) == 0
                                       : m_sameAsPrevious[i] != 0;
        kept.push_back(r);
        keptSame.push_back(same);
        gap = false;
    }
    std::sort(moving.begin(), moving.end(), [&](int a, int b) {
        const int c = compareTitles(title(a), title(b));
        return c != 0 ? c < 0 : a < b;
    });

    std::vector<int> merged;
    std::vector<char> mergedSame;
    merged.reserve(kept.size() + moving.size());
    mergedSame.reserve(kept.size() + moving.size());
    auto push = [&](int r, bool recheck, char same) {
        if (recheck)
            same = !merged.empty() && compareTitles(title(merged.back()), title(r)) == 0;
        merged.push_back(r);
        mergedSame.push_back(same);
    };
    size_t from = 0;
    for (int m : moving) {
        const auto at = std::lower_bound(kept.begin() + static_cast<std::ptrdiff_t>(from), kept.end(), m,
            [&](int k, int mv) { return compareTitles(title(k), title(mv)) < 0; });
        const auto to = static_cast<size_t>(at - kept.begin());
        for (size_t i = from; i < to; ++i)
            push(kept[i], i == from && !merged.empty() && (merged.back() != (i ? kept[i - 1] : -1)),
                keptSame[i]);
        push(m, true, 0);
        from = to;
    }
    for (size_t i = from; i < kept.size(); ++i)
        push(kept[i], i == from && !merged.empty() && (merged.back() != (i ? kept[i - 1] : -1)), keptSame[i]);
    m_sorted = std::move(merged);
    m_sameAsPrevious = std::move(mergedSame);
    assignRanks();
}

void TitleOrder::assignRanks()
{
    m_rank.assign(static_cast<size_t>(m_cache->size()), 0);
    quint32 rank = 0;
    for (size_t i = 0; i < m_sorted.size(); ++i) {
        if (i > 0 && !m_sameAsPrevious[i])
            ++rank;
        m_rank[static_cast<size_t>(m_sorted[i])] = rank;
    }
}

} // namespace triage
