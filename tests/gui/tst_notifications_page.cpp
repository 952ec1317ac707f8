// Settings → Notifications against a real triaged and the fake Bot API: the agent's alert choices
// are the server's (a toggle is saved at once), "Link Telegram…" shows a t.me link and the
// /start command, and the page turns to "Linked" by itself once the bot received the code;
// "Unlink" undoes it. Without a bot on the server, and offline, it says so instead.
#include "FakeTelegram.h"
#include "TriagedProcess.h"
#include "WaitFor.h"
#include "net/ApiClient.h"
#include "net/NotificationsService.h"
#include "settings/NotificationsPage.h"

#include <QCheckBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace triage;
using namespace triage::test;

class TestNotificationsPage : public QObject
{
    Q_OBJECT

    FakeTelegram m_bot;
    TriagedProcess m_server;
    std::unique_ptr<ApiClient> m_api;

    QJsonObject serverDoc()
    {
        return waitForReply(m_api.get(), "GET", u"me/notifications"_qs, {}).json.object();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_bot.start(&error), qPrintable(error));
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        m_api = std::make_unique<ApiClient>(m_server.baseUrl());
        const ApiResponse r = waitForReply(m_api.get(), "POST", u"auth/login"_qs, {},
            QJsonDocument(QJsonObject {{u"username"_qs, u"agent2"_qs}, {u"password"_qs, u"demo"_qs}}));
        QVERIFY(r.ok());
        m_api->setToken(r.json.object().value(u"token"_qs).toString());
    }

    void offlineSaysSo()
    {
        NotificationsService offline([]() -> ApiClient * { return nullptr; });
        NotificationsPage page(&offline);
        auto *status = page.findChild<QLabel *>(u"telegramStatus"_qs);
        QVERIFY(status->text().contains(u"Connect to the server"_qs));
        QVERIFY(!page.findChild<QCheckBox *>(u"alertSla"_qs)->isEnabled());
        QVERIFY(!page.findChild<QPushButton *>(u"linkTelegramButton"_qs)->isEnabled());
    }

    void withoutABotLinkingIsNotOffered()
    {
        NotificationsService service([this] { return m_api.get(); });
        NotificationsPage page(&service);
        auto *status = page.findChild<QLabel *>(u"telegramStatus"_qs);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(u"No Telegram bot"_qs), 10000);
        QVERIFY(!page.findChild<QPushButton *>(u"linkTelegramButton"_qs)->isEnabled());
        QVERIFY(page.findChild<QCheckBox *>(u"alertSla"_qs)->isEnabled());
    }

    void choicesAreSavedAndLinkingCompletesByItself()
    {
        // An administrator connects the bot.
        TestClient admin(m_server.baseUrl());
        QVERIFY(admin.login(u"admin"_qs, u"demo"_qs));
        const HttpResult put = admin.send("PUT", u"/api/v1/channels/"_qs + newUuid(),
            toJson({{u"kind"_qs, u"telegram"_qs}, {u"name"_qs, u"Support bot"_qs}, {u"enabled"_qs, true},
                {u"token"_qs, QString::fromLatin1(FakeTelegram::kToken)},
                {u"api_url"_qs, m_bot.url().toString()}, {u"long_poll_seconds"_qs, 1}}));
        QVERIFY2(put.status == 201, put.body.constData());

        NotificationsService service([this] { return m_api.get(); });
        NotificationsPage page(&service);
        page.show();
        auto *status = page.findChild<QLabel *>(u"telegramStatus"_qs);
        auto *sla = page.findChild<QCheckBox *>(u"alertSla"_qs);
        auto *link = page.findChild<QPushButton *>(u"linkTelegramButton"_qs);
        QTRY_VERIFY_WITH_TIMEOUT(link->isEnabled(), 10000);
        QVERIFY(status->text().startsWith(u"Not linked"_qs));
        QVERIFY(sla->isChecked());

        // A toggle is saved on the server at once.
        QSignalSpy saved(&service, &NotificationsService::loaded);
        sla->click();
        QVERIFY(saved.wait(10000));
        QCOMPARE(serverDoc()[u"alerts"_qs][u"sla"_qs].toBool(), false);
        QCOMPARE(serverDoc()[u"alerts"_qs][u"critical"_qs].toBool(), true);

        // Linking: the page shows where to go and what to send, then sees the link by itself.
        QSignalSpy code(&service, &NotificationsService::linkReady);
        link->click();
        QVERIFY(code.wait(10000));
        const TelegramLinkCode c = code.first().first().value<TelegramLinkCode>();
        auto *instructions = page.findChild<QLabel *>(u"telegramInstructions"_qs);
        QVERIFY(instructions->isVisible());
        QVERIFY2(instructions->text().contains(u"https://t.me/triage_test_bot?start="_qs + c.code),
            qPrintable(instructions->text()));
        QVERIFY(instructions->text().contains(c.command));
        QVERIFY(status->text().startsWith(u"Waiting"_qs));
        QVERIFY(m_bot.push(FakeTelegram::privateMessage(9202, u"Sam"_qs, c.command, u"en"_qs)));
        QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(u"Linked to"_qs), 15000);
        QVERIFY(!instructions->isVisible());
        auto *unlink = page.findChild<QPushButton *>(u"unlinkTelegramButton"_qs);
        QVERIFY(unlink->isVisible());

        unlink->click();
        QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(u"Not linked"_qs), 10000);
        QCOMPARE(serverDoc()[u"telegram"_qs][u"linked"_qs].toBool(), false);
    }

    void cleanupTestCase() { QCOMPARE(m_server.stop(), 0); }
};

QTEST_MAIN(TestNotificationsPage)
#include "tst_notifications_page.moc"
