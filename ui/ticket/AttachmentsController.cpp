#include "AttachmentsController.h"

#include "ThumbnailCache.h"
#include "models/AttachmentListModel.h"
#include "models/ConversationModel.h"
#include "net/AttachmentClient.h"
#include "session/ServerConnection.h"
#include "session/Session.h"
#include "store/LocalCache.h"
#include "sync/MutationCodec.h"

#include <QFile>

#include <algorithm>

namespace triage {

AttachmentsController::AttachmentsController(Session *session, QString ticketId, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_ticketId(std::move(ticketId))
    , m_model(new AttachmentListModel(this))
    , m_files(new AttachmentFiles(session->options().profileDir + u"/attachments"_qs, this))
    , m_thumbnails(new ThumbnailCache(session->options().profileDir + u"/attachments/thumbnails"_qs, this))
{
    connect(m_thumbnails, &ThumbnailCache::ready, this, [this](const QString &id, const QImage &image) {
        if (m_conversation)
            m_conversation->setThumbnail(id, image);
    });
    connect(m_thumbnails, &ThumbnailCache::failed, this, &AttachmentsController::updateConversation);
    // A file waiting for its upload is marked so until the outbox lets it go.
    connect(&session->store()->outbox(), &OutboxRepository::outboxChanged, this, [this](int) { reload(); });
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
    m_uploading.clear();
    for (const OutboxEntry &e : store->outbox().pending(100000)) {
        if (e.type == kAttachmentUploadType && e.entityId == m_ticketId)
            m_uploading.insert(e.payload.value(u"attachment"_qs).toObject().value(u"id"_qs).toString());
    }
    m_model->setAttachments(list, local, notes);
    updateConversation();
}

void AttachmentsController::setConversation(ConversationModel *conversation)
{
    m_conversation = conversation;
    updateConversation();
}

// Each comment's files for the conversation; images get their thumbnail, downloaded first when
// the profile has no copy yet (small ones only, and only with a server connection).
void AttachmentsController::updateConversation()
{
    if (!m_conversation)
        return;
    constexpr qint64 kAutoDownload = 10 * 1024 * 1024;
    QHash<QString, QList<ConversationFile>> files;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const Attachment &a = m_model->attachments().at(row);
        if (a.commentId.isEmpty())
            continue; // the ticket's own files: in the Attachments tab
        ConversationFile f;
        f.id = a.id;
        f.filename = a.filename;
        f.size = a.size;
        f.contentType = a.contentType;
        const QString local = m_model->index(row).data(AttachmentListModel::LocalPathRole).toString();
        f.state = m_uploading.contains(a.id) ? ConversationFile::State::Uploading
            : !local.isEmpty()               ? ConversationFile::State::Local
            : m_model->index(row).data(AttachmentListModel::FetchingRole).toBool()
            ? ConversationFile::State::Fetching
            : ConversationFile::State::Remote;
        f.noPreview = m_thumbnails->isBroken(a.id);
        if (f.isImage()) {
            if (!local.isEmpty())
                f.thumbnail = m_thumbnails->thumbnail(a.id, local);
            else if (f.state == ConversationFile::State::Remote && a.size <= kAutoDownload
                && !m_thumbnailFailed.contains(a.id) && client()) {
                f.state = ConversationFile::State::Fetching;
                m_model->setFetching(a.id, true);
                m_files->fetch(a, client());
            }
        }
        files[a.commentId].append(f);
    }
    // Documents first, as one-line chips, then the pictures: in a narrow pane the names stay in view
    // above the taller thumbnails.
    for (QList<ConversationFile> &list : files)
        std::stable_partition(
            list.begin(), list.end(), [](const ConversationFile &f) { return !f.isImage(); });
    m_conversation->setFiles(files);
}

void AttachmentsController::openFile(const QString &attachmentId)
{
    open(m_model->rowOf(attachmentId));
}

void AttachmentsController::saveFileAs(const QString &attachmentId, const QString &target)
{
    saveAs(m_model->rowOf(attachmentId), target);
}

QString AttachmentsController::fileName(const QString &attachmentId) const
{
    const int row = m_model->rowOf(attachmentId);
    return row < 0 ? QString() : m_model->attachments().at(row).filename;
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
    updateConversation(); // an image's thumbnail can be made now
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
    // A thumbnail's download that failed is not a problem to report: the file shows as not downloaded.
    const bool opening = m_openWhenReady.remove(id);
    const bool saving = m_saveWhenReady.remove(id);
    const bool asked = opening || saving;
    if (!asked) {
        m_thumbnailFailed.insert(id);
        updateConversation();
        return;
    }
    updateConversation();
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
