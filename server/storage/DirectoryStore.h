#pragma once

#include "ServerDatabase.h"
#include "domain/Board.h"
#include "domain/Directory.h"
#include "domain/TicketFilter.h"

#include <optional>

namespace triage::server {

struct StoredUser {
    User user;
    QString passwordHash; // Argon2id string; empty = cannot sign in
};

// Users, groups, boards and saved views. Same transaction rules as ServerTicketStore.
class DirectoryStore
{
public:
    explicit DirectoryStore(ServerDatabase &db)
        : m_db(db)
    { }

    std::optional<StoredUser> userById(const QString &id);
    std::optional<StoredUser> userByName(const QString &username);
    QList<User> users();
    void upsertUser(const User &user, const QString &passwordHash, qint64 seq);
    void setPasswordHash(const QString &userId, const QString &hash);

    std::optional<Group> group(const QString &id);
    QList<Group> groups();
    QStringList groupsLedBy(const QString &userId);
    void upsertGroup(const Group &group, qint64 seq);

    std::optional<Board> board(const QString &id);
    QList<Board> boards();
    void upsertBoard(const Board &board, qint64 seq);
    void deleteBoard(const QString &id, qint64 seq);

    std::optional<SavedView> view(const QString &id);
    QList<SavedView> views();
    void upsertView(const SavedView &view, qint64 seq);
    void deleteView(const QString &id, qint64 seq);

    // Calendars and SLA policies: {"id", "name", "calendar"|"policy": {...}} documents by kind.
    QList<QJsonObject> configDocs(const QString &kind);
    std::optional<QJsonObject> configDoc(const QString &kind, const QString &id);
    void upsertConfigDoc(const QString &kind, const QJsonObject &doc, qint64 seq);
    void deleteConfigDoc(const QString &kind, const QString &id, qint64 seq);

    // Whether anything was written after change sequence `seq`: calendars, SLA policies or groups
    // (what every ticket's SLA depends on); users.
    bool slaReferenceChangedSince(qint64 seq);
    bool usersChangedSince(qint64 seq);

private:
    ServerDatabase &m_db;
};

} // namespace triage::server
