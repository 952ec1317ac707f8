// The attachment codec (REST, change feed and console cache share it) and what a sender's file name
// becomes: a base name that is safe to show and to save, never a path.
#include "domain/Attachment.h"

#include <QTest>

using namespace triage;

class TestAttachment : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void baseName_data()
    {
        QTest::addColumn<QString>("sent");
        QTest::addColumn<QString>("kept");
        QTest::newRow("plain") << u"report.pdf"_qs << u"report.pdf"_qs;
        QTest::newRow("unix path") << u"../../etc/passwd"_qs << u"passwd"_qs;
        QTest::newRow("windows path") << u"C:\\Users\\anna\\scan 1.png"_qs << u"scan 1.png"_qs;
        QTest::newRow("dot dot") << u"a/.."_qs << u"attachment"_qs;
        QTest::newRow("dot") << u"."_qs << u"attachment"_qs;
        QTest::newRow("empty") << QString() << u"attachment"_qs;
        QTest::newRow("trailing slash") << u"dir/"_qs << u"attachment"_qs;
        QTest::newRow("control characters") << u"a\nb\r\tc\u0000.txt"_qs << u"abc.txt"_qs;
        QTest::newRow("bidi override") << u"invoice\u202Egpj.exe"_qs << u"invoicegpj.exe"_qs;
        QTest::newRow("sql stays text")
            << u"x'; DROP TABLE attachments;--"_qs << u"x'; DROP TABLE attachments;--"_qs;
        QTest::newRow("cyrillic") << u"отчёт за май.docx"_qs << u"отчёт за май.docx"_qs;
        QTest::newRow("spaces around") << u"  notes.txt  "_qs << u"notes.txt"_qs;
    }

    void baseName()
    {
        QFETCH(QString, sent);
        QFETCH(QString, kept);
        QCOMPARE(attachmentBaseName(sent), kept);
    }

    void longNamesKeepTheirExtension()
    {
        const QString name = QString(300, u'я') + u".pdf"_qs;
        const QString kept = attachmentBaseName(name);
        QVERIFY(kept.toUtf8().size() <= 255);
        QVERIFY(kept.endsWith(u".pdf"_qs));
        // A surrogate pair is never cut in half.
        const QString emoji = QString(200, u'x') + QString::fromUcs4(U"😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀");
        QVERIFY(attachmentBaseName(emoji).toUtf8().size() <= 255);
        QVERIFY(!attachmentBaseName(emoji).back().isHighSurrogate());
    }

    void jsonRoundTrip()
    {
        Attachment a;
        a.id = u"01a25234-2c82-7480-9302-4204a28e25c5"_qs;
        a.ticketId = u"01941f29-7c13-7981-b1ba-c3611732cc53"_qs;
        a.filename = u"scan.png"_qs;
        a.size = 1234;
        a.contentType = u"image/png"_qs;
        a.sha256 = QString(64, u'a');
        a.createdAt = 1765000000000;
        QJsonObject json = a.toJson();
        QVERIFY(json.value(u"comment_id"_qs).isNull());
        QCOMPARE(Attachment::fromJson(json, nullptr), a);
        a.commentId = u"01a25234-4588-75b0-bfd2-736c315ae988"_qs;
        a.createdBy = u"01941f29-7c00-7cc5-8db8-38122c14149b"_qs;
        QCOMPARE(Attachment::fromJson(a.toJson(), nullptr), a);
        FieldErrors errors;
        json.remove(u"filename"_qs);
        QVERIFY(!Attachment::fromJson(json, &errors));
        QVERIFY(!errors.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAttachment)
#include "tst_attachment.moc"
