#include "SlaCase.h"

#include "SlaJsonUtil.h"

#include <QJsonDocument>

namespace triage {

using namespace slajson;

std::optional<SlaCase> SlaCase::fromJson(const QJsonObject &input, QString *error)
{
    auto failed = [error](const QString &message) -> std::optional<SlaCase> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    QJsonObject json = input;
    if (!json.contains(u"calendar"_qs) && json.value(u"case"_qs).isObject())
        json = json.value(u"case"_qs).toObject();

    if (!json.contains(u"calendar"_qs))
        return failed(u"missing \"calendar\" (see docs/sla-case-format.md)"_qs);
    if (!json.contains(u"policy"_qs))
        return failed(u"missing \"policy\" (see docs/sla-case-format.md)"_qs);
    if (!json.contains(u"events"_qs))
        return failed(u"missing \"events\": no created event"_qs);

    auto calendar = BusinessCalendar::fromJson(json.value(u"calendar"_qs), error);
    if (!calendar)
        return std::nullopt;
    auto policy = SlaPolicy::fromJson(json.value(u"policy"_qs), error);
    if (!policy)
        return std::nullopt;
    auto events = parseSlaEvents(json.value(u"events"_qs), calendar->timeZone(), error);
    if (!events)
        return std::nullopt;

    SlaCase c {std::move(*calendar), std::move(*policy), std::move(*events), 0};
    const QJsonValue now = json.value(u"now"_qs);
    if (now.isUndefined() || now.isNull()) {
        c.now = c.events.back().at;
    } else {
        const auto at = now.isString() ? parseInstant(now.toString(), c.calendar.timeZone()) : std::nullopt;
        if (!at)
            return failed(
                u"now: "_qs + expected(u"an ISO 8601 instant such as \"2026-03-02T12:30:00+03:00\""_qs, now));
        c.now = *at;
    }
    return c;
}

QByteArray SlaCase::evaluateToJson() const
{
    return writeSlaTimers(evaluate(), calendar, !policy.escalations.empty());
}

std::optional<SlaCase> SlaCase::fromJson(const QByteArray &text, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const QByteArray before = text.left(parseError.offset);
        const qsizetype line = before.count('\n') + 1;
        const qsizetype column = parseError.offset - (before.lastIndexOf('\n') + 1) + 1;
        if (error) {
            *error = u"bad JSON at line %1, column %2: %3"_qs.arg(line).arg(column).arg(
                parseError.errorString());
        }
        return std::nullopt;
    }
    if (!doc.isObject()) {
        if (error)
            *error = u"bad case: expected a JSON object with calendar, policy, events and now"_qs;
        return std::nullopt;
    }
    return fromJson(doc.object(), error);
}

} // namespace triage
