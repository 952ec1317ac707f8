#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

namespace triage::test {

// A message of tests/data/mail (realistic shapes of mail clients, charsets, automatic mail).
inline QByteArray mailFixture(const char *name)
{
    QFile f(qEnvironmentVariable("TRIAGE_SOURCE_DIR") + QStringLiteral("/tests/data/mail/")
        + QLatin1String(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing mail fixture %s (TRIAGE_SOURCE_DIR set?)", name);
    return f.readAll();
}

} // namespace triage::test
