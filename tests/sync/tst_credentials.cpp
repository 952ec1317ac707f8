// Tokens in a real Secret Service (gnome-keyring on the private D-Bus session that
// tests/support/with-services starts), and the explicit 0600 file fallback.
#include "auth/CredentialStore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace triage;

class TestCredentials : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void keychainRoundTrip()
    {
        QString why;
        if (!CredentialStore::keychainAvailable(&why)) {
            if (qEnvironmentVariableIsSet("CI") || qEnvironmentVariableIsSet("TRIAGE_TEST_KEYRING"))
                QFAIL(qPrintable(u"no Secret Service although one was started: "_qs + why));
            QSKIP("no keychain here; run under tests/support/with-services");
        }
        CredentialStore a(m_dir.path(), u"https://desk.example:8443"_qs, u"agent1"_qs);
        CredentialStore b(m_dir.path(), u"https://other.example"_qs, u"agent1"_qs);
        QString error;
        CredentialStore::Backend used {};
        QVERIFY2(a.save(u"token-A"_qs, false, false, &error, &used), qPrintable(error));
        QCOMPARE(used, CredentialStore::Backend::Keychain);
        QVERIFY(b.save(u"token-B"_qs, false, false, &error));
        QVERIFY(!QFile::exists(a.tokenFilePath())); // nothing on disk
        QCOMPARE(a.load().value_or(QString()), u"token-A"_qs); // scoped per server × user
        QCOMPARE(b.load().value_or(QString()), u"token-B"_qs);
        a.remove();
        QVERIFY(!a.load().has_value());
        QCOMPARE(b.load().value_or(QString()), u"token-B"_qs);
        b.remove();
    }

    void fileOnlyWhenAskedAndPrivate()
    {
        CredentialStore s(m_dir.path(), u"http://127.0.0.1:1"_qs, u"agent2"_qs);
        QString error;
        CredentialStore::Backend used {};
        QVERIFY(s.save(u"secret"_qs, true, true, &error, &used));
        QCOMPARE(used, CredentialStore::Backend::File);
        QFile f(s.tokenFilePath());
        QVERIFY(f.exists());
        QCOMPARE(
            f.permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
            QFile::Permissions());
        QCOMPARE(s.load().value_or(QString()), u"secret"_qs);
        s.remove();
        QVERIFY(!f.exists());
    }
};

QTEST_GUILESS_MAIN(TestCredentials)
#include "tst_credentials.moc"
