#pragma once

#include <QHash>
#include <QImage>
#include <QObject>
#include <QSet>
#include <QString>
#include <QThreadPool>

namespace triage {

// Thumbnails of image attachments: scaled once from the profile's copy on a worker thread (the GUI
// never waits for a decode), kept as `<dir>/<attachment id>.png` so the next time only that small
// file is read (also off the GUI thread), and held in memory while the cache lives.
class ThumbnailCache final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThumbnailCache)

public:
    static constexpr int kMaxWidth = 200;
    static constexpr int kMaxHeight = 140;

    explicit ThumbnailCache(QString directory, QObject *parent = nullptr);
    ~ThumbnailCache() override;

    // The thumbnail when it is in memory; otherwise null, and a request starts (ready() or failed()
    // follows, never inside this call). `source`: the profile's copy of the image.
    QImage thumbnail(const QString &attachmentId, const QString &source);
    bool isPending(const QString &attachmentId) const { return m_pending.contains(attachmentId); }
    // The file did not decode as a picture (not tried again).
    bool isBroken(const QString &attachmentId) const { return m_broken.contains(attachmentId); }
    // Scales `source` to fit kMaxWidth × kMaxHeight (never enlarged); null when it is not an image.
    // Safe on any thread.
    static QImage scale(const QString &source);

Q_SIGNALS:
    void ready(const QString &attachmentId, const QImage &thumbnail);
    void failed(const QString &attachmentId);

private:
    void finished(const QString &attachmentId, const QImage &thumbnail);

    QString m_dir;
    QThreadPool m_pool;
    QHash<QString, QImage> m_images;
    QSet<QString> m_pending;
    QSet<QString> m_broken; // not decodable: not tried again
};

} // namespace triage
