// The email channel's IMAP half (server/channels/email/ImapMailbox) against a real Dovecot started
// by the test (tests/support/MailServers): fetch by UID above the last one stored, never mark mail
// read, and fail clearly (no password in any error) when the server refuses or goes away.
#include "MailFixtures.h"
#include "MailServers.h"
#include "channels/email/ImapMailbox.h"
#include "channels/email/MimeParser.h"

#include <QtTest>

using namespace triage::server;
using namespace triage::test;

class TestImapMailbox : public QObject
{
    Q_OBJECT

    ImapMailbox::Config config() const
    {
        return {m_dovecot.url(), DovecotServer::user(), DovecotServer::password(), 10};
    }

    DovecotServer m_dovecot;

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_dovecot.start(&error), qPrintable(error));
        for (const char *name :
            {"gmail-alternative.eml", "outlook-koi8r.eml", "thunderbird-1251-attachment.eml"})
            QVERIFY2(m_dovecot.deliver(mailFixture(name), &error), qPrintable(error));
    }

    void fetchesByUidWithoutMarkingRead()
    {
        ImapMailbox box;
        QString error;
        QVERIFY2(box.open(config(), &error), qPrintable(error));
        QVERIFY(box.uidValidity() > 0);
        QVERIFY(box.supportsIdle());
        const auto uids = box.uidsAfter(0, &error);
        QVERIFY2(uids, qPrintable(error));
        QCOMPARE(uids->size(), 3);
        QStringList subjects;
        for (quint32 uid : *uids) {
            const auto raw = box.fetch(uid, &error);
            QVERIFY2(raw, qPrintable(error));
            const auto m = MimeParser().parse(*raw, &error);
            QVERIFY2(m, qPrintable(error));
            subjects << m->subject;
        }
        QCOMPARE(subjects,
            (QStringList {u"Не работает принтер на 3 этаже"_qs, u"Срочно: не запускается 1С"_qs,
                u"Отчёт об ошибке"_qs}));
        // BODY.PEEK[]: another mail client still sees three unread messages.
        const QByteArray status = m_dovecot.status(&error);
        QVERIFY2(status.contains("UNSEEN 3"), status.constData());
        QVERIFY2(status.contains("MESSAGES 3"), status.constData());

        // Nothing above the last UID; "n:*" past the end does not bring back the last message.
        const auto none = box.uidsAfter(uids->last(), &error);
        QVERIFY2(none, qPrintable(error));
        QVERIFY(none->isEmpty());
        // A new message: only it, on the same connection.
        QVERIFY2(m_dovecot.deliver(mailFixture("reply-with-quote.eml"), &error), qPrintable(error));
        ImapMailbox again;
        QVERIFY2(again.open(config(), &error), qPrintable(error));
        QCOMPARE(again.uidValidity(), box.uidValidity());
        const auto fresh = again.uidsAfter(uids->last(), &error);
        QVERIFY2(fresh, qPrintable(error));
        QCOMPARE(fresh->size(), 1);
        QVERIFY(fresh->first() > uids->last());
        QVERIFY(!again.fetch(fresh->first() + 100, &error));
        QVERIFY(error.contains(u"no longer"_qs));
    }

    void refusalsAreClearAndNeverShowThePassword()
    {
        ImapMailbox box;
        QString error;
        ImapMailbox::Config wrong = config();
        wrong.password = u"not-the-secret-xyzzy"_qs;
        QVERIFY(!box.open(wrong, &error));
        QVERIFY2(error.contains(u"user name or password"_qs), qPrintable(error));
        QVERIFY(!error.contains(wrong.password));
        ImapMailbox::Config missing = config();
        missing.url.setPath(u"/NoSuchFolder"_qs);
        QVERIFY(!box.open(missing, &error));
        QVERIFY2(error.contains(u"mailbox"_qs), qPrintable(error));
        ImapMailbox::Config closed = config();
        closed.url.setPort(freeLoopbackPort());
        QVERIFY(!box.open(closed, &error));
        QVERIFY2(error.contains(u"refused"_qs) || error.contains(u"connect"_qs), qPrintable(error));
        QVERIFY(!box.open({QUrl(u"pop3://127.0.0.1/"_qs), {}, {}, 5}, &error));
        QVERIFY(error.contains(u"imap://"_qs));
    }

    // The server dies mid-session: the next call fails with an error, no hang, no crash (last:
    // the server stays down).
    void serverGoesAway()
    {
        ImapMailbox box;
        QString error;
        QVERIFY2(box.open(config(), &error), qPrintable(error));
        m_dovecot.crash();
        // Its mail process notices the master is gone and ends: the next calls fail, promptly.
        QTRY_VERIFY_WITH_TIMEOUT(!box.uidsAfter(0, &error), 5000);
        QVERIFY(!error.isEmpty());
        QVERIFY(!box.fetch(1, &error));
        QVERIFY(!box.isOpen());
    }
};

QTEST_GUILESS_MAIN(TestImapMailbox)
#include "tst_imapmailbox.moc"
