// Report CSV export: sections, RFC 4180 quoting, spreadsheet formula injection kept inert.
#include "metrics/ReportCsv.h"

#include <QTest>

using namespace triage;

class TestReportCsv : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quoting()
    {
        QCOMPARE(csvField(u"plain"_qs), QByteArray("plain"));
        QCOMPARE(csvField(u"a,b"_qs), QByteArray("\"a,b\""));
        QCOMPARE(csvField(u"say \"hi\""_qs), QByteArray("\"say \"\"hi\"\"\""));
        QCOMPARE(csvField(u"=HYPERLINK(\"x\")"_qs), QByteArray("\"'=HYPERLINK(\"\"x\"\")\""));
        QCOMPARE(csvField(u"-3"_qs), QByteArray("-3")); // numbers stay numbers
        QCOMPARE(csvField(u"Принтер"_qs), u"Принтер"_qs.toUtf8());
    }

    void sections()
    {
        const QJsonObject report {{u"period"_qs,
                                      QJsonObject {{u"from"_qs, u"2026-03-01T00:00:00+03:00"_qs},
                                          {u"to"_qs, u"2026-03-03T00:00:00+03:00"_qs}}},
            {u"filter"_qs, QJsonObject {{u"group"_qs, u"IT, Moscow"_qs}}},
            {u"volume"_qs,
                QJsonObject {{u"created"_qs, 5}, {u"resolved"_qs, 3},
                    {u"by_day"_qs,
                        QJsonArray {QJsonObject {{u"date"_qs, u"2026-03-01"_qs}, {u"created"_qs, 5},
                            {u"resolved"_qs, 3}, {u"backlog_at_end"_qs, 2}}}}}},
            {u"csat"_qs, QJsonObject {{u"share_positive"_qs, QJsonValue::Null}}},
            {u"agents"_qs,
                QJsonArray {QJsonObject {{u"agent"_qs, u"agent1"_qs}, {u"open_assigned"_qs, 2},
                    {u"resolved"_qs, 3}, {u"handled_per_day"_qs, 1.5}}}}};
        const QByteArray csv = reportToCsv(report);
        QVERIFY(csv.startsWith("metric,value\r\nperiod.from,2026-03-01T00:00:00+03:00\r\n"));
        QVERIFY(csv.contains("filter.group,\"IT, Moscow\"\r\n"));
        QVERIFY(csv.contains("volume.created,5\r\n"));
        QVERIFY(csv.contains("csat.share_positive,\r\n")); // null → empty cell
        QVERIFY(csv.contains("\r\n\r\ndate,created,resolved,backlog_at_end\r\n2026-03-01,5,3,2\r\n"));
        QVERIFY(csv.contains("agent,open_assigned,resolved,handled_per_day\r\nagent1,2,3,1.5\r\n"));
        QCOMPARE(ticketsToCsv(QJsonArray {QJsonObject {{u"number"_qs, 1001}, {u"title"_qs, u"VPN, again"_qs},
                     {u"at"_qs, u"t"_qs}, {u"id"_qs, u"x"_qs}}}),
            QByteArray("number,title,at,id\r\n1001,\"VPN, again\",t,x\r\n"));
    }
};

QTEST_GUILESS_MAIN(TestReportCsv)
#include "tst_report_csv.moc"
