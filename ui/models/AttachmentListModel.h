#pragma once

#include "domain/Attachment.h"

#include <QAbstractListModel>
#include <QHash>
#include <QSet>

namespace triage {

// A ticket's files as the cache knows them (metadata from the change feed): "scan.png · 120 KB ·
// on an internal note", with whether the profile holds a copy (downloaded: opens offline).
class AttachmentListModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttachmentListModel)

public:
    enum Role {
        AttachmentIdRole = Qt::UserRole + 1,
        LocalPathRole, // QString: the profile's copy, empty when not downloaded
        FetchingRole, // bool: a download is under way
    };
    explicit AttachmentListModel(QObject *parent = nullptr);
    ~AttachmentListModel() override;

    // `notes`: ids of this ticket's internal notes (their files are marked so).
    void setAttachments(const QList<Attachment> &attachments, const QHash<QString, QString> &localPaths,
        const QSet<QString> &notes);
    void setLocalPath(const QString &attachmentId, const QString &path);
    void setFetching(const QString &attachmentId, bool fetching);
    const QList<Attachment> &attachments() const { return m_rows; }
    int rowOf(const QString &attachmentId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QList<Attachment> m_rows;
    QHash<QString, QString> m_localPaths;
    QSet<QString> m_notes;
    QSet<QString> m_fetching;
};

} // namespace triage
