// The console folds quoted history below a mail reply (issue 15): what counts as history in the
// shapes mail clients write, and what must never be folded.
#include "domain/QuotedText.h"

#include <QtTest>

using namespace triage;

class TestQuotedText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void folds_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("reply");
        QTest::addColumn<QString>("quotedStart");
        QTest::newRow("gmail")
            << u"Спасибо, заработало.\n\nOn Mon, 7 Dec 2026 at 15:40, Support <support@triage.test> wrote:\n> Перезапустили службу.\n>\n> --\n> Triage"_qs
            << u"Спасибо, заработало."_qs << u"On Mon, 7 Dec 2026"_qs;
        QTest::newRow("gmail wrapped attribution")
            << u"Thanks!\n\nOn Mon, 7 Dec 2026 at 15:40, Very Long Support Name <support@triage.test>\nwrote:\n> old"_qs
            << u"Thanks!"_qs << u"On Mon, 7 Dec"_qs;
        QTest::newRow("thunderbird ru")
            << u"Всё равно не печатает.\n\n07.12.2026 15:40, Служба поддержки пишет:\n> Перезапустили"_qs
            << u"Всё равно не печатает."_qs << u"07.12.2026 15:40"_qs;
        QTest::newRow("outlook en")
            << u"Works now.\r\n\r\nFrom: Support <support@triage.test>\r\nSent: Monday, December 7, 2026 3:40 PM\r\nTo: Igor\r\nSubject: RE: [#1042]\r\n\r\nRestarted the spooler."_qs
            << u"Works now."_qs << u"From: Support"_qs;
        QTest::newRow("outlook ru")
            << u"Проверил.\n\nОт: Служба поддержки <support@triage.test>\nОтправлено: 7 декабря 2026 г. 15:40\nКому: Игорь\n\nТекст"_qs
            << u"Проверил."_qs << u"От: Служба"_qs;
        QTest::newRow("original message")
            << u"See below.\n\n-----Original Message-----\nFrom: a@b.c\nold text"_qs << u"See below."_qs
            << u"-----Original Message-----"_qs;
        QTest::newRow("trailing quote block")
            << u"Yes, that one.\n\n> Which printer?\n> The one on the 3rd floor?"_qs << u"Yes, that one."_qs
            << u"> Which printer?"_qs;
    }

    void folds()
    {
        QFETCH(QString, body);
        QFETCH(QString, reply);
        QFETCH(QString, quotedStart);
        const QuotedSplit s = splitQuoted(body);
        QCOMPARE(s.reply.trimmed(), reply);
        QVERIFY2(s.quoted.startsWith(quotedStart), qPrintable(s.quoted));
    }

    void keeps_data()
    {
        QTest::addColumn<QString>("body");
        QTest::newRow("plain") << u"The printer on the 3rd floor does not print.\nSince this morning."_qs;
        QTest::newRow("all quote") << u"> only a quote\n> nothing new"_qs;
        QTest::newRow("interleaved answers")
            << u"> Which printer?\nThe one on the 3rd floor.\n> Since when?\nThis morning."_qs;
        QTest::newRow("forwarded")
            << u"Please look.\n\n---------- Forwarded message ---------\nFrom: Anna <anna@example.org>\nDate: Mon\nSubject: VPN\n\nVPN is down."_qs;
        QTest::newRow("attribution first") << u"On Monday, Igor wrote:\n> text"_qs;
        QTest::newRow("word from in text") << u"From: the 3rd floor, nothing prints.\nPlease help."_qs;
        QTest::newRow("empty") << QString();
    }

    void keeps()
    {
        QFETCH(QString, body);
        const QuotedSplit s = splitQuoted(body);
        QVERIFY2(s.quoted.isEmpty(), qPrintable(s.quoted));
        QCOMPARE(s.reply, body);
    }
};

QTEST_GUILESS_MAIN(TestQuotedText)
#include "tst_quotedtext.moc"
