#include "Session.h"

#include "DemoAttachments.h"
#include "ServerConnection.h"
#include "SyncStatus.h"
#include "common/Texts.h"
#include "demo/DemoGenerator.h"
#include "domain/Time.h"
#include "models/TicketCache.h"
#include "store/LocalCache.h"
#include "sync/LocalEditor.h"
#include "sync/MutationCodec.h"
#include "sync/SyncEngine.h"

#include <QDir>
#include <QJsonDocument>
#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcUi, "triage.ui")

namespace triage {

Session::Session(SessionOptions options)
    : m_options(std::move(options))
{ }

Session::~Session()
{
    // The sync status and the engine use the store: they go first. Models hold pointers into the
    // cache: drop it before the store and the database.
    delete m_sync;
    m_sync = nullptr;
    delete m_connection;
    m_connection = nullptr;
    m_cache.reset();
    m_editor.reset();
    m_store.reset();
    m_db.reset();
}

std::unique_ptr<Session> Session::open(const SessionOptions &options, QString *error)
{
    std::unique_ptr<Session> s(new Session(options));
    if (!QDir().mkpath(options.profileDir)) {
        *error = tr("Cannot create the profile folder %1.").arg(options.profileDir);
        return nullptr;
    }
    const QString dbPath = QDir(options.profileDir).filePath(u"cache.sqlite"_qs);
    QString dbError;
    s->m_db = CacheDatabase::open(dbPath, &s->m_report, &dbError);
    if (!s->m_db && s->m_report.diskFull) {
        *error = tr("The disk is full, so the local cache %1 cannot be opened. Free some space on this "
                    "computer and try again; nothing was changed.")
                     .arg(dbPath);
        return nullptr;
    }
    if (!s->m_db) {
        *error = tr("Cannot open the local cache %1: %2").arg(dbPath, dbError);
        return nullptr;
    }
    s->m_store = std::make_unique<LocalCache>(s->m_db.get());
    if (!s->m_store->eventLogs().upgradeSlaSnapshots())
        qCWarning(lcUi) << "SLA snapshots:" << s->m_store->lastError();
    if (options.demoCache > 0 && s->m_store->tickets().ticketCount() == 0) {
        QString demoError;
        if (!fillDemoCache(s->m_store.get(), options.demoCache, options.demoNow ? options.demoNow : nowMs(),
                &demoError, options.demoCommentsPerTicket, options.profileDir + u"/attachments"_qs))
            qCWarning(lcUi) << "demo cache:" << demoError;
    }
    s->m_settings = std::make_unique<QSettings>(
        QDir(options.profileDir).filePath(u"settings.ini"_qs), QSettings::IniFormat);
    if (!options.serverUrl.isEmpty())
        s->m_store->meta().setValue(u"server_url"_qs, options.serverUrl);
    QString userName = options.userName;
    if (userName.isEmpty())
        userName = s->m_store->meta().value(u"user_name"_qs);
    else
        s->m_store->meta().setValue(u"user_name"_qs, userName);

    s->m_directory.load(s->m_store->referenceData());
    if (const auto *me = s->m_directory.userByName(userName))
        s->m_userId = me->id;
    else
        s->m_userId = s->m_store->meta().value(u"user_id"_qs); // signed in before the directory synced
    s->m_editor
        = std::make_unique<LocalEditor>(&s->m_store->tickets(), &s->m_store->referenceData(), s->m_userId);
    // Views an older version queued outside the outbox go into it once.
    if (!s->m_editor->adoptLegacyViewQueue(s->m_store->meta()))
        qCWarning(lcUi) << "saved views queued by an older version:" << s->m_editor->lastError();
    s->m_cache = std::make_unique<TicketCache>(s->m_store.get(), &s->m_directory);
    s->m_cache->reload();
    s->m_sync
        = new LocalSyncStatus(&s->m_store->outbox(), s->m_store->meta().value(u"server_url"_qs), s.get());
    Session *raw = s.get();
    ReferenceData *referenceData = &s->m_store->referenceData();
    connect(referenceData, &ReferenceData::entitiesChanged, raw, [raw](const QStringList &kinds) {
        if (kinds.contains(u"user"_qs) || kinds.contains(u"group"_qs)) {
            raw->m_directory.load(raw->m_store->referenceData());
            raw->m_cache->reload(); // rows refer to directory entries
            raw->updateAccess();
        }
        Q_EMIT raw->contentChanged();
    });
    s->updateAccess();
    return s;
}

void Session::attachServer(ServerConnection *connection)
{
    connection->setParent(this);
    m_connection = connection;
    const QString id = connection->user().value(u"id"_qs).toString();
    if (!id.isEmpty() && id != m_userId) {
        m_userId = id;
        m_editor->setUserId(id);
    }
    updateAccess(); // the role the server gave at sign-in
    setSyncStatus(new EngineSyncStatus(connection->engine(), m_store.get()));
    connect(connection->engine(), &SyncEngine::viewRefused, this,
        [this](const QString &name, const QJsonObject &problem) {
            Q_EMIT viewRefused(
                name, Texts::refusalFromProblem(problem).value_or(problem.value(u"detail"_qs).toString()));
        });
    connect(connection->engine(), &SyncEngine::uploadRefused, this,
        [this](const QString &name, const QJsonObject &problem) {
            const QString type = problem.value(u"type"_qs).toString();
            const QString reason = type.endsWith(u"file-too-large"_qs) ? tr("too large for the server")
                : type.endsWith(u"not-found"_qs)                       ? tr("the ticket is no longer there")
                : type == u"file-missing"_qs                           ? tr("its copy in the profile is gone")
                                             : problem.value(u"title"_qs).toString();
            Q_EMIT uploadRefused(name, reason);
        });
    connection->start();
}

void Session::setSyncStatus(SyncStatusSource *status)
{
    if (!status || status == m_sync)
        return;
    status->setParent(this);
    delete m_sync;
    m_sync = status;
    Q_EMIT syncStatusChanged();
}

QString Session::userDisplayName() const
{
    const quint16 i = m_directory.findUser(m_userId);
    return i ? m_directory.user(i).displayName : QString();
}

QList<SavedView> Session::views() const
{
    QList<SavedView> out;
    for (const auto &o : m_store->referenceData().entities(u"view"_qs)) {
        FieldErrors errors;
        if (auto v = SavedView::fromJson(o, &errors); v && (v->ownerId.isEmpty() || v->ownerId == m_userId))
            out << *v;
    }
    std::sort(out.begin(), out.end(),
        [](const SavedView &a, const SavedView &b) { return a.position < b.position; });
    if (out.isEmpty()) {
        // A fresh cache still gets a useful sidebar.
        SavedView all;
        all.id = u"local-all"_qs;
        all.name = tr("All tickets");
        out << all;
    }
    return out;
}

QList<Board> Session::boards() const
{
    QList<Board> out;
    for (const auto &o : m_store->referenceData().entities(u"board"_qs)) {
        FieldErrors errors;
        if (auto b = Board::fromJson(o, &errors))
            out << *b;
    }
    if (out.isEmpty())
        out << Board::defaultBoard(u"local-board"_qs, tr("Support"));
    return out;
}

bool Session::saveView(const SavedView &view)
{
    if (m_readOnly)
        return false; // the server refuses a viewer's writes, views included
    return m_editor->saveView(view);
}

bool Session::deleteView(const QString &viewId)
{
    if (m_readOnly)
        return false;
    return m_editor->deleteView(viewId);
}

QStringList Session::pendingViewIds() const
{
    QStringList ids;
    for (const OutboxEntry &e : m_store->outbox().pending(100000)) {
        if (isViewMutation(e.type) && !ids.contains(e.entityId))
            ids << e.entityId;
    }
    return ids;
}

UserRole Session::role() const
{
    std::optional<UserRole> role;
    if (m_connection)
        role = userRoleFromWire(m_connection->user().value(u"role"_qs).toString());
    if (!role) {
        const quint16 me = m_directory.findUser(m_userId);
        role = me ? m_directory.user(me).role : UserRole::Agent;
    }
    return *role;
}

void Session::updateAccess()
{
    const bool readOnly = role() == UserRole::Viewer;
    if (readOnly == m_readOnly)
        return;
    m_readOnly = readOnly;
    Q_EMIT accessChanged(readOnly);
}

bool Session::canShareViews() const
{
    const UserRole r = role();
    return r == UserRole::Lead || r == UserRole::Admin;
}

bool Session::canEditView(const SavedView &view) const
{
    if (m_readOnly)
        return false;
    return view.ownerId.isEmpty() ? canShareViews() : view.ownerId == m_userId;
}

bool fillDemoCache(LocalCache *store, qint64 count, qint64 endMs, QString *error, int commentsPerTicket,
    const QString &attachmentsDir)
{
    DemoGenerator gen;
    gen.setCommentsPerTicket(commentsPerTicket);
    const auto &org = gen.organisation();
    QList<QJsonObject> users, groups, boards, views;
    for (const auto &u : org.users)
        users << u.toJson();
    for (const auto &g : org.groups)
        groups << g.toJson();
    for (const auto &b : org.boards)
        boards << b.toJson();
    for (const auto &v : org.views)
        views << v.toJson();
    if (!store->referenceData().putEntities(u"user"_qs, users)
        || !store->referenceData().putEntities(u"group"_qs, groups)
        || !store->referenceData().putEntities(u"board"_qs, boards)
        || !store->referenceData().putEntities(u"view"_qs, views)) {
        *error = store->lastError();
        return false;
    }
    // About 300 tickets a day: the newest are the live backlog, the old ones history.
    gen.setTimeline(count, endMs, static_cast<int>(std::max<qint64>(3, count / 300)), 6);
    if (!store->syncWriter().beginBulk()) {
        *error = store->lastError();
        return false;
    }
    QList<Ticket> tickets;
    QList<Comment> comments;
    QHash<QString, QList<TicketEvent>> history;
    auto flush = [&] {
        const bool ok = store->syncWriter().bulkInsert(tickets, comments, history);
        tickets.clear();
        comments.clear();
        history.clear();
        return ok;
    };
    bool ok = true;
    QList<std::pair<qint64, Comment>> mailReplies; // updated_at of the ticket, its requester's reply
    gen.generate(count, [&](const Ticket &t, const QList<Comment> &c) {
        tickets << t;
        comments << c;
        for (const Comment &reply : c) {
            if (!attachmentsDir.isEmpty() && isDemoAttachmentReply(t, reply)) {
                mailReplies.append({t.updatedAt, reply});
                break;
            }
        }
        history.insert(t.id, gen.history(t, c)); // real SLA timers and a history tab offline
        if (tickets.size() >= 2000 && ok)
            ok = flush();
    });
    if (ok)
        ok = flush();
    ok = store->syncWriter().endBulk() && ok;
    if (!ok) {
        *error = store->lastError();
        return false;
    }
    // Files on the open mail tickets updated last (the live backlog an agent opens), a bounded number:
    // a 100,000-ticket bench profile does not get 10,000 files.
    constexpr qsizetype kWithFiles = 150;
    std::sort(mailReplies.begin(), mailReplies.end(),
        [](const auto &a, const auto &b) { return a.first > b.first; });
    QList<Comment> replies;
    for (qsizetype i = 0; i < std::min(kWithFiles, mailReplies.size()); ++i)
        replies << mailReplies.at(i).second;
    return replies.isEmpty() || addDemoAttachments(store, attachmentsDir, replies, error);
}

} // namespace triage
