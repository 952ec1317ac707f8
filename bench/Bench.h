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

// Runs `fn` before the application object goes away (static caches must close their databases).
void atFinish(std::function<void()> fn);

struct Registration {
    Registration(const char *name, std::function<void(const Options &)> fn);
};

} // namespace triage::bench

#define TRIAGE_BENCH(name, fn) static const triage::bench::Registration bench_reg_##fn(name, fn)
