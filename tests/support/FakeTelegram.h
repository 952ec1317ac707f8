#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QUrl>

#include <memory>

namespace triage::test {

// The fake Telegram Bot API (tests/support/fake_telegram.py: official object shapes, real long
// polling and offsets, 409/429/403/400/401) on a free loopback port, for the Telegram channel's
// tests and benchmarks. The test pushes updates and reads what the bot sent.
class FakeTelegram
{
public:
    static constexpr const char *kToken = "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11";

    FakeTelegram();
    ~FakeTelegram();
    FakeTelegram(const FakeTelegram &) = delete;
    FakeTelegram &operator=(const FakeTelegram &) = delete;

    bool start(QString *error);
    void stop();
    QUrl url() const { return m_url; }

    // A private message from user `userId` (chat id = user id), as Telegram shapes it.
    static QJsonObject privateMessage(qint64 userId, const QString &firstName, const QString &text,
        const QString &languageCode = QStringLiteral("ru"));
    // A photo (PhotoSizes small and large of file ids `<fileId>-s` and `fileId`) or a document
    // from user `userId`, with `caption`.
    static QJsonObject photoMessage(qint64 userId, const QString &firstName, const QString &fileId,
        qint64 largeSize, const QString &caption = {});
    static QJsonObject documentMessage(qint64 userId, const QString &firstName, const QString &fileId,
        const QString &fileName, qint64 size, const QString &caption = {});
    // A tap on an inline button with `data` under the bot's message `messageId` in user `userId`'s chat.
    static QJsonObject callbackQuery(qint64 userId, const QString &data, qint64 messageId,
        const QString &languageCode = QStringLiteral("ru"));
    // Makes file `fileId` known to getFile and downloadable (`broken`: the download answers 500).
    bool addFile(const QString &fileId, const QByteArray &bytes, bool broken = false);
    QJsonArray answers(); // answerCallbackQuery calls
    QJsonArray downloads(); // file paths downloaded
    bool push(const QJsonArray &updates);
    bool push(const QJsonObject &update) { return push(QJsonArray {update}); }
    QJsonArray sent(); // every sendMessage call's parameters, oldest first
    bool control(const QString &what, const QJsonObject &body);

private:
    std::unique_ptr<QProcess> m_process;
    QUrl m_url;
};

} // namespace triage::test
