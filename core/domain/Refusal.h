#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace triage {

// Why a change was refused, as a code with arguments. The code is what programs compare and what
// the UI translates (ui/common/Texts::refusal, one table); the English text is for logs, the CLI
// and clients that do not know the code yet. On the wire a refusal travels as the problem's
// `code` and `args` next to its English `detail`.
enum class RefusalCode : quint8 {
    ClosedStatusFrozen, // a closed ticket cannot change status
    ResolveBeforeClosing,
    ResolvedReopenOrClose,
    TransitionNotAllowed, // args: from, to (wire status names)
    ClosedReadOnly,
    AssignBeforeResolving,
    SelfLink,
    LinkTargetNotCached,
    TicketGone,
    InvalidFields, // args: the field errors, described
    DiskFull,
    StorageFailed, // args: what failed, in the database's words
};

struct Refusal {
    RefusalCode code = RefusalCode::StorageFailed;
    QStringList args;

    QString english() const;
    // Stable kebab-case name used on the wire ("closed-read-only").
    QString wireCode() const;
    static std::optional<RefusalCode> codeFromWire(QStringView wire);

    bool operator==(const Refusal &) const = default;
};

} // namespace triage

Q_DECLARE_METATYPE(triage::Refusal)
