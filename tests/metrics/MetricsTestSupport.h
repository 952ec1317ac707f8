#pragma once

#include "metrics/HistoryJson.h"
#include "metrics/MetricsReport.h"
#include "metrics/MetricsStore.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QtTest>

namespace triage::test {

// "2026-03-02T10:00:00+03:00" → UTC ms; fails the test run on a typo.
inline qint64 at(const char *iso)
{
    const QDateTime dt = QDateTime::fromString(QString::fromUtf8(iso), Qt::ISODateWithMs);
    if (!dt.isValid())
        qFatal("bad instant in test: %s", iso);
    return dt.toMSecsSinceEpoch();
}

inline MetricsStore storeFrom(const QByteArray &json)
{
    QString error;
    auto store = readHistoryJson(json, &error);
    if (!store)
        qFatal("bad history in test: %s", qPrintable(error));
    return std::move(*store);
}

inline constexpr double kMinute = 60'000.0;

} // namespace triage::test
