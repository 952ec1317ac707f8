#include "FakeTelegram.h"

#include "TriagedProcess.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>

namespace triage::test {

FakeTelegram::FakeTelegram() = default;

FakeTelegram::~FakeTelegram()
{
    stop();
}

bool FakeTelegram::start(QString *error)
{
    // ctest sets TRIAGE_SOURCE_DIR; benchmarks run from the build tree use the configured one.
    const QString source
        = qEnvironmentVariable("TRIAGE_SOURCE_DIR", QStringLiteral(TRIAGE_SOURCE_DIR_DEFAULT));
    const QString script = source + QStringLiteral("/tests/support/fake_telegram.py");
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process->start(QStringLiteral("python3"), {script, QString::fromLatin1(kToken)});
    QElapsedTimer t;
    t.start();
    QByteArray out;
    while (t.elapsed() < 15000 && !out.contains('\n')) {
        m_process->waitForReadyRead(200);
        out += m_process->readAllStandardOutput();
        if (m_process->state() == QProcess::NotRunning)
            break;
    }
    const QList<QByteArray> words = out.trimmed().split(' ');
    if (!out.startsWith("listening on ") || words.size() < 3) {
        *error = QStringLiteral("the fake Bot API did not start (%1; TRIAGE_SOURCE_DIR set?)").arg(script);
        return false;
    }
    m_url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(QString::fromLatin1(words[2])));
    return true;
}

void FakeTelegram::stop()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
    m_process.reset();
}

QJsonObject FakeTelegram::privateMessage(
    qint64 userId, const QString &firstName, const QString &text, const QString &languageCode)
{
    static qint64 messageId = 1000;
    const QJsonObject from {{QStringLiteral("id"), userId}, {QStringLiteral("is_bot"), false},
        {QStringLiteral("first_name"), firstName}, {QStringLiteral("language_code"), languageCode}};
    return QJsonObject {{QStringLiteral("message"),
        QJsonObject {{QStringLiteral("message_id"), ++messageId}, {QStringLiteral("from"), from},
            {QStringLiteral("chat"),
                QJsonObject {{QStringLiteral("id"), userId},
                    {QStringLiteral("type"), QStringLiteral("private")},
                    {QStringLiteral("first_name"), firstName}}},
            {QStringLiteral("date"), QDateTime::currentSecsSinceEpoch()}, {QStringLiteral("text"), text}}}};
}

bool FakeTelegram::control(const QString &what, const QJsonObject &body)
{
    TestClient c(m_url);
    return c.post(QStringLiteral("/control/") + what, body).status == 200;
}

bool FakeTelegram::push(const QJsonArray &updates)
{
    TestClient c(m_url);
    return c.send("POST", QStringLiteral("/control/updates"), QJsonDocument(updates).toJson(),
                {{"Content-Type", "application/json"}})
               .status
        == 200;
}

QJsonArray FakeTelegram::sent()
{
    TestClient c(m_url);
    return c.get(QStringLiteral("/control/sent")).json().value(QStringLiteral("result")).toArray();
}

} // namespace triage::test
