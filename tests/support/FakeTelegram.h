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
    bool push(const QJsonArray &updates);
    bool push(const QJsonObject &update) { return push(QJsonArray {update}); }
    QJsonArray sent(); // every sendMessage call's parameters, oldest first
    bool control(const QString &what, const QJsonObject &body);

private:
    std::unique_ptr<QProcess> m_process;
    QUrl m_url;
};

} // namespace triage::test
