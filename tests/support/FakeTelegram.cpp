#include "FakeTelegram.h"

#include "TriagedProcess.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>

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

namespace {

QJsonObject messageFrom(qint64 userId, const QString &firstName, const QString &languageCode)
{
    static qint64 messageId = 50000;
    const QJsonObject from {{QStringLiteral("id"), userId}, {QStringLiteral("is_bot"), false},
        {QStringLiteral("first_name"), firstName}, {QStringLiteral("language_code"), languageCode}};
    return QJsonObject {{QStringLiteral("message_id"), ++messageId}, {QStringLiteral("from"), from},
        {QStringLiteral("chat"),
            QJsonObject {{QStringLiteral("id"), userId}, {QStringLiteral("type"), QStringLiteral("private")},
                {QStringLiteral("first_name"), firstName}}},
        {QStringLiteral("date"), QDateTime::currentSecsSinceEpoch()}};
}

} // namespace

QJsonObject FakeTelegram::photoMessage(
    qint64 userId, const QString &firstName, const QString &fileId, qint64 largeSize, const QString &caption)
{
    QJsonObject m = messageFrom(userId, firstName, QStringLiteral("ru"));
    // PhotoSize objects, the small one first as Telegram sends them.
    m.insert(QStringLiteral("photo"),
        QJsonArray {QJsonObject {{QStringLiteral("file_id"), QString(fileId + QStringLiteral("-s"))},
                        {QStringLiteral("file_unique_id"), QString(fileId + QStringLiteral("-us"))},
                        {QStringLiteral("width"), 90}, {QStringLiteral("height"), 60},
                        {QStringLiteral("file_size"), 1200}},
            QJsonObject {{QStringLiteral("file_id"), fileId},
                {QStringLiteral("file_unique_id"), QString(QStringLiteral("u") + fileId)},
                {QStringLiteral("width"), 1280}, {QStringLiteral("height"), 853},
                {QStringLiteral("file_size"), largeSize}}});
    if (!caption.isEmpty())
        m.insert(QStringLiteral("caption"), caption);
    return QJsonObject {{QStringLiteral("message"), m}};
}

QJsonObject FakeTelegram::documentMessage(qint64 userId, const QString &firstName, const QString &fileId,
    const QString &fileName, qint64 size, const QString &caption)
{
    QJsonObject m = messageFrom(userId, firstName, QStringLiteral("en"));
    m.insert(QStringLiteral("document"),
        QJsonObject {{QStringLiteral("file_id"), fileId},
            {QStringLiteral("file_unique_id"), QString(QStringLiteral("u") + fileId)},
            {QStringLiteral("file_name"), fileName},
            {QStringLiteral("mime_type"), QStringLiteral("text/plain")},
            {QStringLiteral("file_size"), size}});
    if (!caption.isEmpty())
        m.insert(QStringLiteral("caption"), caption);
    return QJsonObject {{QStringLiteral("message"), m}};
}

QJsonObject FakeTelegram::callbackQuery(
    qint64 userId, const QString &data, qint64 messageId, const QString &languageCode)
{
    static qint64 queryId = 700000;
    const QJsonObject from {{QStringLiteral("id"), userId}, {QStringLiteral("is_bot"), false},
        {QStringLiteral("first_name"), QStringLiteral("User")},
        {QStringLiteral("language_code"), languageCode}};
    return QJsonObject {{QStringLiteral("callback_query"),
        QJsonObject {{QStringLiteral("id"), QString::number(++queryId)}, {QStringLiteral("from"), from},
            {QStringLiteral("chat_instance"), QStringLiteral("-1234")}, {QStringLiteral("data"), data},
            {QStringLiteral("message"),
                QJsonObject {{QStringLiteral("message_id"), messageId},
                    {QStringLiteral("chat"),
                        QJsonObject {{QStringLiteral("id"), userId},
                            {QStringLiteral("type"), QStringLiteral("private")}}},
                    {QStringLiteral("date"), QDateTime::currentSecsSinceEpoch()},
                    {QStringLiteral("text"), QStringLiteral("rate")}}}}}};
}

bool FakeTelegram::addFile(const QString &fileId, const QByteArray &bytes, bool broken)
{
    return control(QStringLiteral("files"),
        {{QStringLiteral("file_path"), QString(QStringLiteral("files/") + fileId)},
            {QStringLiteral("bytes_b64"), QString::fromLatin1(bytes.toBase64())},
            {QStringLiteral("broken"), broken}});
}

QJsonArray FakeTelegram::answers()
{
    TestClient c(m_url);
    return c.get(QStringLiteral("/control/answers")).json().value(QStringLiteral("result")).toArray();
}

QJsonArray FakeTelegram::downloads()
{
    TestClient c(m_url);
    return c.get(QStringLiteral("/control/downloads")).json().value(QStringLiteral("result")).toArray();
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
