#include "Bench.h"

#include <QCoreApplication>
#ifdef TRIAGE_BENCH_GUI
#include <QApplication> // triage-ui-bench: widgets on the offscreen platform
#endif
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace triage::bench {

namespace {
std::map<QString, std::function<void(const Options &)>> &registry()
{
    static std::map<QString, std::function<void(const Options &)>> r;
    return r;
}
} // namespace

std::vector<std::function<void()>> &finishers()
{
    static std::vector<std::function<void()>> f;
    return f;
}

void atFinish(std::function<void()> fn)
{
    finishers().push_back(std::move(fn));
}

Registration::Registration(const char *name, std::function<void(const Options &)> fn)
{
    registry().emplace(QString::fromUtf8(name), std::move(fn));
}

void report(
    const QString &name, qint64 n, double value, const QString &unit, double target, bool higherIsBetter)
{
    const bool ok = higherIsBetter ? value >= target : value <= target;
    const QJsonObject o {{u"bench"_qs, name}, {u"n"_qs, static_cast<double>(n)},
        {u"value"_qs, std::round(value * 1000.0) / 1000.0}, {u"unit"_qs, unit}, {u"target"_qs, target},
        {u"ok"_qs, ok}};
    const QByteArray line = QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stdout);
    std::fflush(stdout);
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const double idx = p / 100.0 * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<size_t>(std::floor(idx));
    const auto hi = static_cast<size_t>(std::ceil(idx));
    return v[lo] + (v[hi] - v[lo]) * (idx - static_cast<double>(lo));
}

double processCpuMs(qint64 pid)
{
    QFile f(u"/proc/%1/stat"_qs.arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray stat = f.readAll();
    // utime and stime are fields 14 and 15; the command name (field 2) may contain spaces.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    return (fields.at(11).toDouble() + fields.at(12).toDouble()) * 1000.0 / 100.0; // USER_HZ = 100
}

double waitUntilIdle(qint64 pid)
{
    QElapsedTimer t;
    t.start();
    double before = processCpuMs(pid);
    while (before >= 0 && t.elapsed() < 60000) {
        QThread::msleep(500);
        const double now = processCpuMs(pid);
        if (now - before < 20)
            break;
        before = now;
    }
    return static_cast<double>(t.elapsed());
}

double median(std::vector<double> v)
{
    return percentile(std::move(v), 50);
}

} // namespace triage::bench

int main(int argc, char *argv[])
{
#ifdef TRIAGE_BENCH_GUI
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
#else
    QCoreApplication app(argc, argv);
#endif
    using namespace triage::bench;
    Options opts;
    QStringList filters;
    const QStringList args = QCoreApplication::arguments().mid(1);
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == u"--scale"_qs && i + 1 < args.size())
            opts.scale = args[++i].toDouble();
        else if (args[i] == u"--list"_qs) {
            for (const auto &[name, fn] : registry())
                std::printf("%s\n", qPrintable(name));
            return 0;
        } else if (args[i].startsWith(u"--"_qs)) {
            std::fprintf(stderr, "usage: triage-bench [--scale F] [--list] [NAME-PREFIX...]\n");
            return 2;
        } else
            filters << args[i];
    }
    if (opts.scale <= 0 || opts.scale > 10) {
        std::fprintf(stderr, "triage-bench: --scale must be in (0, 10]\n");
        return 2;
    }
    QTemporaryDir dir;
    opts.workDir = dir.path();
    for (const auto &[name, fn] : registry()) {
        const bool selected = filters.isEmpty()
            || std::any_of(
                filters.begin(), filters.end(), [&](const QString &f) { return name.startsWith(f); });
        if (selected)
            fn(opts);
    }
    for (auto it = finishers().rbegin(); it != finishers().rend(); ++it)
        (*it)();
    return 0;
}
