// The email adapter's MIME decoding (server/channels/email/MimeParser) over realistic messages in
// tests/data/mail: the shapes Gmail, Outlook, Thunderbird and Apple Mail send, Russian charsets
// (declared and not), HTML-only mail, inline images, a forwarded message, an out-of-office, a
// bounce and a broken message.
#include "MailFixtures.h"
#include "channels/email/HtmlText.h"
#include "channels/email/MimeParser.h"

#include <QRandomGenerator>
#include <QtTest>

using namespace triage::server;
using namespace triage::test;

class TestMimeParser : public QObject
{
    Q_OBJECT

    static InboundMessage parse(const char *name)
    {
        QString error;
        const auto m = MimeParser().parse(mailFixture(name), &error);
        if (!m)
            qFatal("%s: %s", name, qPrintable(error));
        return *m;
    }

private Q_SLOTS:
    void gmailPrefersPlainTextOverHtml()
    {
        const InboundMessage m = parse("gmail-alternative.eml");
        QCOMPARE(m.externalId, u"CAF8x2m1Qw7u+9dK3@mail.gmail.com"_qs);
        QCOMPARE(m.fromAddress, u"igor.lebedev@example.org"_qs); // lower-cased
        QCOMPARE(m.fromName, u"Игорь Лебедев"_qs);
        QCOMPARE(m.subject, u"Не работает принтер на 3 этаже"_qs);
        QVERIFY(m.text.startsWith(u"Здравствуйте!\n\nПринтер на третьем этаже показывает «готов»"_qs));
        QVERIFY(!m.text.contains(u"<div"_qs));
        QCOMPARE(m.text.count(u"Принтер"_qs), 1); // the HTML alternative is not appended
        QCOMPARE(
            m.sentAt, QDateTime::fromString(u"2026-12-07T06:14:03Z"_qs, Qt::ISODate).toMSecsSinceEpoch());
        QVERIFY(m.attachments.isEmpty());
        QCOMPARE(m.automatic, AutoKind::None);
        QVERIFY(m.problems.isEmpty());
    }

    void outlookKoi8r()
    {
        const InboundMessage m = parse("outlook-koi8r.eml");
        QCOMPARE(m.fromName, u"Марина Соколова"_qs);
        QCOMPARE(m.subject, u"Срочно: не запускается 1С"_qs);
        QVERIFY2(
            m.text.contains(u"С утра не открывается 1С, пишет \"нет лицензии\"."_qs), qPrintable(m.text));
    }

    void thunderbirdWindows1251WithRfc2231Attachment()
    {
        const InboundMessage m = parse("thunderbird-1251-attachment.eml");
        QCOMPARE(m.subject, u"Отчёт об ошибке"_qs);
        QCOMPARE(m.text, u"Прикладываю отчёт об ошибке. Ошибка появляется при входе."_qs);
        QCOMPARE(m.attachments.size(), 1);
        const InboundAttachment &a = m.attachments.first();
        QCOMPARE(a.filename, u"отчёт.pdf"_qs);
        QCOMPARE(a.declaredType, u"application/pdf"_qs);
        QVERIFY(a.bytes.startsWith("%PDF-1.4"));
        QVERIFY(!a.isInline);
    }

    void appleMailTextAroundAnInlineImage()
    {
        const InboundMessage m = parse("applemail-inline-image.eml");
        QVERIFY(m.text.startsWith(u"Hello, this is what I see when I connect:"_qs));
        QVERIFY(m.text.endsWith(u"It started after the update on Friday.\nSophie"_qs));
        QCOMPARE(m.attachments.size(), 1);
        QCOMPARE(m.attachments.first().filename, u"screenshot.png"_qs);
        QVERIFY(m.attachments.first().isInline);
        QCOMPARE(m.attachments.first().contentId, u"F00D1E2A-0B1C@example.fr"_qs);
        QVERIFY(m.attachments.first().bytes.startsWith("\x89PNG"));
    }

    void htmlOnlyBecomesReadableText()
    {
        const InboundMessage m = parse("html-only-iso8859-5.eml");
        QCOMPARE(m.subject, u"Доступ к папке"_qs);
        QCOMPARE(m.fromName, u"Олег"_qs);
        QVERIFY2(m.text.contains(u"Нужен доступ к папке \"Договоры\"."_qs), qPrintable(m.text));
        QVERIFY2(m.text.contains(u"• Отдел: юристы\n• Срок: до пятницы"_qs), qPrintable(m.text));
        QVERIFY2(m.text.contains(u"заявка (https://intranet.example.org/req/42)"_qs), qPrintable(m.text));
        QVERIFY(!m.text.contains(u"alert"_qs));
        QVERIFY(!m.text.contains(u"color"_qs));
    }

    void forwardedMessageTravelsAsAFile()
    {
        const InboundMessage m = parse("forwarded.eml");
        QCOMPARE(m.text, u"Please look at this one first."_qs);
        QCOMPARE(m.attachments.size(), 1);
        QCOMPARE(m.attachments.first().filename, u"Server room temperature alarm.eml"_qs);
        QCOMPARE(m.attachments.first().declaredType, u"message/rfc822"_qs);
        QVERIFY(m.attachments.first().bytes.contains("Temperature 31 C in rack B."));
    }

    void automaticMailIsRecognised()
    {
        const InboundMessage ooo = parse("out-of-office.eml");
        QCOMPARE(ooo.automatic, AutoKind::AutoReplied);
        // What it answers, most specific first: In-Reply-To, then References newest first.
        QCOMPARE(
            ooo.replyTo, (QStringList {u"ticket-1042-3@triage.test"_qs, u"ticket-1042-1@triage.test"_qs}));
        QCOMPARE(parse("bounce.eml").automatic, AutoKind::Bounce);
        QCOMPARE(parse("gmail-alternative.eml").automatic, AutoKind::None);

        const auto withHeader = [](const QByteArray &header) {
            const QByteArray raw
                = "From: x@example.org\r\nMessage-ID: <h@x>\r\n" + header + "\r\n\r\nbody\r\n";
            return MimeParser().parse(raw, nullptr)->automatic;
        };
        QCOMPARE(withHeader("Auto-Submitted: auto-generated"), AutoKind::AutoGenerated);
        QCOMPARE(withHeader("Auto-Submitted: no"), AutoKind::None);
        QCOMPARE(withHeader("Precedence: bulk"), AutoKind::Bulk);
        QCOMPARE(withHeader("Precedence: list"), AutoKind::Bulk);
        QCOMPARE(withHeader("Precedence: junk"), AutoKind::Bulk);
        QCOMPARE(withHeader("Precedence: auto_reply"), AutoKind::AutoReplied);
        QCOMPARE(withHeader("List-Id: <team.example.org>"), AutoKind::Bulk);
        QCOMPARE(withHeader("Return-Path: <>"), AutoKind::Bounce);
        QCOMPARE(withHeader("Return-Path: <x@example.org>"), AutoKind::None);
    }

    void replyThreadingHints()
    {
        const InboundMessage m = parse("reply-with-quote.eml");
        QCOMPARE(m.subject, u"Re: [#1042] Не работает принтер"_qs);
        QCOMPARE(m.replyTo,
            (QStringList {u"ticket-1042-2@triage.test"_qs, u"ticket-1042-1@triage.test"_qs,
                u"CAF8x2m1Qw7u+9dK3@mail.gmail.com"_qs}));
        // The quoted history is kept in the text (the console folds it away).
        QVERIFY(m.text.contains(u"> Перезапустили службу печати"_qs));
    }

    void undeclaredEightBitText()
    {
        const InboundMessage utf8 = parse("undeclared-utf8.eml");
        QCOMPARE(utf8.text, u"Текст в UTF-8 без charset."_qs);
        QCOMPARE(utf8.subject, u"Тема без кодировки"_qs);
        const InboundMessage cp = parse("undeclared-1251.eml");
        QCOMPARE(cp.text, u"Текст в windows-1251 без charset."_qs);
        QCOMPARE(cp.subject, u"Тема 1251"_qs);
        // Another fallback, another reading: the configured charset is what decides.
        MimeParser::Options koi;
        koi.fallbackCharset = u"koi8-r"_qs;
        QVERIFY(MimeParser(koi).parse(mailFixture("undeclared-1251.eml"), nullptr)->text != cp.text);
    }

    void brokenMimeKeepsWhatCanBeRead()
    {
        const InboundMessage m = parse("broken-mime.eml");
        QCOMPARE(m.externalId, u"broken-1@example.org"_qs);
        QVERIFY2(m.text.contains(u"The text part survives."_qs), qPrintable(m.text));
        QCOMPARE(m.attachments.size(), 1);
        QCOMPARE(m.attachments.first().filename, u"cut.bin"_qs);
    }

    void hostileInput()
    {
        QString error;
        QVERIFY(!MimeParser().parse(QByteArray(), &error));
        QVERIFY(!error.isEmpty());
        MimeParser::Options small;
        small.maxBytes = 100;
        QVERIFY(!MimeParser(small).parse(QByteArray(101, 'x'), &error));
        QVERIFY(error.contains(u"limit"_qs));
        // A file name is never a path; an unknown charset is noted, not fatal.
        const QByteArray raw
            = "From: x@example.org\r\nMessage-ID: <p@x>\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
              "--b\r\nContent-Type: text/plain; charset=x-no-such-charset\r\n\r\nhello\r\n"
              "--b\r\nContent-Type: application/octet-stream\r\n"
              "Content-Disposition: attachment; filename=\"../../etc/passwd\"\r\n\r\nroot\r\n--b--\r\n";
        const auto m = MimeParser().parse(raw, &error);
        QVERIFY(m);
        QCOMPARE(m->attachments.first().filename, u"passwd"_qs);
        QVERIFY(!m->problems.filter(u"charset"_qs).isEmpty());
        QCOMPARE(m->text, u"hello"_qs);
        // Random bytes and random cuts of real messages never crash and never hang.
        QRandomGenerator rng(42);
        const QByteArray real = mailFixture("thunderbird-1251-attachment.eml");
        for (int i = 0; i < 500; ++i) {
            QByteArray junk = real.left(rng.bounded(real.size()));
            for (int k = 0; k < 8 && !junk.isEmpty(); ++k)
                junk[rng.bounded(junk.size())] = char(rng.bounded(256));
            MimeParser().parse(junk, nullptr);
        }
        const auto nul = MimeParser().parse(QByteArray("\0\0\0", 3), nullptr);
        QVERIFY(!nul || nul->externalId.isEmpty());
    }

    void htmlToTextKeepsStructure()
    {
        QCOMPARE(htmlToText("<p>One</p><p>Two<br>three</p>"), u"One\n\nTwo\nthree"_qs);
        QCOMPARE(htmlToText("<blockquote>quoted<br>twice</blockquote>after"), u"> quoted\n> twice\nafter"_qs);
        QCOMPARE(htmlToText("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"), u"a b\nc"_qs);
        QCOMPARE(htmlToText("<p>unclosed <b>bold"), u"unclosed bold"_qs);
        QCOMPARE(htmlToText(""), QString());
    }
};

QTEST_GUILESS_MAIN(TestMimeParser)
#include "tst_mimeparser.moc"
