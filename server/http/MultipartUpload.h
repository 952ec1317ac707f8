#pragma once

#include <QHash>
#include <QString>

#include <memory>

class QIODevice;
struct MHD_Connection;
struct MHD_PostProcessor;

namespace triage::server {

// A multipart/form-data request body on its way in (HttpOptions::uploadLimit): libmicrohttpd's
// post processor parses it as it arrives, the `file` part goes to an unnamed temporary file (gone
// when the request ends, a crash included) and the other fields stay in memory (small, bounded).
// Memory does not grow with the file. Handlers read the result through HttpRequest::upload.
class MultipartUpload
{
public:
    enum class State {
        Receiving,
        Complete,
        TooLarge, // the file part passed fileLimit: the rest of the body is discarded
        Broken, // not multipart/form-data as RFC 7578 says (or cut short)
        TwoFiles, // more than one `file` part
        FieldsTooLarge, // the other fields passed kMaxFieldBytes
        SpoolFailed, // the temporary file could not be written (disk full)
    };
    static constexpr qint64 kMaxFieldBytes = 16 * 1024;

    // nullptr when the request is not multipart/form-data (libmicrohttpd finds no boundary).
    static std::unique_ptr<MultipartUpload> begin(MHD_Connection *connection, qint64 fileLimit);
    ~MultipartUpload();
    MultipartUpload(const MultipartUpload &) = delete;
    MultipartUpload &operator=(const MultipartUpload &) = delete;

    // HTTP layer: every piece of the body in order, then finish() once at its end.
    void feed(const char *data, size_t size);
    State finish();
    State state() const { return m_state; }
    qint64 fileLimit() const { return m_fileLimit; }

    // Handlers (after Complete).
    bool hasFile() const { return m_hasFile; }
    QString filename() const { return m_filename; } // as sent (not yet a safe base name)
    qint64 fileSize() const { return m_fileSize; }
    // The file part's SHA-256 (hex), computed as it arrived: storing it need not read it twice.
    QString fileSha256() const { return m_sha256; }
    QString field(const QString &name) const { return m_fields.value(name); }
    bool hasField(const QString &name) const { return m_fields.contains(name); }
    // The file part from its first byte; nullptr if it cannot be reopened.
    std::unique_ptr<QIODevice> openFile() const;

    // libmicrohttpd's iterator (internal).
    bool onPart(const char *key, const char *filename, const char *data, quint64 offset, size_t size);

private:
    MultipartUpload() = default;
    bool spool(const char *data, size_t size);

    MHD_PostProcessor *m_processor = nullptr;
    State m_state = State::Receiving;
    qint64 m_fileLimit = 0;
    int m_fd = -1;
    bool m_hasFile = false;
    bool m_fileEnded = false; // another part came after the file
    bool m_sawPart = false; // libmicrohttpd found at least one part (garbage has none)
    QString m_filename;
    qint64 m_fileSize = 0;
    QByteArray m_fieldKey;
    QByteArray m_fieldValue;
    qint64 m_fieldBytes = 0;
    QHash<QString, QString> m_fields;
    void *m_hash = nullptr; // gnutls_hash_hd_t of the file part (kept out of this header)
    QString m_sha256;
};

} // namespace triage::server
