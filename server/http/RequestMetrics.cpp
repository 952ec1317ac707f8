#include "RequestMetrics.h"

#include <QHash>

#include <array>
#include <map>
#include <mutex>
#include <tuple>

namespace triage::server {

namespace {

// Seconds; from a cache hit to a slow report.
constexpr std::array kBuckets {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0};

struct Series {
    quint64 count = 0;
    double sum = 0;
    std::array<quint64, kBuckets.size()> buckets {};
};

struct Registry {
    std::mutex mutex;
    // (method, route, status) → requests; (method, route) → latency.
    std::map<std::tuple<QByteArray, QString, int>, quint64> requests;
    std::map<std::pair<QByteArray, QString>, Series> latency;
    std::map<std::pair<QByteArray, QString>, quint64> counters;
};

Registry &registry()
{
    static Registry r;
    return r;
}

QByteArray number(double v)
{
    return QByteArray::number(v, 'g', 10);
}

} // namespace

QByteArray promLabel(const QString &value)
{
    QByteArray out;
    for (const char c : value.toUtf8()) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

namespace requestMetrics {

void record(const QByteArray &method, const QString &route, int status, double seconds)
{
    Registry &r = registry();
    const QByteArray m = method.left(16);
    std::lock_guard lock(r.mutex);
    ++r.requests[{m, route, status}];
    Series &s = r.latency[{m, route}];
    ++s.count;
    s.sum += seconds;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i])
            ++s.buckets[i];
    }
}

void count(const char *name, const QString &label)
{
    Registry &r = registry();
    std::lock_guard lock(r.mutex);
    ++r.counters[{QByteArray(name), label}];
}

QByteArray exposition()
{
    Registry &r = registry();
    std::lock_guard lock(r.mutex);
    QByteArray out;
    out += "# HELP triage_http_requests_total HTTP requests answered, by method, route pattern and status.\n"
           "# TYPE triage_http_requests_total counter\n";
    for (const auto &[key, n] : r.requests) {
        const auto &[method, route, status] = key;
        out += "triage_http_requests_total{method=\"" + promLabel(QString::fromLatin1(method)) + "\",route=\""
            + promLabel(route) + "\",status=\"" + QByteArray::number(status) + "\"} " + QByteArray::number(n)
            + '\n';
    }
    out += "# HELP triage_http_request_duration_seconds Time from the request's first byte to the end of "
           "its answer.\n"
           "# TYPE triage_http_request_duration_seconds histogram\n";
    for (const auto &[key, s] : r.latency) {
        const QByteArray labels = "method=\"" + promLabel(QString::fromLatin1(key.first)) + "\",route=\""
            + promLabel(key.second) + '"';
        for (size_t i = 0; i < kBuckets.size(); ++i) {
            out += "triage_http_request_duration_seconds_bucket{" + labels + ",le=\"" + number(kBuckets[i])
                + "\"} " + QByteArray::number(s.buckets[i]) + '\n';
        }
        out += "triage_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} "
            + QByteArray::number(s.count) + '\n';
        out += "triage_http_request_duration_seconds_sum{" + labels + "} " + number(s.sum) + '\n';
        out += "triage_http_request_duration_seconds_count{" + labels + "} " + QByteArray::number(s.count)
            + '\n';
    }
    QByteArray family;
    for (const auto &[key, n] : r.counters) {
        if (key.first != family) {
            family = key.first;
            out += "# HELP " + family + " Counted by triaged (label outcome).\n# TYPE " + family
                + " counter\n";
        }
        out += family + "{outcome=\"" + promLabel(key.second) + "\"} " + QByteArray::number(n) + '\n';
    }
    return out;
}

} // namespace requestMetrics

} // namespace triage::server
