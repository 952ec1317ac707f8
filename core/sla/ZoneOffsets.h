#pragma once

#include <QTimeZone>

#include <unordered_map>
#include <vector>

namespace triage {

// UTC-offset table of one IANA zone, filled lazily from QTimeZone transitions in ~13-month blocks,
// so calendar arithmetic is integer math and never goes through QDateTime local-time conversions
// (which would also depend on the process time zone). Not thread-safe: copy per thread.
class ZoneOffsets
{
public:
    struct Segment {
        qint64 fromMs; // UTC, inclusive
        qint64 toMs; // UTC, exclusive
        qint64 offsetMs;
    };

    ZoneOffsets() = default;
    explicit ZoneOffsets(const QTimeZone &zone);

    const QTimeZone &zone() const { return m_zone; }
    qint64 offsetMsAt(qint64 utcMs) const;
    // Constant-offset pieces covering [fromMs, toMs), in order.
    std::vector<Segment> segments(qint64 fromMs, qint64 toMs) const;
    // True when the offset changes somewhere in (fromMs, toMs].
    bool changesWithin(qint64 fromMs, qint64 toMs) const;

private:
    struct Block {
        qint64 startOffsetMs = 0;
        std::vector<std::pair<qint64, qint64>> transitions; // (UTC instant, offset from then on)
    };
    const Block &block(qint64 index) const;

    QTimeZone m_zone;
    mutable std::unordered_map<qint64, Block> m_blocks;
};

// Floor division for instants before 1970.
constexpr qint64 floorDiv(qint64 a, qint64 b)
{
    const qint64 q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

} // namespace triage
