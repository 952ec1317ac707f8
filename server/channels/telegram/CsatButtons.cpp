#include "CsatButtons.h"

#include <QJsonArray>
#include <QUuid>

namespace triage::server {

QString CsatButtons::callbackData(const QString &ticketId, int rating)
{
    return kPrefix.toString() + u':' + ticketId + u':' + QString::number(rating);
}

QJsonObject CsatButtons::keyboard(const QString &ticketId, int chosen)
{
    QJsonArray row;
    for (int rating = 1; rating <= 5; ++rating) {
        const QString label = rating == chosen ? u"✅ %1"_qs.arg(rating) : QString::number(rating);
        row.append(QJsonObject {{u"text"_qs, label}, {u"callback_data"_qs, callbackData(ticketId, rating)}});
    }
    // One row of buttons inside the keyboard's array of rows. Not `QJsonArray {row}`: GCC reads that
    // as a list of one element, clang as a copy of `row` (found by fuzz_telegram_update).
    QJsonArray rows;
    rows.append(row);
    return QJsonObject {{u"inline_keyboard"_qs, rows}};
}

std::optional<CsatButtons::Vote> CsatButtons::parse(const QString &argument)
{
    const qsizetype colon = argument.lastIndexOf(u':');
    if (colon <= 0 || argument.size() > 64)
        return std::nullopt;
    Vote v;
    v.ticketId = argument.left(colon);
    bool ok = false;
    v.rating = argument.mid(colon + 1).toInt(&ok);
    if (!ok || v.rating < 1 || v.rating > 5 || argument.size() - colon != 2)
        return std::nullopt;
    // Exactly a UUID (QUuid::fromString alone accepts trailing text).
    if (v.ticketId.size() != 36 || QUuid::fromString(v.ticketId).isNull())
        return std::nullopt;
    return v;
}

} // namespace triage::server
