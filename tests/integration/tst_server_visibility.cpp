// One ticket visibility rule (Principal::ticketVisibility): for every demo account, and for
// principals the demo has none of, the ticket list's SQL filter (TicketReader) and the change feed
// return exactly the tickets for which Principal::canSeeTicket is true. On SQLite, and on
// PostgreSQL in the TRIAGE_TEST_PG build.
#include "TriagedProcess.h"
#include "api/Auth.h"
#include "api/Principal.h"
#include "domain/Ticket.h"
#include "domain/Uuid.h"
#include "storage/ChangeFeed.h"
#include "storage/DemoSeeder.h"
#include "storage/DirectoryStore.h"
#include "storage/ServerDatabase.h"
#include "storage/ServerTicketStore.h"
#include "storage/TicketReader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

using namespace triage;
using namespace triage::server;

class TestServerVisibility : public QObject
{
    Q_OBJECT

private:
    struct Row {
        QString group;
        QString requester;
    };

    QTemporaryDir m_dir;
    std::unique_ptr<ServerDatabase> m_db;
    QHash<QString, Row> m_tickets; // every live ticket, from its JSON document
    QList<Principal> m_principals;

    QSet<QString> expected(const Principal &p) const
    {
        QSet<QString> out;
        for (auto it = m_tickets.cbegin(); it != m_tickets.cend(); ++it) {
            if (p.canSeeTicket(it->group, it->requester))
                out.insert(it.key());
        }
        return out;
    }

    QSet<QString> listed(const Principal &p)
    {
        TicketReader::ListFilter filter;
        filter.limit = 1'000'000;
        const TicketReader::Page page = TicketReader(*m_db).list(p.ticketVisibility(), filter);
        QSet<QString> out;
        for (const QByteArray &data : page.tickets)
            out.insert(QJsonDocument::fromJson(data).object().value(u"id"_qs).toString());
        return out;
    }

    QSet<QString> fed(const Principal &p)
    {
        QSet<QString> out;
        qint64 after = 0;
        for (bool more = true; more;) {
            std::optional<ReadTx> snapshot;
            if (!m_db->isPostgres())
                snapshot.emplace(*m_db);
            QByteArray json;
            const FeedPage page = ChangeFeed(*m_db).read(p, after, 1000, &json);
            for (const QJsonValue &v : QJsonDocument::fromJson(json).array()) {
                const QJsonObject change = v.toObject();
                if (change.value(u"entity"_qs) == u"ticket"_qs && change.value(u"op"_qs) == u"upsert"_qs)
                    out.insert(change.value(u"id"_qs).toString());
            }
            after = page.nextSeq;
            more = page.hasMore;
        }
        return out;
    }

    // The demo puts every ticket in a group; staff also see tickets without one.
    void addTicketsWithoutGroup(int count)
    {
        QList<QByteArray> any;
        TicketReader(*m_db).forEachLive([&any](const QString &, const QByteArray &data) {
            if (any.isEmpty())
                any << data;
        });
        QCOMPARE(any.size(), 1);
        auto base = Ticket::fromJson(QJsonDocument::fromJson(any.first()).object(), nullptr);
        QVERIFY(base);
        WriteTx tx(*m_db);
        ServerTicketStore store(*m_db);
        for (int i = 0; i < count; ++i) {
            Ticket t = *base;
            t.id = newId();
            t.number = store.nextNumber();
            t.groupId.clear();
            t.assigneeId.clear();
            store.insert(t, tx.bumpHead(1));
        }
        tx.commit();
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Cheap password hashes: this test signs every demo account in.
        qputenv("TRIAGE_PWHASH_OPSLIMIT", "1");
        qputenv("TRIAGE_PWHASH_MEMLIMIT", "8192");
        QVERIFY(initCrypto());
        ServerDatabase::configureProcess();
        QString url;
#ifdef TRIAGE_TEST_PG
        TRIAGE_REQUIRE_PG_DATABASE(url);
#endif
        QVERIFY(m_dir.isValid());
        QString error;
        m_db = ServerDatabase::open(m_dir.path(), url, &error);
        QVERIFY2(m_db, qPrintable(error));
        QVERIFY(seedDemo(*m_db, u"demo"_qs, 600, false) > 0);
        addTicketsWithoutGroup(3);

        TicketReader(*m_db).forEachLive([this](const QString &id, const QByteArray &data) {
            const auto t = Ticket::fromJson(QJsonDocument::fromJson(data).object(), nullptr);
            QVERIFY(t);
            m_tickets.insert(id, Row {t->groupId, t->requesterId});
        });
        QVERIFY(m_tickets.size() >= 603);
        QCOMPARE(std::count_if(
                     m_tickets.cbegin(), m_tickets.cend(), [](const Row &r) { return r.group.isEmpty(); }),
            3);

        // Every demo account, as Auth builds its principal from a real sign-in.
        Auth auth(*m_db);
        const QList<User> users = DirectoryStore(*m_db).users();
        QSet<int> roles;
        for (const User &u : users) {
            const auto login = auth.login(u.username, u"demo"_qs, u"test"_qs);
            QCOMPARE(login.kind, Auth::LoginResult::Ok);
            const auto p = auth.authenticate("Bearer " + login.token.toUtf8());
            QVERIFY(p);
            m_principals << *p;
            roles.insert(int(p->role));
        }
        QCOMPARE(roles.size(), 5); // requester, agent, lead, viewer, admin

        // Principals the demo has none of: an agent who also leads a group (leading only widens a
        // lead's or a viewer's view), staff without groups, a requester with no tickets.
        const QList<Group> groups = DirectoryStore(*m_db).groups();
        QVERIFY(groups.size() >= 2);
        Principal agent;
        agent.userId = u"visibility-agent"_qs;
        agent.role = UserRole::Agent;
        agent.groupIds = {groups.at(0).id};
        agent.ledGroups = {groups.at(1).id, groups.at(0).id};
        Principal lead = agent;
        lead.role = UserRole::Lead;
        Principal viewer = agent;
        viewer.role = UserRole::Viewer;
        viewer.groupIds.clear();
        Principal lonelyAgent;
        lonelyAgent.userId = u"lonely"_qs;
        lonelyAgent.role = UserRole::Agent;
        Principal stranger;
        stranger.userId = u"nobody"_qs;
        m_principals << agent << lead << viewer << lonelyAgent << stranger;
    }

    void theListShowsWhatCanSeeTicketAllows()
    {
        int partial = 0;
        for (const Principal &p : std::as_const(m_principals)) {
            const QSet<QString> want = expected(p);
            QCOMPARE(listed(p), want);
            if (!want.isEmpty() && want.size() < m_tickets.size())
                ++partial;
        }
        QVERIFY(partial >= 3); // the rule really hides tickets, it is not all-or-nothing
    }

    void theFeedShowsWhatCanSeeTicketAllows()
    {
        for (const Principal &p : std::as_const(m_principals))
            QCOMPARE(fed(p), expected(p));
    }

    void sqlFilterTracksTheRule()
    {
        // The same ticket, admitted or not, for each scope: the filter's values are the rule's data.
        QVariantList binds;
        TicketVisibility all;
        all.scope = TicketVisibility::Scope::All;
        QVERIFY(TicketReader::visibilityFilter(all, &binds).isEmpty());
        QVERIFY(binds.isEmpty());
        TicketVisibility own;
        own.userId = u"me"_qs;
        QVERIFY(TicketReader::visibilityFilter(own, &binds).contains(u"requester_id"_qs));
        QCOMPARE(binds, QVariantList {u"me"_qs});
        binds.clear();
        TicketVisibility groups;
        groups.scope = TicketVisibility::Scope::Groups;
        groups.groups = {u"a"_qs, u"b"_qs};
        QVERIFY(TicketReader::visibilityFilter(groups, &binds).contains(u"group_id = ''"_qs));
        QCOMPARE(binds, (QVariantList {u"a"_qs, u"b"_qs}));
    }

    void cleanupTestCase()
    {
        m_db.reset();
    }
};

QTEST_GUILESS_MAIN(TestServerVisibility)
#include "tst_server_visibility.moc"
