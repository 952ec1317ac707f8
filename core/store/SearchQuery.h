#pragma once

#include <QString>

namespace triage {

// Turns what a person types into a safe FTS5 MATCH expression: every word quoted (so FTS5
// syntax and SQL metacharacters are plain text), "quoted phrases" kept as phrases, and the word
// being typed matched as a prefix. Returns an empty string when there is nothing to search.
QString toFtsQuery(const QString &userText);

} // namespace triage
