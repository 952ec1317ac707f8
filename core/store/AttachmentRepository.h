#pragma once

#include "domain/Attachment.h"
#include "store/CacheRepository.h"

#include <QList>
#include <QObject>

#include <optional>

namespace triage {

// Attachments' metadata as the change feed brought it (entity `attachment`, kept with the other wire
// entities, so the initial sync, the resync staging and removals need nothing of their own). The
// bytes are not here: they are downloaded on demand (core/net/AttachmentClient).
class AttachmentRepository final : public QObject, public CacheRepository
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttachmentRepository)

public:
    explicit AttachmentRepository(LocalCache &cache);
    ~AttachmentRepository() override;

    std::optional<Attachment> attachment(const QString &id) const;
    // A ticket's files, its own and its comments', oldest first.
    QList<Attachment> forTicket(const QString &ticketId) const;
    QList<Attachment> forComment(const QString &commentId) const;
};

} // namespace triage
