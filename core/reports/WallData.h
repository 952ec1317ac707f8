#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>
#include <vector>

namespace triage {

// One wall tick as the server sent it (GET /api/v1/reports/wall), parsed into fixed fields so the
// painter never touches JSON. Vectors are bounded by the server (40 at-risk rows, 60 agents) and
// refilled in place on every tick: the wall's memory stays flat for weeks.
struct WallData {
    struct Period {
        qint64 created = 0, resolved = 0, breaches = 0;
        std::optional<double> compliance; // all SLA metrics together
        qint64 slaMet = 0, slaEnded = 0; // timers that ended in the period: met, all
        qint64 ratings = 0;
        std::optional<double> csatShare, csatAverage;
    };
    struct Risk {
        qint64 number = 0;
        QString title, assignee, group, metric;
        int priority = 2; // Priority enum order: critical, high, normal, low
        qint64 dueAtMs = 0; // fixed: the countdown is computed at paint time
    };
    struct Named {
        QString name; // empty = "no group"
        qint64 value = 0;
        qint64 extra = 0; // agents: resolved today
    };

    qint64 asOfMs = 0;
    QString timeZone;
    Period today, week;
    qint64 open = 0;
    std::array<qint64, 4> openByPriority {};
    std::vector<Named> openByGroup;
    std::vector<Named> agents;
    std::array<qint64, 24> perHour {};
    int currentHour = 0;
    qint64 longOverdue = 0;
    std::vector<Risk> atRisk;

    // False when the document is not a wall snapshot (then nothing is changed).
    bool parse(const QJsonObject &json);
};

} // namespace triage
