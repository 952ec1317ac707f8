#include "AttachmentsController.h"

#include "models/AttachmentListModel.h"
#include "net/AttachmentClient.h"
#include "session/ServerConnection.h"
#include "session/Session.h"
#include "store/LocalCache.h"

#include <QFile>

namespace triage {

AttachmentsController::AttachmentsController(Session *session, QString ticketId, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_ticketId(std::move(ticketId))
    , m_model(new AttachmentListModel(this))
    , m_files(new AttachmentFiles(session->options().profileDir + u"/attachments"_qs, this))
{
    connect(m_files, &AttachmentFiles::fetched, this, &AttachmentsController::onFetched);
    connect(m_files, &AttachmentFiles::failed, this, &AttachmentsController::onFailed);
    // Attachments arrive with the change feed as entities; comments tell notes from replies.
    connect(&session->store()->referenceData(), &ReferenceData::entitiesChanged, this,
        [this](const QStringList &kinds) {
            if (kinds.contains(u"attachment"_qs))
                reload();
        });
    connect(&session->store()->tickets(), &TicketRepository::commentsAdded, this, [this](const QString &id) {
        if (id == m_ticketId)
            reload();
    });
    reload();
}

AttachmentsController::~AttachmentsController() = default;

void AttachmentsController::reload()
{
    LocalCache *store = m_session->store();
    const QList<Attachment> list = store->attachments().forTicket(m_ticketId);
    QHash<QString, QString> local;
    for (const Attachment &a : list) {
        if (const QString path = m_files->localPath(a); !path.isEmpty())
            local.insert(a.id, path);
    }
    QSet<QString> notes;
    for (const Comment &c : store->tickets().comments(m_ticketId)) {
        if (!c.isPublic)
            notes.insert(c.id);
    }
    m_model->setAttachments(list, local, notes);
}

AttachmentClient *AttachmentsController::client()
{
    ServerConnection *connection = m_session->connection();
    ApiClient *api = connection ? connection->api() : nullptr;
    if (!api || !api->hasToken())
        return nullptr;
    if (m_clientApi != api) {
        m_client = std::make_unique<AttachmentClient>(api);
        m_clientApi = api;
    }
    return m_client.get();
}

void AttachmentsController::fetch(int row)
{
    const Attachment &a = m_model->attachments().at(row);
    if (m_files->localPath(a).isEmpty())
        m_model->setFetching(a.id, true);
    m_files->fetch(a, client());
}

void AttachmentsController::open(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    m_openWhenReady.insert(m_model->attachments().at(row).id);
    fetch(row);
}

void AttachmentsController::saveAs(int row, const QString &target)
{
    if (row < 0 || row >= m_model->rowCount() || target.isEmpty())
        return;
    m_saveWhenReady.insert(m_model->attachments().at(row).id, target);
    fetch(row);
}

void AttachmentsController::onFetched(const QString &id, const QString &path)
{
    m_model->setLocalPath(id, path);
    if (m_openWhenReady.remove(id))
        Q_EMIT openReady(path);
    const QString target = m_saveWhenReady.take(id);
    if (target.isEmpty())
        return;
    if (QFile::exists(target))
        QFile::remove(target); // the save dialog already asked about replacing it
    if (QFile::copy(path, target))
        Q_EMIT saved(target);
    else
        Q_EMIT problem(tr("Could not save the file as %1.").arg(target));
}

void AttachmentsController::onFailed(
    const QString &id, AttachmentFiles::Problem problem, const QString &detail)
{
    m_model->setFetching(id, false);
    m_openWhenReady.remove(id);
    m_saveWhenReady.remove(id);
    switch (problem) {
    case AttachmentFiles::Problem::Offline:
        Q_EMIT this->problem(tr("This file was not downloaded yet; connect to the server to get it."));
        break;
    case AttachmentFiles::Problem::CannotWrite:
        Q_EMIT this->problem(tr("Could not store the file in the profile: %1").arg(detail));
        break;
    case AttachmentFiles::Problem::Download:
        Q_EMIT this->problem(tr("The download failed: %1").arg(detail));
        break;
    }
}

} // namespace triage
