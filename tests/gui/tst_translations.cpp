#include "common/Texts.h"
#include "domain/Refusal.h"
#include "shell/Theme.h"

#include <QApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QXmlStreamReader>
#include <QtTest>

using namespace triage;

// Both languages complete: every message of triage_ru.ts translated (no "unfinished"), and the
// compiled translations embedded in the binary actually switch the UI.
class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void russianIsComplete()
    {
        QFile f(qEnvironmentVariable("TRIAGE_SOURCE_DIR") + u"/translations/triage_ru.ts"_qs);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&f);
        int messages = 0;
        QStringList unfinished;
        QString source;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == u"source"_qs)
                source = xml.readElementText();
            else if (xml.name() == u"translation"_qs) {
                ++messages;
                if (xml.attributes().value(u"type"_qs) == u"unfinished"_qs
                    || xml.attributes().value(u"type"_qs) == u"vanished"_qs)
                    unfinished << source;
            }
        }
        QVERIFY(messages > 200);
        QVERIFY2(unfinished.isEmpty(), qPrintable(unfinished.join(u" | "_qs)));
    }

    void embeddedTranslationSwitchesTheUi()
    {
        auto *app = qobject_cast<QApplication *>(QCoreApplication::instance());
        QCOMPARE(installTranslations(*app, u"ru"_qs), u"ru"_qs);
        QCOMPARE(Texts::status(TicketStatus::InProgress), u"В работе"_qs);
        QCOMPARE(Texts::duration(-3 * 60000), QString(QChar(0x2212) + u"3 мин"_qs));
        QCOMPARE(Texts::builtInName(u"My open"_qs), u"Мои открытые"_qs);
        QCOMPARE(Texts::builtInName(u"Network team"_qs), u"Network team"_qs);
    }

    // Refusals are translated by code: every code of a rule (not the two whose argument is the
    // validator's or the database's own sentence) reads in Russian, and a server problem carrying
    // a code is translated too, with its arguments.
    void everyRefusalCodeIsTranslated()
    {
        auto *app = qobject_cast<QApplication *>(QCoreApplication::instance());
        QCOMPARE(installTranslations(*app, u"ru"_qs), u"ru"_qs);
        for (int i = 0; i <= int(RefusalCode::StorageFailed); ++i) {
            const Refusal r {RefusalCode(i), {u"new"_qs, u"closed"_qs}};
            if (r.code == RefusalCode::InvalidFields || r.code == RefusalCode::StorageFailed) {
                QCOMPARE(Texts::refusal(r), r.english());
                continue;
            }
            QVERIFY2(Texts::refusal(r) != r.english(), qPrintable(r.wireCode()));
        }
        const QJsonObject problem {{u"detail"_qs, u"Cannot move a ticket from new to closed."_qs},
            {u"code"_qs, u"transition-not-allowed"_qs}, {u"args"_qs, QJsonArray {u"new"_qs, u"closed"_qs}}};
        const auto text = Texts::refusalFromProblem(problem);
        QVERIFY(text);
        QVERIFY2(text->contains(u"Новая"_qs) && text->contains(u"Закрыта"_qs), qPrintable(*text));
        QVERIFY(!Texts::refusalFromProblem({{u"detail"_qs, u"Some other problem"_qs}}));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
