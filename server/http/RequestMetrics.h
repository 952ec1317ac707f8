#pragma once

#include <QByteArray>
#include <QString>

namespace triage::server {

// The process's counters for GET /metrics (Prometheus text format 0.0.4, docs/operations.md):
// requests by method, route pattern and status with a latency histogram, and named counters other
// parts bump (mutation outcomes). Process-wide like a Prometheus client's default registry, so
// that the HTTP layer and the API record without being wired to each other; thread-safe, a mutex
// per record (a few hundred nanoseconds against a request's tens of microseconds).
namespace requestMetrics {

// `route` is the matched pattern (/api/v1/tickets/{id}), never the raw path: ids would make a
// series per ticket. Unmatched requests are recorded as "unmatched".
void record(const QByteArray &method, const QString &route, int status, double seconds);
// `name` must be a valid metric name ending in _total; `label` the value of its `outcome` label.
void count(const char *name, const QString &label);
// The HTTP and counter families, as Prometheus text.
QByteArray exposition();

} // namespace requestMetrics

// A Prometheus label value, escaped (backslash, double quote, newline).
QByteArray promLabel(const QString &value);

} // namespace triage::server
