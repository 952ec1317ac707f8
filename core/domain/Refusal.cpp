#include "Refusal.h"

#include <array>

namespace triage {

namespace {

struct Entry {
    RefusalCode code;
    const char16_t *wire;
    const char16_t *english;
};

// One row per code: the wire name and the English text (%1, %2: the arguments).
constexpr std::array kTable {
    Entry {RefusalCode::ClosedStatusFrozen, u"closed-status-frozen",
        u"A closed ticket cannot change status; open a follow-up ticket instead."},
    Entry {RefusalCode::ResolveBeforeClosing, u"resolve-before-closing",
        u"Resolve the ticket before closing it."},
    Entry {RefusalCode::ResolvedReopenOrClose, u"resolved-reopen-or-close",
        u"A resolved ticket can only be reopened (to In progress) or closed."},
    Entry {
        RefusalCode::TransitionNotAllowed, u"transition-not-allowed", u"Cannot move a ticket from %1 to %2."},
    Entry {RefusalCode::ClosedReadOnly, u"closed-read-only", u"A closed ticket is read-only."},
    Entry {RefusalCode::AssignBeforeResolving, u"assign-before-resolving",
        u"Assign the ticket before resolving it."},
    Entry {RefusalCode::SelfLink, u"self-link", u"A ticket cannot be linked to itself."},
    Entry {RefusalCode::LinkTargetNotCached, u"link-target-not-cached",
        u"The linked ticket is not in the local cache."},
    Entry {RefusalCode::TicketGone, u"ticket-gone", u"The ticket no longer exists."},
    Entry {RefusalCode::InvalidFields, u"invalid-fields", u"%1"},
    Entry {RefusalCode::DiskFull, u"disk-full",
        u"The disk is full, so nothing was saved. Free some space on this computer and try again."},
    Entry {RefusalCode::StorageFailed, u"storage-failed", u"%1"},
};

const Entry &entry(RefusalCode code)
{
    for (const Entry &e : kTable) {
        if (e.code == code)
            return e;
    }
    return kTable.back();
}

} // namespace

QString Refusal::english() const
{
    const QString text = QString::fromUtf16(entry(code).english);
    // One pass over all arguments, so an argument that contains "%1" is never substituted again.
    switch (args.size()) {
    case 0:
        return text;
    case 1:
        return text.arg(args[0]);
    default:
        return text.arg(args[0], args[1]);
    }
}

QString Refusal::wireCode() const
{
    return QString::fromUtf16(entry(code).wire);
}

std::optional<RefusalCode> Refusal::codeFromWire(QStringView wire)
{
    for (const Entry &e : kTable) {
        if (wire == QStringView(e.wire))
            return e.code;
    }
    return std::nullopt;
}

} // namespace triage
