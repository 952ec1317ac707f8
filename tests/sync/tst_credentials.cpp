// Tokens in a real Secret Service (gnome-keyring on the private D-Bus session that
// tests/support/with-services starts), and the explicit 0600 file fallback.
#include "auth/CredentialStore.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace triage;

class TestCredentials : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    // The store answers later, never inside the call: these wait for the answer.
    CredentialStore::SaveResult save(
        const CredentialStore &s, const QString &token, CredentialStore::Placement where)
    {
        std::optional<CredentialStore::SaveResult> result;
        s.save(token, where, this, [&](const CredentialStore::SaveResult &r) { result = r; });
        if (result)
            qFatal("save() answered inside the call");
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 10000))
            return {false, {}, u"no answer"_qs};
        return *result;
    }
    std::optional<QString> load(const CredentialStore &s, CredentialStore::Placement where)
    {
        bool answered = false;
        std::optional<QString> token;
        s.load(where, this, [&](const std::optional<QString> &t, const QString &) {
            answered = true;
            token = t;
        });
        if (answered)
            qFatal("load() answered inside the call");
        if (!QTest::qWaitFor([&] { return answered; }, 10000))
            qFatal("load() never answered");
        return token;
    }
    void remove(const CredentialStore &s, CredentialStore::Placement where)
    {
        bool answered = false;
        s.remove(where, this, [&] { answered = true; });
        QVERIFY(QTest::qWaitFor([&] { return answered; }, 10000));
    }

private Q_SLOTS:
    void keychainRoundTrip()
    {
        bool answered = false, available = false;
        QString why;
        CredentialStore::probeKeychain(this, [&](bool ok, const QString &reason) {
            answered = true;
            available = ok;
            why = reason;
        });
        QVERIFY(QTest::qWaitFor([&] { return answered; }, 10000));
        if (!available) {
            if (qEnvironmentVariableIsSet("CI") || qEnvironmentVariableIsSet("TRIAGE_TEST_KEYRING"))
                QFAIL(qPrintable(u"no Secret Service although one was started: "_qs + why));
            QSKIP("no keychain here; run under tests/support/with-services");
        }
        using P = CredentialStore::Placement;
        CredentialStore a(m_dir.path(), u"https://desk.example:8443"_qs, u"agent1"_qs);
        CredentialStore b(m_dir.path(), u"https://other.example"_qs, u"agent1"_qs);
        const auto saved = save(a, u"token-A"_qs, P::Keychain);
        QVERIFY2(saved.ok, qPrintable(saved.error));
        QCOMPARE(saved.used, CredentialStore::Backend::Keychain);
        QVERIFY(save(b, u"token-B"_qs, P::Keychain).ok);
        QVERIFY(!QFile::exists(a.tokenFilePath())); // nothing on disk
        QCOMPARE(load(a, P::Keychain).value_or(QString()), u"token-A"_qs); // scoped per server × user
        QCOMPARE(load(b, P::Keychain).value_or(QString()), u"token-B"_qs);
        QVERIFY(!load(a, P::File).has_value()); // a wall never asks the keychain
        remove(a, P::Keychain);
        QVERIFY(!load(a, P::Keychain).has_value());
        QCOMPARE(load(b, P::Keychain).value_or(QString()), u"token-B"_qs);
        remove(b, P::Keychain);
    }

    void fileOnlyWhenAskedAndPrivate()
    {
        using P = CredentialStore::Placement;
        CredentialStore s(m_dir.path(), u"http://127.0.0.1:1"_qs, u"agent2"_qs);
        const auto saved = save(s, u"secret"_qs, P::File);
        QVERIFY2(saved.ok, qPrintable(saved.error));
        QCOMPARE(saved.used, CredentialStore::Backend::File);
        QFile f(s.tokenFilePath());
        QVERIFY(f.exists());
        QCOMPARE(
            f.permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
            QFile::Permissions());
        QCOMPARE(load(s, P::File).value_or(QString()), u"secret"_qs);
        QCOMPARE(load(s, P::Keychain).value_or(QString()), u"secret"_qs); // the file is read first
        remove(s, P::File);
        QVERIFY(!f.exists());
    }

    void keychainOnlyRefusesWithoutAKeychain()
    {
        qputenv("TRIAGE_KEYCHAIN", "off");
        CredentialStore s(m_dir.path(), u"http://127.0.0.1:1"_qs, u"agent3"_qs);
        const auto saved = save(s, u"secret"_qs, CredentialStore::Placement::Keychain);
        QVERIFY(!saved.ok);
        QVERIFY2(saved.error.contains(u"--token-file"_qs), qPrintable(saved.error));
        QVERIFY(!QFile::exists(s.tokenFilePath())); // never on disk behind the user's back
        const auto fallback = save(s, u"secret"_qs, CredentialStore::Placement::KeychainElseFile);
        QVERIFY(fallback.ok);
        QCOMPARE(fallback.used, CredentialStore::Backend::File);
        remove(s, CredentialStore::Placement::Keychain);
        qunsetenv("TRIAGE_KEYCHAIN");
    }
};

QTEST_GUILESS_MAIN(TestCredentials)
#include "tst_credentials.moc"
