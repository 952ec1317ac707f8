// The read-only `viewer` role against a real triaged: the demo `wall` account and a viewer made with
// `triaged user add --role viewer --group HR` read tickets, reports and the change feed like a lead
// of their groups; every write route of the server's own route table (`triaged routes`) answers
// 403 read-only and changes nothing; a viewer cannot be assigned tickets.
#include "ServerTestBase.h"

#include <QDate>
#include <QProcess>
#include <QSet>

using namespace triage::test;

class TestServerViewer : public QObject
{
    Q_OBJECT

private:
    TriagedProcess m_server;
    std::unique_ptr<TestClient> m_admin, m_lead, m_wall;

    static QString today() { return QDate::currentDate().toString(Qt::ISODate); }
    static QString daysAgo(int n) { return QDate::currentDate().addDays(-n).toString(Qt::ISODate); }

    // Every ticket id the caller can list (all pages).
    static QSet<QString> listedIds(TestClient &c, QHash<QString, QString> *groupOf = nullptr)
    {
        QSet<QString> ids;
        QString cursor;
        for (int page = 0; page < 100; ++page) {
            const HttpResult r = c.get(QStringLiteral("/api/v1/tickets?limit=500")
                + (cursor.isEmpty() ? QString() : QStringLiteral("&cursor=") + cursor));
            if (r.status != 200) {
                qWarning("list: %d %s", r.status, r.body.constData());
                return {};
            }
            for (const QJsonValue &v : r.json().value(QStringLiteral("tickets")).toArray()) {
                const QString id = v[QStringLiteral("id")].toString();
                ids.insert(id);
                if (groupOf)
                    groupOf->insert(id, v[QStringLiteral("group_id")].toString());
            }
            cursor = r.json().value(QStringLiteral("next_cursor")).toString();
            if (cursor.isEmpty())
                break;
        }
        return ids;
    }

    static QString headCursor(TestClient &c)
    {
        QString cursor;
        drainFeed(c, &cursor, 500);
        return cursor;
    }

private Q_SLOTS:
    void initTestCase()
    {
        TriagedProcess::Options o;
        o.env.insert(QStringLiteral("TRIAGE_DEMO_TICKETS"), QStringLiteral("120"));
        TRIAGE_START_SERVER(m_server, o);
        m_admin = signedInClient(m_server.baseUrl(), QStringLiteral("admin"));
        m_lead = signedInClient(m_server.baseUrl(), QStringLiteral("lead"));
        m_wall = signedInClient(m_server.baseUrl(), QStringLiteral("wall"));
        QVERIFY(!m_admin->token().isEmpty() && !m_lead->token().isEmpty());
        QVERIFY2(!m_wall->token().isEmpty(), "the demo seeds a `wall` account");
    }

    void wallAccountIsAViewerOfEveryGroup()
    {
        const QJsonObject me = m_wall->get(QStringLiteral("/api/v1/me")).json();
        QCOMPARE(me.value(QStringLiteral("role")).toString(), QStringLiteral("viewer"));
        const QJsonArray groups
            = m_admin->get(QStringLiteral("/api/v1/groups")).json().value(QStringLiteral("groups")).toArray();
        QVERIFY(!groups.isEmpty());
        QCOMPARE(me.value(QStringLiteral("group_ids")).toArray().size(), groups.size());
    }

    void readsLikeALead()
    {
        const QSet<QString> asLead = listedIds(*m_lead);
        QVERIFY(asLead.size() >= 120);
        QCOMPARE(listedIds(*m_wall), asLead);

        const QJsonObject t = createTicketAs(*m_admin, QStringLiteral("Printer on floor 3 jams"));
        const QString id = t.value(QStringLiteral("id")).toString();
        QVERIFY(!id.isEmpty());
        QVERIFY(m_admin
                    ->post(QStringLiteral("/api/v1/tickets/%1/comments").arg(id),
                        QJsonObject {{QStringLiteral("body"), QStringLiteral("internal: check the fuser")},
                            {QStringLiteral("public"), false}})
                    .status
            == 201);
        QCOMPARE(m_wall->get(QStringLiteral("/api/v1/tickets/") + id).status, 200);
        const HttpResult comments = m_wall->get(QStringLiteral("/api/v1/tickets/%1/comments").arg(id));
        QCOMPARE(comments.status, 200);
        QCOMPARE(comments.body, m_lead->get(QStringLiteral("/api/v1/tickets/%1/comments").arg(id)).body);

        for (const QString &path : {QStringLiteral("/api/v1/users"), QStringLiteral("/api/v1/groups"),
                 QStringLiteral("/api/v1/boards"), QStringLiteral("/api/v1/views"),
                 QStringLiteral("/api/v1/calendars"), QStringLiteral("/api/v1/sla-policies")})
            QCOMPARE(m_wall->get(path).status, 200);
    }

    void reportsLikeALead()
    {
        const QString q = QStringLiteral("/api/v1/reports/summary?from=%1&to=%2").arg(daysAgo(60), today());
        const HttpResult viewer = m_wall->get(q);
        QCOMPARE(viewer.status, 200);
        QJsonObject scope = viewer.json().value(QStringLiteral("scope")).toObject();
        QCOMPARE(scope.value(QStringLiteral("role")).toString(), QStringLiteral("viewer"));
        QCOMPARE(scope.value(QStringLiteral("groups")).toArray().size(), 4);
        QJsonObject a = viewer.json(), b = m_lead->get(q).json();
        QVERIFY(!b.isEmpty());
        a.remove(QStringLiteral("scope"));
        b.remove(QStringLiteral("scope"));
        QCOMPARE(a, b);
        QCOMPARE(m_wall->get(QStringLiteral("/api/v1/reports/wall")).status, 200);
        QCOMPARE(m_wall
                     ->get(QStringLiteral("/api/v1/reports/tickets?metric=created&from=%1&to=%2")
                               .arg(daysAgo(60), today()))
                     .status,
            200);
        QCOMPARE(m_wall->get(QStringLiteral("/api/v1/reports/history")).status, 403); // admins only
    }

    void everyWriteRouteIsRefused()
    {
        QProcess routes;
        routes.start(TriagedProcess::binary(), {QStringLiteral("routes")});
        QVERIFY(routes.waitForFinished(30000));
        const QList<QByteArray> lines = routes.readAllStandardOutput().trimmed().split('\n');
        QVERIFY(lines.size() > 20);

        const QString ticketId = listedIds(*m_wall).values().value(0);
        QVERIFY(!ticketId.isEmpty());
        const auto ticketNow = [&] {
            QJsonObject o = m_admin->get(QStringLiteral("/api/v1/tickets/") + ticketId).json();
            o.remove(QStringLiteral("sla")); // evaluated_at moves
            return o;
        };
        const QJsonObject ticketBefore = ticketNow();
        const QString cursor = headCursor(*m_admin);
        // Plausible bodies: the refusal must not depend on the body being wrong.
        const QJsonObject body {{QStringLiteral("title"), QStringLiteral("from the wall")},
            {QStringLiteral("body"), QStringLiteral("from the wall")},
            {QStringLiteral("name"), QStringLiteral("x")},
            {QStringLiteral("priority"), QStringLiteral("critical")},
            {QStringLiteral("client_id"), newUuid()},
            {QStringLiteral("mutations"),
                QJsonArray {mutation(1, QStringLiteral("ticket.update"),
                    {{QStringLiteral("ticket_id"), ticketId},
                        {QStringLiteral("changes"),
                            QJsonArray {change(QStringLiteral("priority"),
                                ticketBefore.value(QStringLiteral("priority")),
                                QStringLiteral("critical"))}}})}}};
        int writes = 0;
        for (const QByteArray &line : lines) {
            const QList<QByteArray> parts = line.split(' ');
            QCOMPARE(parts.size(), 2);
            const QByteArray method = parts[0];
            QString path = QString::fromLatin1(parts[1]);
            if (method == "GET" || path.startsWith(QStringLiteral("/api/v1/auth/")))
                continue;
            if (path.startsWith(QStringLiteral("/api/v1/tickets/")))
                path.replace(QStringLiteral("{id}"), ticketId);
            else
                path.replace(QStringLiteral("{id}"), newUuid());
            const HttpResult r = m_wall->send(method, path, toJson(body),
                {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}});
            QVERIFY2(r.status == 403,
                qPrintable(QString::fromLatin1(method) + u' ' + path + u' ' + QString::number(r.status) + u' '
                    + QString::fromUtf8(r.body)));
            QCOMPARE(r.problemType(), QStringLiteral("read-only"));
            QVERIFY(r.header("content-type").startsWith("application/problem+json"));
            ++writes;
        }
        QVERIFY2(writes >= 15, "POST/PUT/PATCH/DELETE routes tried");
        // Nothing changed: no new change rows, the ticket is as it was.
        QString after = cursor;
        QCOMPARE(drainFeed(*m_admin, &after).size(), 0);
        QCOMPARE(ticketNow(), ticketBefore);
    }

    void changeFeedAndLogoutWork()
    {
        QString cursor;
        const QJsonArray all = drainFeed(*m_wall, &cursor, 500);
        QVERIFY(all.size() > 120);
        const QJsonObject t = createTicketAs(*m_admin, QStringLiteral("Seen on the wall"), kGroupHr);
        const QString id = t.value(QStringLiteral("id")).toString();
        const QJsonArray fresh = drainFeed(*m_wall, &cursor);
        bool seen = false;
        for (const QJsonValue &c : fresh)
            seen = seen || c[QStringLiteral("id")].toString() == id;
        QVERIFY2(seen, "the new ticket arrives through the viewer's feed");

        auto other = signedInClient(m_server.baseUrl(), QStringLiteral("wall"));
        QCOMPARE(other->post(QStringLiteral("/api/v1/auth/logout"), {}).status, 204);
        QCOMPARE(other->get(QStringLiteral("/api/v1/me")).status, 401);
    }

    void viewersCannotBeAssigned()
    {
        const QString wallId
            = m_wall->get(QStringLiteral("/api/v1/me")).json().value(QStringLiteral("id")).toString();
        const QJsonObject t = createTicketAs(*m_admin, QStringLiteral("Assign me to the wall?"));
        const HttpResult r
            = m_admin->patch(QStringLiteral("/api/v1/tickets/") + t.value(QStringLiteral("id")).toString(),
                {{QStringLiteral("assignee_id"), wallId}},
                {{QByteArrayLiteral("If-Match"), QByteArrayLiteral("*")}});
        QCOMPARE(r.status, 422);
    }

    void cliViewerOfOneGroup()
    {
        if (usePostgres())
            QSKIP("user add against the SQLite data directory only");
        QProcess add;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TRIAGE_PASSWORD"), QStringLiteral("viewer-password"));
        env.insert(QStringLiteral("TRIAGE_PWHASH_OPSLIMIT"), QStringLiteral("1"));
        env.insert(QStringLiteral("TRIAGE_PWHASH_MEMLIMIT"), QStringLiteral("8192"));
        add.setProcessEnvironment(env);
        add.start(TriagedProcess::binary(),
            {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--data"), m_server.dataDir(),
                QStringLiteral("hrwall"), QStringLiteral("--role"), QStringLiteral("viewer"),
                QStringLiteral("--group"), QStringLiteral("HR")});
        QVERIFY(add.waitForFinished(30000));
        QVERIFY2(add.exitCode() == 0, add.readAllStandardError().constData());
        TestClient hr(m_server.baseUrl());
        QVERIFY(hr.login(QStringLiteral("hrwall"), QStringLiteral("viewer-password")));
        QHash<QString, QString> groupOf;
        const QSet<QString> ids = listedIds(hr, &groupOf);
        QVERIFY(!ids.isEmpty());
        int inHr = 0;
        for (const QString &id : ids) {
            QVERIFY2(groupOf.value(id).isEmpty() || groupOf.value(id) == kGroupHr, qPrintable(id));
            inHr += groupOf.value(id) == kGroupHr ? 1 : 0;
        }
        QVERIFY(inHr > 0);
        const QString q = QStringLiteral("/api/v1/reports/summary?from=%1&to=%2").arg(daysAgo(60), today());
        const HttpResult mine = hr.get(q);
        QCOMPARE(mine.status, 200);
        QCOMPARE(mine.json()[QStringLiteral("scope")][QStringLiteral("groups")].toArray(),
            QJsonArray {QStringLiteral("HR")});
        QCOMPARE(hr.get(q + QStringLiteral("&group=IT")).status, 403);
        QCOMPARE(hr.post(QStringLiteral("/api/v1/tickets"), {{QStringLiteral("title"), QStringLiteral("x")}})
                     .status,
            403);
    }
};

QTEST_GUILESS_MAIN(TestServerViewer)
#include "tst_server_viewer.moc"
