#include "Cli.h"
#include "sla/SlaCase.h"

#include <QFile>

#include <cstdio>

namespace triage::cli {

namespace {

constexpr auto kSlaUsage = "usage: triagectl sla eval CASE.json|-   (format: docs/sla-case-format.md)";

// Reads a whole file, or stdin for "-".
std::optional<QByteArray> readInput(const QString &path, QString *error)
{
    QFile file;
    const bool ok = path == u"-"_qs ? file.open(stdin, QIODevice::ReadOnly)
                                    : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!ok) {
        *error = u"cannot read %1: %2"_qs.arg(path, file.errorString());
        return std::nullopt;
    }
    return file.readAll();
}

} // namespace

int runSla(const Context &ctx, const QStringList &args)
{
    if (args.isEmpty() || args.first() != u"eval"_qs)
        return fail(ctx, BadInput, QString::fromUtf8(kSlaUsage));
    if (args.size() != 2)
        return fail(ctx, BadInput, QString::fromUtf8(kSlaUsage));

    QString error;
    const auto input = readInput(args.at(1), &error);
    if (!input)
        return fail(ctx, BadInput, error);
    const auto slaCase = SlaCase::fromJson(*input, &error);
    if (!slaCase) {
        const QString where = args.at(1) == u"-"_qs ? u"stdin"_qs : args.at(1);
        return fail(ctx, BadInput, where + u": "_qs + error);
    }
    const QByteArray out = slaCase->evaluateToJson();
    std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
    std::fflush(stdout);
    return Ok;
}

} // namespace triage::cli
