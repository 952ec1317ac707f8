#include "PriorityMatrix.h"

#include "SlaJsonUtil.h"

namespace triage {

PriorityMatrix::PriorityMatrix()
    : m_cells {{{Priority::Critical, Priority::High, Priority::Normal},
        {Priority::High, Priority::Normal, Priority::Low}, {Priority::Normal, Priority::Low, Priority::Low}}}
{ }

Priority PriorityMatrix::priorityFor(Level impact, Level urgency) const
{
    return m_cells[size_t(impact)][size_t(urgency)];
}

void PriorityMatrix::set(Level impact, Level urgency, Priority priority)
{
    m_cells[size_t(impact)][size_t(urgency)] = priority;
}

std::optional<PriorityMatrix> PriorityMatrix::fromJson(const QJsonValue &json, QString *error)
{
    auto failed = [error](const QString &m) -> std::optional<PriorityMatrix> {
        if (error)
            *error = m;
        return std::nullopt;
    };
    if (!json.isObject())
        return failed(u"priority matrix: "_qs
            + slajson::expected(u"an object of impact → urgency → priority"_qs, json));
    const QJsonObject rows = json.toObject();
    for (const QString &key : rows.keys()) {
        if (!levelFromWire(key))
            return failed(
                u"priority matrix: unknown impact \""_qs + key + u"\" (expected high, medium, low)"_qs);
    }
    PriorityMatrix m;
    for (const QString &impact : allLevels()) {
        const QJsonValue row = rows.value(impact);
        if (!row.isObject())
            return failed(u"priority matrix."_qs + impact + u": "_qs
                + slajson::expected(u"an object of urgency → priority"_qs, row));
        const QJsonObject cells = row.toObject();
        for (const QString &key : cells.keys()) {
            if (!levelFromWire(key))
                return failed(u"priority matrix."_qs + impact + u": unknown urgency \""_qs + key
                    + u"\" (expected high, medium, low)"_qs);
        }
        for (const QString &urgency : allLevels()) {
            const QJsonValue cell = cells.value(urgency);
            const auto p = priorityFromWire(cell.toString());
            if (!cell.isString() || !p) {
                return failed(u"priority matrix."_qs + impact + u'.' + urgency + u": "_qs
                    + slajson::expected(u"critical, high, normal or low"_qs, cell));
            }
            m.set(*levelFromWire(impact), *levelFromWire(urgency), *p);
        }
    }
    return m;
}

QJsonObject PriorityMatrix::toJson() const
{
    QJsonObject rows;
    for (const QString &impact : allLevels()) {
        QJsonObject cells;
        for (const QString &urgency : allLevels())
            cells.insert(urgency, toWire(priorityFor(*levelFromWire(impact), *levelFromWire(urgency))));
        rows.insert(impact, cells);
    }
    return rows;
}

} // namespace triage
