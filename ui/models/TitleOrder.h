#pragma once

#include <QList>
#include <QtGlobal>

#include <vector>

namespace triage {

class TicketCache;

// Every cache row's place in case-insensitive title order, kept between sorts. The first title
// sort folds and sorts all titles once; later sorts only merge in the rows that changed since
// (a binary search each), so sorting 100k rows by title becomes an integer sort.
class TitleOrder
{
public:
    explicit TitleOrder(const TicketCache *cache);

    void invalidate(); // the cache was reloaded
    void markChanged(const QList<int> &cacheRows);
    // Rank per cache row: equal titles (ignoring case) share a rank. Valid until the next change.
    const std::vector<quint32> &ranks();
    bool isBuilt() const { return m_built; }

private:
    void build();
    void merge();
    void assignRanks();

    const TicketCache *m_cache;
    std::vector<int> m_sorted; // cache rows in title order
    std::vector<char> m_sameAsPrevious; // per m_sorted position: title equal to the one before
    std::vector<quint32> m_rank; // per cache row
    std::vector<int> m_dirty;
    bool m_built = false;
};

} // namespace triage
