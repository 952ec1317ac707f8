#pragma once

// One agent's console without the widgets: its own cache, editor, API client and sync engine,
// talking to a real triaged (optionally through a FaultProxy).
#include "TriagedProcess.h"
#include "WaitFor.h"
#include "net/ApiClient.h"
#include "store/CacheDatabase.h"
#include "store/LocalCache.h"
#include "sync/LocalEditor.h"
#include "sync/SyncEngine.h"

#include <QCryptographicHash>
#include <QTemporaryDir>

#include <algorithm>
#include <memory>

namespace triage::test {

struct SyncClient {
    QTemporaryDir dir;
    std::unique_ptr<CacheDatabase> db;
    std::unique_ptr<LocalCache> store;
    std::unique_ptr<LocalEditor> editor;
    std::unique_ptr<ApiClient> api;
    std::unique_ptr<SyncEngine> engine;
    QString userId;

    // Signs in through `direct` (always straight to the server) and talks through `url`.
    bool open(const QUrl &direct, const QUrl &url, const QString &username)
    {
        TestClient login(direct);
        if (!login.login(username))
            return false;
        const HttpResult me = login.get(QStringLiteral("/api/v1/me"));
        userId = me.json().value(QStringLiteral("id")).toString();
        db = CacheDatabase::open(dir.filePath(QStringLiteral("cache.db")), nullptr, nullptr);
        store = std::make_unique<LocalCache>(db.get());
        editor = std::make_unique<LocalEditor>(&store->tickets(), &store->referenceData(), userId);
        api = std::make_unique<ApiClient>(url);
        api->setToken(QString::fromUtf8(login.token()));
        api->setTimeoutMs(10000);
        engine = std::make_unique<SyncEngine>(store.get(), api.get());
        return !userId.isEmpty();
    }
    void pointAt(const QUrl &url)
    {
        const QString token = QString::fromUtf8(api->authorization().mid(7));
        engine.reset();
        api = std::make_unique<ApiClient>(url);
        api->setToken(token);
        api->setTimeoutMs(10000);
        engine = std::make_unique<SyncEngine>(store.get(), api.get());
    }
    bool sync() { return test::waitForIdle(engine.get(), 60000); }
    ~SyncClient()
    {
        engine.reset();
        api.reset();
        editor.reset();
        store.reset();
        db.reset();
    }
};

// A digest of what an agent sees: every ticket's id, version and synced fields, sorted.
inline QByteArray stateHash(QList<QJsonObject> tickets)
{
    std::sort(tickets.begin(), tickets.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return a.value(QStringLiteral("id")).toString() < b.value(QStringLiteral("id")).toString();
    });
    QCryptographicHash h(QCryptographicHash::Sha256);
    for (const auto &t : tickets) {
        for (const auto *key :
            {"id", "number", "version", "title", "status", "priority", "assignee_id", "group_id"})
            h.addData(QByteArray(t.value(QString::fromLatin1(key)).toVariant().toString().toUtf8() + '\x1f'));
        QStringList tags;
        for (const auto &v : t.value(QStringLiteral("tags")).toArray())
            tags << v.toString();
        tags.sort();
        h.addData(QByteArray(tags.join(QLatin1Char(',')).toUtf8() + '\x1e'));
    }
    return h.result().toHex();
}

} // namespace triage::test
