#pragma once

#include <QColor>
#include <QIcon>
#include <QString>

#include <limits>

namespace triage {

constexpr qint64 kNoDue = std::numeric_limits<qint64>::max();

// How urgent a ticket's SLA is right now. Computed at paint time from a fixed due instant.
enum class SlaState { None, Paused, Ok, AtRisk, Breached };

// The Okabe–Ito colour-blind-safe palette, always paired with a distinct icon shape and text so
// nothing is conveyed by colour alone.
namespace okabeIto {
inline const QColor orange {0xE6, 0x9F, 0x00};
inline const QColor skyBlue {0x56, 0xB4, 0xE9};
inline const QColor bluishGreen {0x00, 0x9E, 0x73};
inline const QColor yellow {0xF0, 0xE4, 0x42};
inline const QColor blue {0x00, 0x72, 0xB2};
inline const QColor vermillion {0xD5, 0x5E, 0x00};
inline const QColor reddishPurple {0xCC, 0x79, 0xA7};
} // namespace okabeIto

class SlaStyle
{
public:
    static constexpr qint64 kAtRiskMs = 3600000; // display turns at 1 h (JSM's convention)

    // `dueAt` kNoDue with `paused` distinguishes "paused" from "no SLA".
    static SlaState state(qint64 dueAt, bool paused, qint64 now);
    static QColor color(SlaState s);
    // Circle = fine, triangle = at risk, diamond with a cross = breached, bars = paused.
    static QIcon icon(SlaState s);
    // "12 min", "−3 min", "paused", or empty.
    static QString text(qint64 dueAt, bool paused, qint64 now);
    static QString stateName(SlaState s);
    // Tickets in New longer than this are highlighted (the article's "New > 15 min → red").
    static QIcon ageingIcon();
    // A circular arrow: local changes not synced yet.
    static QIcon pendingIcon();
};

} // namespace triage
