#include "ZoneOffsets.h"

#include <QDateTime>

#include <algorithm>

namespace triage {
namespace {

constexpr qint64 kBlockMs = qint64(1) << 35; // ~397.7 days

QDateTime utc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

} // namespace

ZoneOffsets::ZoneOffsets(const QTimeZone &zone)
    : m_zone(zone)
{ }

const ZoneOffsets::Block &ZoneOffsets::block(qint64 index) const
{
    const auto found = m_blocks.find(index);
    if (found != m_blocks.end())
        return found->second;
    Block b;
    const qint64 start = index * kBlockMs;
    const qint64 end = start + kBlockMs;
    b.startOffsetMs = qint64(m_zone.offsetFromUtc(utc(start))) * 1000;
    qint64 current = b.startOffsetMs;
    const auto list = m_zone.transitions(utc(start + 1), utc(end - 1));
    for (const auto &t : list) {
        const qint64 at = t.atUtc.toMSecsSinceEpoch();
        const qint64 off = qint64(t.offsetFromUtc) * 1000;
        // tzdata also records abbreviation-only changes; they do not move the wall clock.
        if (at <= start || at >= end || off == current)
            continue;
        b.transitions.emplace_back(at, off);
        current = off;
    }
    return m_blocks.emplace(index, std::move(b)).first->second;
}

qint64 ZoneOffsets::offsetMsAt(qint64 utcMs) const
{
    const Block &b = block(floorDiv(utcMs, kBlockMs));
    const auto it = std::upper_bound(b.transitions.begin(), b.transitions.end(), utcMs,
        [](qint64 v, const auto &t) { return v < t.first; });
    return it == b.transitions.begin() ? b.startOffsetMs : std::prev(it)->second;
}

std::vector<ZoneOffsets::Segment> ZoneOffsets::segments(qint64 fromMs, qint64 toMs) const
{
    std::vector<Segment> out;
    if (toMs <= fromMs)
        return out;
    Segment cur {fromMs, toMs, offsetMsAt(fromMs)};
    for (qint64 i = floorDiv(fromMs, kBlockMs); i <= floorDiv(toMs - 1, kBlockMs); ++i) {
        const Block &b = block(i);
        // A block boundary can itself carry a change that transitions() reported to no block.
        const qint64 blockStart = i * kBlockMs;
        if (blockStart > fromMs && blockStart < toMs && b.startOffsetMs != cur.offsetMs) {
            cur.toMs = blockStart;
            out.push_back(cur);
            cur = Segment {blockStart, toMs, b.startOffsetMs};
        }
        for (const auto &[at, off] : b.transitions) {
            if (at <= fromMs || at >= toMs || off == cur.offsetMs)
                continue;
            cur.toMs = at;
            out.push_back(cur);
            cur = Segment {at, toMs, off};
        }
    }
    out.push_back(cur);
    return out;
}

bool ZoneOffsets::changesWithin(qint64 fromMs, qint64 toMs) const
{
    const qint64 first = offsetMsAt(fromMs);
    for (qint64 i = floorDiv(fromMs, kBlockMs); i <= floorDiv(toMs, kBlockMs); ++i) {
        const Block &b = block(i);
        const qint64 blockStart = i * kBlockMs;
        if (blockStart > fromMs && blockStart <= toMs && b.startOffsetMs != first)
            return true;
        for (const auto &[at, off] : b.transitions) {
            if (at > fromMs && at <= toMs && off != first)
                return true;
        }
    }
    return false;
}

} // namespace triage
