#include "SlaTestSupport.h"
#include "sla/KeyPhraseRules.h"
#include "sla/PriorityMatrix.h"

using namespace triage;

class TestSlaPriority : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultMatrixFollowsServiceNow()
    {
        const PriorityMatrix m;
        QCOMPARE(m.priorityFor(Level::High, Level::High), Priority::Critical); // P1
        QCOMPARE(m.priorityFor(Level::High, Level::Medium), Priority::High); // P2
        QCOMPARE(m.priorityFor(Level::Medium, Level::High), Priority::High); // P2
        QCOMPARE(m.priorityFor(Level::High, Level::Low), Priority::Normal); // P3
        QCOMPARE(m.priorityFor(Level::Medium, Level::Medium), Priority::Normal); // P3
        QCOMPARE(m.priorityFor(Level::Low, Level::High), Priority::Normal); // P3
        QCOMPARE(m.priorityFor(Level::Medium, Level::Low), Priority::Low); // P4
        QCOMPARE(m.priorityFor(Level::Low, Level::Low), Priority::Low); // P5
    }

    void matrixIsEditableDataAndRoundTrips()
    {
        PriorityMatrix m;
        m.set(Level::Low, Level::Low, Priority::Normal);
        QString error;
        const auto back = PriorityMatrix::fromJson(m.toJson(), &error);
        QVERIFY2(back, qPrintable(error));
        QVERIFY(*back == m);
        QCOMPARE(back->priorityFor(Level::Low, Level::Low), Priority::Normal);
        QVERIFY(!(*back == PriorityMatrix()));
    }

    void matrixErrors()
    {
        QJsonObject json = PriorityMatrix().toJson();
        QJsonObject row = json[u"medium"_qs].toObject();
        row[u"low"_qs] = u"P4"_qs;
        json[u"medium"_qs] = row;
        QString error;
        QVERIFY(!PriorityMatrix::fromJson(json, &error));
        QVERIFY2(
            error.contains(
                u"priority matrix.medium.low: expected critical, high, normal or low, got string \"P4\""_qs),
            qPrintable(error));
        json.remove(u"medium"_qs);
        QVERIFY(!PriorityMatrix::fromJson(json, &error));
        QVERIFY2(error.contains(u"priority matrix.medium"_qs), qPrintable(error));
    }

    void phrasesMatchWordForms_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("phrase"); // empty: no match expected
        const QString team = u"блокирует работу команды"_qs;
        QTest::newRow("exact") << u"Ошибка блокирует работу команды с утра"_qs << team;
        QTest::newRow("plural verb") << u"Сбои блокируют работу команды"_qs << team;
        QTest::newRow("past, dative, capitals") << u"ЭТО БЛОКИРОВАЛО РАБОТУ КОМАНДЕ"_qs << team;
        QTest::newRow("perfective with extra word") << u"VPN заблокировал работу всей команды"_qs << team;
        QTest::newRow("negated") << u"Не блокирует работу команды, но неудобно"_qs << QString();
        QTest::newRow("unrelated") << u"Команда работает, блокировок нет"_qs << QString();
        QTest::newRow("everyone") << u"Почта не работает у всех"_qs << u"не работает у всех"_qs;
        QTest::newRow("everyone plural")
            << u"CRM не работают у всех сотрудников"_qs << u"не работает у всех"_qs;
        QTest::newRow("yo") << u"Всё не работаёт у всех"_qs << u"не работает у всех"_qs;
        QTest::newRow("english") << u"This bug is blocking our team's work"_qs
                                 << u"blocks the team's work"_qs;
        QTest::newRow("english blocked")
            << u"Blocked the whole team's work!"_qs << u"blocks the team's work"_qs;
        QTest::newRow("production") << u"PRODUCTION is DOWN since 9am"_qs << u"production down"_qs;
        QTest::newRow("production negated") << u"production not down, just slow"_qs << QString();
        QTest::newRow("too far apart") << u"production of the new release is slowing down"_qs << QString();
    }

    void phrasesMatchWordForms()
    {
        QFETCH(QString, text);
        QFETCH(QString, phrase);
        const auto matches = KeyPhraseRules::defaults().matches(text);
        if (phrase.isEmpty()) {
            QVERIFY2(matches.empty(), qPrintable(matches.empty() ? QString() : matches.front().matchedText));
            return;
        }
        QVERIFY2(!matches.empty(), qPrintable(text));
        QCOMPARE(matches.front().phrase, phrase);
        QVERIFY(text.contains(matches.front().matchedText));
    }

    void applyRaisesAndReportsWhy()
    {
        const auto rules = KeyPhraseRules::defaults();
        auto o = rules.apply(Priority::Low, u"Вчера заблокировали работу команды продаж"_qs);
        QCOMPARE(o.priority, Priority::Critical); // the seed's #4567
        QVERIFY(o.reason);
        QCOMPARE(o.reason->phrase, u"блокирует работу команды"_qs);
        QCOMPARE(o.reason->matchedText, u"заблокировали работу команды"_qs);
        // Never lowers: already critical stays critical with no reason.
        o = rules.apply(Priority::Critical, u"блокирует работу команды"_qs);
        QCOMPARE(o.priority, Priority::Critical);
        QVERIFY(!o.reason);
        // The most urgent matching rule decides.
        const KeyPhraseRules two({{u"blocks the team's work"_qs, Priority::High}, {u"production down"_qs, Priority::Critical}});
        o = two.apply(Priority::Normal, u"Production down, blocks the team's work"_qs);
        QCOMPARE(o.priority, Priority::Critical);
        QCOMPARE(o.reason->phrase, u"production down"_qs);
    }

    void rulesFromJson()
    {
        QString error;
        const auto rules = KeyPhraseRules::fromJson(QJsonDocument::fromJson(R"({"rules": [
            {"phrase": "касса не печатает чеки", "priority": "critical"}]})")
                                                        .object(),
            &error);
        QVERIFY2(rules, qPrintable(error));
        QCOMPARE(
            rules->apply(Priority::Normal, u"Касса опять не печатает чек"_qs).priority, Priority::Critical);
        QVERIFY(!KeyPhraseRules::fromJson(
            QJsonDocument::fromJson(R"([{"phrase": "x", "priority": "urgent"}])").array(), &error));
        QVERIFY2(error.contains(u"key phrases[0].priority"_qs), qPrintable(error));
        QVERIFY(!KeyPhraseRules::fromJson(
            QJsonDocument::fromJson(R"([{"phrase": " ,", "priority": "high"}])").array(), &error));
        QVERIFY2(error.contains(u"key phrases[0].phrase"_qs), qPrintable(error));
    }

    void stemmerUnifiesInflections()
    {
        const auto s
            = [](const char16_t *w) { return WordStemmer::stem(WordStemmer::normalize(QStringView(w))); };
        QCOMPARE(s(u"блокирует"), s(u"блокируют"));
        QCOMPARE(s(u"команды"), s(u"команде"));
        QCOMPARE(s(u"команды"), s(u"командой"));
        QCOMPARE(s(u"работу"), s(u"работы"));
        QCOMPARE(s(u"blocks"), s(u"blocking"));
        QCOMPARE(s(u"blocked"), s(u"block"));
    }
};

QTEST_GUILESS_MAIN(TestSlaPriority)
#include "tst_slapriority.moc"
