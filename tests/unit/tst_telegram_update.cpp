// The Telegram adapter's pure parts (issue 16): the update decoder over tests/data/telegram (the
// largest PhotoSize only, whatever the order; documents without a name; a button under a message
// too old to be sent along), the CSAT buttons' callback data both ways, and the confirmation's
// wording of the expected resolution time (today: the time; another day: the date too).
#include "channels/telegram/CsatButtons.h"
#include "channels/telegram/TelegramUpdate.h"
#include "intake/RequestConfirmation.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>
#include <QtTest>

using namespace triage::server;

class TestTelegramUpdate : public QObject
{
    Q_OBJECT

    static QJsonObject fixture(const QString &name)
    {
        QFile f(qEnvironmentVariable("TRIAGE_SOURCE_DIR") + QStringLiteral("/tests/data/telegram/") + name);
        if (!f.open(QIODevice::ReadOnly))
            qFatal("missing fixture %s", qPrintable(name));
        return QJsonDocument::fromJson(f.readAll()).object();
    }

private Q_SLOTS:
    void largestPhotoSizeOnly()
    {
        QString why;
        auto u = TelegramUpdate::decode(fixture(u"photo.json"_qs), &why);
        QVERIFY(u);
        QCOMPARE(u->files.size(), 1);
        QCOMPARE(u->files[0].fileId, u"large"_qs);
        QCOMPARE(u->text, u"Скриншот ошибки"_qs); // the caption
        u = TelegramUpdate::decode(fixture(u"photo-sizes-unordered.json"_qs), &why);
        QVERIFY(u);
        QCOMPARE(u->files.size(), 1);
        QCOMPARE(u->files[0].fileId, u"big"_qs); // largest by pixels, an entry without file_id skipped
        QCOMPARE(u->command, u"/new"_qs); // a caption can carry a command
        QCOMPARE(u->toInbound().text, u"Экран мигает"_qs);
    }

    void documents()
    {
        QString why;
        auto u = TelegramUpdate::decode(fixture(u"document.json"_qs), &why);
        QVERIFY(u);
        QCOMPARE(u->files[0].fileName, u"vpn.log"_qs);
        QCOMPARE(u->files[0].size, 2048);
        const InboundMessage m = u->toInbound();
        QCOMPARE(m.attachments.size(), 1);
        QCOMPARE(m.attachments[0].declaredSize, 2048);
        QCOMPARE(m.text, u"[vpn.log]"_qs); // no caption: the conversation still says something
        u = TelegramUpdate::decode(fixture(u"document-unnamed.json"_qs), &why);
        QVERIFY(u);
        QCOMPARE(u->files[0].fileName, u"document"_qs);
        QCOMPARE(u->files[0].size, 0); // a size of the wrong type is unknown, not a crash
    }

    void callbacks()
    {
        QString why;
        auto u = TelegramUpdate::decode(fixture(u"csat-callback.json"_qs), &why);
        QVERIFY(u);
        QCOMPARE(u->kind, TelegramUpdate::Kind::Callback);
        QCOMPARE(u->callbackKind(), u"csat"_qs);
        QCOMPARE(u->callbackMessageId, 1510);
        const auto vote = CsatButtons::parse(u->callbackArgument());
        QVERIFY(vote);
        QCOMPARE(vote->ticketId, u"01941f29-0000-7000-8000-0000000000aa"_qs);
        QCOMPARE(vote->rating, 4);
        u = TelegramUpdate::decode(fixture(u"callback-old-message.json"_qs), &why);
        QVERIFY2(u, qPrintable(why));
        QCOMPARE(u->chatId, 7010); // the private chat is the user's
        QVERIFY(!CsatButtons::parse(u->callbackArgument())); // rating 9
        u = TelegramUpdate::decode(fixture(u"callback.json"_qs), &why);
        QVERIFY(u);
        QCOMPARE(u->callbackKind(), u"take"_qs); // another kind of button: routed elsewhere
    }

    void csatButtonsRoundTrip()
    {
        const QString id = u"01941f29-0000-7000-8000-0000000000ab"_qs;
        const QJsonArray row = CsatButtons::keyboard(id, 3)[u"inline_keyboard"_qs][0].toArray();
        QCOMPARE(row.size(), 5);
        for (int i = 0; i < 5; ++i) {
            const QString data = row[i][u"callback_data"_qs].toString();
            QVERIFY(data.toUtf8().size() <= 64);
            QCOMPARE(data.section(u':', 0, 0), u"csat"_qs);
            const auto v = CsatButtons::parse(data.section(u':', 1));
            QVERIFY(v && v->ticketId == id && v->rating == i + 1);
        }
        QCOMPARE(row[2][u"text"_qs].toString(), u"✅ 3"_qs);
        for (const QString &bad : {u""_qs, u"x:1"_qs, u"%1:0"_qs.arg(id), u"%1:6"_qs.arg(id),
                 u"%1:44"_qs.arg(id), u"%1:"_qs.arg(id), u"../../etc:1"_qs, u"%1:1:1"_qs.arg(id)})
            QVERIFY2(!CsatButtons::parse(bad), qPrintable(bad));
    }

    void confirmationWording()
    {
        const QTimeZone moscow("Europe/Moscow");
        const QDateTime now(QDate(2026, 12, 7), QTime(11, 0), moscow);
        const QDateTime today(QDate(2026, 12, 7), QTime(14, 30), moscow);
        const QDateTime tomorrow(QDate(2026, 12, 8), QTime(9, 15), moscow);
        const QDateTime nextYear(QDate(2027, 1, 11), QTime(9, 0), moscow);
        const qint64 ms = now.toMSecsSinceEpoch();
        QCOMPARE(RequestConfirmation::acceptedLine(4567, today, u"ru"_qs, ms),
            u"Заявка #4567 принята, ожидаемое решение до 14:30"_qs);
        QCOMPARE(RequestConfirmation::acceptedLine(4567, today, u"en"_qs, ms),
            u"Request #4567 accepted, expected resolution by 14:30"_qs);
        QCOMPARE(RequestConfirmation::acceptedLine(4567, tomorrow, u"ru"_qs, ms),
            u"Заявка #4567 принята, ожидаемое решение до 8 декабря, 09:15"_qs);
        QCOMPARE(RequestConfirmation::acceptedLine(4567, tomorrow, u"en"_qs, ms),
            u"Request #4567 accepted, expected resolution by 8 December, 09:15"_qs);
        QCOMPARE(RequestConfirmation::dueText(nextYear, u"en"_qs, ms), u"11 January 2027, 09:00"_qs);
        QCOMPARE(
            RequestConfirmation::acceptedLine(4567, std::nullopt, u"ru"_qs, ms), u"Заявка #4567 принята"_qs);
        // "Today" is the calendar's day, not UTC's: 01:30 in Moscow is still the previous day in UTC.
        const QDateTime early(QDate(2026, 12, 8), QTime(1, 30), moscow);
        const qint64 lateEvening = QDateTime(QDate(2026, 12, 8), QTime(0, 10), moscow).toMSecsSinceEpoch();
        QCOMPARE(RequestConfirmation::dueText(early, u"en"_qs, lateEvening), u"01:30"_qs);
    }
};

QTEST_GUILESS_MAIN(TestTelegramUpdate)
#include "tst_telegram_update.moc"
