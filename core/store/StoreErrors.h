#pragma once

// Store failures the user can act on, as fixed English texts the UI maps to translations
// (ui/common/Texts::reason). Everything else is reported with the SQL error's own text.
namespace triage {

// LocalCache::lastError() when SQLite reports SQLITE_FULL: the change (or a synced page) was
// rolled back as a whole; the outbox and the cache are as before.
inline constexpr char16_t kDiskFullError[]
    = u"The disk is full, so nothing was saved. Free some space on this computer and try again.";

} // namespace triage
