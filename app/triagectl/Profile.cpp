#include "Profile.h"

#include "Wait.h"
#include "auth/AccountService.h"
#include "domain/Uuid.h"
#include "net/ApiClient.h"
#include "store/CacheDatabase.h"
#include "store/LocalCache.h"
#include "sync/LocalEditor.h"
#include "sync/SyncEngine.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

namespace triage::cli {

Profile::~Profile()
{
    m_sync.reset();
    m_api.reset();
    m_editor.reset();
    m_store.reset();
    m_db.reset();
}

QString Profile::profileFile(const QString &dir)
{
    return QDir(dir).filePath(u"profile.json"_qs);
}

bool Profile::save(const QString &dir, const QString &server, const QJsonObject &user, QString *error)
{
    QDir().mkpath(dir);
    QSaveFile f(profileFile(dir));
    if (!f.open(QIODevice::WriteOnly)) {
        *error = f.errorString();
        return false;
    }
    f.write(QJsonDocument(QJsonObject {{u"server"_qs, server}, {u"user"_qs, user}}).toJson());
    if (!f.commit()) {
        *error = f.errorString();
        return false;
    }
    return true;
}

std::unique_ptr<Profile> Profile::open(const Context &ctx, bool needLogin, int *exitCode)
{
    std::unique_ptr<Profile> p(new Profile);
    QFile f(profileFile(ctx.profileDir));
    if (f.open(QIODevice::ReadOnly)) {
        const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
        p->m_server = o.value(u"server"_qs).toString();
        p->m_user = o.value(u"user"_qs).toObject();
        p->m_username = p->m_user.value(u"username"_qs).toString();
        p->m_userId = p->m_user.value(u"id"_qs).toString();
    }
    if (p->m_server.isEmpty() && needLogin) {
        *exitCode = fail(ctx, AuthRequired, u"not signed in: run 'triagectl login URL --user NAME' first"_qs);
        return nullptr;
    }
    QDir().mkpath(ctx.profileDir);
    OpenReport report;
    QString error;
    p->m_db = CacheDatabase::open(QDir(ctx.profileDir).filePath(u"cache.db"_qs), &report, &error);
    if (!p->m_db) {
        *exitCode = fail(ctx, Failed, error);
        return nullptr;
    }
    if (report.recovered)
        fail(ctx, Ok, report.message); // a warning line, not an error
    p->m_store = std::make_unique<LocalCache>(p->m_db.get());
    p->m_store->eventLogs()
        .upgradeSlaSnapshots(); // a failure leaves the old snapshots; the next change fixes them
    p->m_editor
        = std::make_unique<LocalEditor>(&p->m_store->tickets(), &p->m_store->referenceData(), p->m_userId);
    // Views an older console queued outside the outbox go into it once (a warning if that fails).
    if (!p->m_editor->adoptLegacyViewQueue(p->m_store->meta()))
        fail(ctx, Ok, u"saved views queued by an older version: "_qs + p->m_editor->lastError());
    if (!p->m_server.isEmpty()) {
        p->m_api = std::make_unique<ApiClient>(QUrl(p->m_server));
        p->m_api->setToken(qEnvironmentVariable("TRIAGE_TOKEN"));
        if (!p->m_api->hasToken() && !ctx.offline) {
            // The token file (login --token-file) or else the keychain.
            AccountService account(
                p->m_api.get(), ctx.profileDir, p->m_username, CredentialStore::Placement::Keychain);
            waitFor(
                &account, [&] { account.restore(); }, &AccountService::restoreFinished);
        }
        if (!p->m_api->hasToken() && needLogin && !ctx.offline) {
            *exitCode = fail(ctx, AuthRequired,
                u"no saved credentials for %1 at %2: run 'triagectl login' again"_qs.arg(
                    p->m_username, p->m_server));
            return nullptr;
        }
        p->m_sync = std::make_unique<SyncEngine>(p->m_store.get(), p->m_api.get());
    }
    *exitCode = Ok;
    return p;
}

QString resolveTicketRef(LocalCache *store, const QString &ref)
{
    QString r = ref.trimmed();
    if (r.startsWith(u'#'))
        r.remove(0, 1);
    bool isNumber = false;
    const qint64 n = r.toLongLong(&isNumber);
    if (isNumber) {
        if (const auto t = store->tickets().ticketByNumber(n))
            return t->id;
        return {};
    }
    if (isValidId(r) && store->tickets().ticket(r.toLower()))
        return r.toLower();
    return {};
}

std::optional<QString> resolveUserRef(
    LocalCache *store, const QString &ref, const QString &me, QString *error)
{
    const QString want = ref.trimmed();
    if (want == u"me"_qs)
        return me;
    if (want.isEmpty() || want == u"none"_qs || want == u"unassigned"_qs)
        return QString();
    QStringList exact, byName;
    for (const QJsonObject &u : store->referenceData().entities(u"user"_qs)) {
        const QString id = u.value(u"id"_qs).toString();
        if (id == want.toLower())
            return id;
        const QString username = u.value(u"username"_qs).toString();
        const QString email = u.value(u"email"_qs).toString();
        const QString name = u.value(u"display_name"_qs).toString();
        const QString label = u"%1 (%2)"_qs.arg(username, name);
        if (username.compare(want, Qt::CaseInsensitive) == 0 || email.compare(want, Qt::CaseInsensitive) == 0)
            exact << id + u'\n' + label;
        else if (name.compare(want, Qt::CaseInsensitive) == 0)
            byName << id + u'\n' + label;
    }
    const QStringList &found = exact.isEmpty() ? byName : exact;
    if (found.size() == 1)
        return found.first().section(u'\n', 0, 0);
    QStringList labels;
    for (const QString &f : found)
        labels << f.section(u'\n', 1);
    *error = found.isEmpty() ? u"no user '%1' in the synced directory (run 'triagectl sync'?)"_qs.arg(want)
                             : u"'%1' is ambiguous: %2"_qs.arg(want, labels.join(u", "_qs));
    return std::nullopt;
}

} // namespace triage::cli
