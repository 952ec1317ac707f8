#pragma once

#include "Rule.h"

namespace triage {

// What kind of value a rule field holds; decides the operators and values it takes.
enum class FieldCategory : quint8 { Enum, Id, Text, List, Number, Bool, Any };

FieldCategory categoryOf(RuleFieldId id);
QStringList vocabularyOf(RuleFieldId id); // wire values of an Enum field; empty otherwise
QStringList ruleFieldWireNames(); // for error messages

} // namespace triage
