// Every route of triaged's route table is documented in docs/api/openapi.yaml, and the document
// names no route the server does not have.
#include "api/Api.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace triage::server;

class TestOpenApiRoutes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyRouteIsDocumented()
    {
        QFile f(qEnvironmentVariable("TRIAGE_SOURCE_DIR") + QStringLiteral("/docs/api/openapi.yaml"));
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
        QSet<QString> documented;
        QString path;
        static const QRegularExpression pathRe(QStringLiteral("^  (/api/v1/\\S*|/metrics):\\s*$"));
        static const QRegularExpression methodRe(QStringLiteral("^    (get|post|put|patch|delete):"));
        bool inPaths = false;
        for (const QByteArray &raw : f.readAll().split('\n')) {
            const QString line = QString::fromUtf8(raw);
            if (line.startsWith(QStringLiteral("paths:"))) {
                inPaths = true;
                continue;
            }
            if (inPaths && !line.isEmpty() && !line.startsWith(u' ') && !line.startsWith(u'#'))
                inPaths = false;
            if (!inPaths)
                continue;
            if (const auto m = pathRe.match(line); m.hasMatch())
                path = m.captured(1);
            else if (const auto m2 = methodRe.match(line); m2.hasMatch() && !path.isEmpty())
                documented.insert(m2.captured(1).toUpper() + u' ' + path);
        }
        QVERIFY(documented.size() > 10);

        Api api {ServerContext {}};
        QSet<QString> served;
        for (const Route &r : api.router().routes())
            served.insert(QString::fromLatin1(r.method) + u' ' + r.pattern);
        const QSet<QString> missing = served - documented;
        const QSet<QString> stale = documented - served;
        QVERIFY2(missing.isEmpty(),
            qPrintable(
                QStringLiteral("undocumented: ") + QStringList(missing.values()).join(QStringLiteral(", "))));
        QVERIFY2(stale.isEmpty(),
            qPrintable(QStringLiteral("documented but not served: ")
                + QStringList(stale.values()).join(QStringLiteral(", "))));
    }
};

QTEST_GUILESS_MAIN(TestOpenApiRoutes)
#include "tst_openapi_routes.moc"
