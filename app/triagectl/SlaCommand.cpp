#include "Cli.h"

namespace triage::cli {

int runSla(const Context &ctx, const QStringList &args)
{
    Q_UNUSED(args);
    return fail(ctx, BadInput, u"'sla eval' is not available yet"_qs);
}

} // namespace triage::cli
