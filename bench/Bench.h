#pragma once

#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace triage::bench {

// Options every benchmark sees. `scale` < 1 shrinks workloads for a smoke run (ctest uses 0.01).
struct Options {
    double scale = 1.0;
    QString workDir;
};

// Prints {"bench": name, "n": n, "value": value, "unit": unit, "target": target, ...} as one line.
// `higherIsBetter` decides how "ok" is judged against the target.
void report(const QString &name, qint64 n, double value, const QString &unit, double target,
    bool higherIsBetter = false);

double median(std::vector<double> v);
double percentile(std::vector<double> v, double p); // p in [0, 100]

// CPU time (ms) process `pid` has used so far, from /proc (-1 if unreadable).
double processCpuMs(qint64 pid);
// Waits (at most a minute) until `pid` used under 20 ms of CPU in half a second; returns ms waited.
// A freshly seeded triaged builds its metrics and runs its first SLA sweep at start; a long-running
// server has no such work overlapping its requests.
double waitUntilIdle(qint64 pid);

// Runs `fn` before the application object goes away (static caches must close their databases).
void atFinish(std::function<void()> fn);

struct Registration {
    Registration(const char *name, std::function<void(const Options &)> fn);
};

} // namespace triage::bench

#define TRIAGE_BENCH(name, fn) static const triage::bench::Registration bench_reg_##fn(name, fn)
