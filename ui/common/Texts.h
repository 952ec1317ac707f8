#pragma once

#include "domain/Enums.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

class QJsonObject;

namespace triage {

struct Refusal;

// Every user-visible name of a domain value, translated. The domain keeps wire names only.
class Texts
{
    Q_DECLARE_TR_FUNCTIONS(Texts)

public:
    static QString status(TicketStatus s);
    static QString priority(Priority p);
    static QString type(TicketType t);
    static QString level(Level l);
    static QString channel(Channel c);
    static QString linkKind(LinkKind k);
    // The same link seen from its target: "Duplicated by #A".
    static QString incomingLinkKind(LinkKind k);
    // A ticket field by its wire name ("assignee_id" -> "Assignee").
    static QString field(const QString &wireName);
    // Why a change was refused, translated by its code (one table for every refusal).
    static QString refusal(const Refusal &r);
    // A server problem that carries a refusal `code` (and `args`), translated; nullopt for a
    // problem without a code this client knows (show its English `detail` then).
    static std::optional<QString> refusalFromProblem(const QJsonObject &problem);
    // Names the server seeds in English (default board columns, the standard saved views) shown in
    // the UI language; names people typed themselves are returned unchanged.
    static QString builtInName(const QString &name);
    // "12 min", "3 h 20 min", "2 d 4 h"; negative durations get a real minus sign ("−3 min").
    static QString duration(qint64 ms);
    // "5 min ago", "yesterday 14:02", a date for older instants.
    static QString relativeTime(qint64 atMs, qint64 nowMs);
};

} // namespace triage
