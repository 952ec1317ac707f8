#pragma once

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>

namespace triage {

class ApiClient;
class LocalCache;

// Saved views between the cache and the server. A view is stored locally at once and uploaded
// (PUT /views/{id}) when signed in; views not uploaded yet stay pending (meta "pending_views") and
// go at the next sign-in. A view the server refuses goes back to the version it last accepted.
//
// Why not the outbox like ticket changes: POST /mutations has no view mutation yet, and an outbox
// row the server never sees would open a gap in client_seq (409 mutation-gap). See
// docs/architecture.md, "Accounts and services".
class SavedViewSync final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SavedViewSync)

public:
    explicit SavedViewSync(LocalCache *store, QObject *parent = nullptr);
    ~SavedViewSync() override;

    // The signed-in account's client (null = not signed in): pending views go when one is set.
    void setClient(ApiClient *api);
    // Stores `view` (a SavedView's JSON) locally and uploads it when signed in.
    bool save(const QJsonObject &view);
    QStringList pendingIds() const;
    void uploadPending();

Q_SIGNALS:
    // The server refused a view change (e.g. sharing without the right); the local copy went back.
    void refused(const QString &viewName, const QString &reason);

private:
    LocalCache *m_store;
    QPointer<ApiClient> m_api;
};

} // namespace triage
