#include "MultipartUpload.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <fcntl.h>
#include <gnutls/crypto.h>
#include <microhttpd.h>
#include <unistd.h>

namespace triage::server {

namespace {

MHD_Result iterate(void *cls, MHD_ValueKind, const char *key, const char *filename, const char *,
    const char *, const char *data, uint64_t offset, size_t size)
{
    return static_cast<MultipartUpload *>(cls)->onPart(key, filename, data, offset, size) ? MHD_YES : MHD_NO;
}

// An unnamed file in the temporary directory: nothing to clean up, whatever ends the process.
int openSpool()
{
    const QByteArray dir = QFile::encodeName(QDir::tempPath());
#ifdef O_TMPFILE
    const int fd = ::open(dir.constData(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0)
        return fd;
#endif
    QByteArray path = dir + "/triaged-upload-XXXXXX";
    const int fallback = ::mkostemp(path.data(), O_CLOEXEC);
    if (fallback >= 0)
        ::unlink(path.constData());
    return fallback;
}

} // namespace

std::unique_ptr<MultipartUpload> MultipartUpload::begin(MHD_Connection *connection, qint64 fileLimit)
{
    const char *type = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    if (!type || QByteArray(type).trimmed().toLower().startsWith("multipart/form-data") == false)
        return nullptr;
    std::unique_ptr<MultipartUpload> upload(new MultipartUpload);
    upload->m_fileLimit = fileLimit;
    upload->m_processor = MHD_create_post_processor(connection, 64 * 1024, &iterate, upload.get());
    if (!upload->m_processor)
        return nullptr;
    return upload;
}

MultipartUpload::~MultipartUpload()
{
    if (m_hash)
        gnutls_hash_deinit(static_cast<gnutls_hash_hd_t>(m_hash), nullptr);
    if (m_processor)
        MHD_destroy_post_processor(m_processor);
    if (m_fd >= 0)
        ::close(m_fd);
}

void MultipartUpload::feed(const char *data, size_t size)
{
    if (m_state != State::Receiving)
        return; // decided already: the rest of the body is read and dropped
    if (MHD_post_process(m_processor, data, size) != MHD_YES && m_state == State::Receiving)
        m_state = State::Broken;
}

MultipartUpload::State MultipartUpload::finish()
{
    if (m_processor) {
        const bool clean = MHD_destroy_post_processor(m_processor) == MHD_YES;
        m_processor = nullptr;
        // libmicrohttpd skips what precedes the first boundary, so a body without any part
        // (garbage, or nothing) is only seen here.
        if (m_state == State::Receiving && (!clean || !m_sawPart))
            m_state = State::Broken;
    }
    if (m_state == State::Receiving && !m_fieldKey.isEmpty())
        m_fields.insert(QString::fromUtf8(m_fieldKey), QString::fromUtf8(m_fieldValue));
    if (m_state == State::Receiving)
        m_state = State::Complete;
    if (m_hash) {
        unsigned char digest[32];
        gnutls_hash_deinit(static_cast<gnutls_hash_hd_t>(m_hash), digest);
        m_hash = nullptr;
        if (m_state == State::Complete)
            m_sha256 = QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), 32).toHex());
    }
    return m_state;
}

bool MultipartUpload::onPart(
    const char *key, const char *filename, const char *data, quint64 offset, size_t size)
{
    m_sawPart = true;
    const QByteArray name(key ? key : "");
    if (name == "file") {
        // A new part starts at offset 0; a second one is refused (one file per request).
        if (offset == 0 && (m_fileEnded || (m_hasFile && m_fileSize > 0))) {
            m_state = State::TwoFiles;
            return false;
        }
        if (!m_hasFile) {
            m_hasFile = true;
            m_filename = QString::fromUtf8(filename ? filename : "");
            m_fd = openSpool();
            gnutls_hash_hd_t hash = nullptr;
            if (m_fd < 0 || gnutls_hash_init(&hash, GNUTLS_DIG_SHA256) != 0) {
                m_state = State::SpoolFailed;
                return false;
            }
            m_hash = hash;
        }
        if (m_fileSize + static_cast<qint64>(size) > m_fileLimit) {
            m_state = State::TooLarge;
            ::close(m_fd); // the spooled bytes go at once, not when the body ends
            m_fd = -1;
            return false;
        }
        return spool(data, size);
    }
    if (m_hasFile)
        m_fileEnded = true;
    m_fieldBytes += static_cast<qint64>(name.size() + size);
    if (m_fieldBytes > kMaxFieldBytes) {
        m_state = State::FieldsTooLarge;
        return false;
    }
    if (offset == 0 || name != m_fieldKey) {
        if (!m_fieldKey.isEmpty())
            m_fields.insert(QString::fromUtf8(m_fieldKey), QString::fromUtf8(m_fieldValue));
        m_fieldKey = name;
        m_fieldValue.clear();
    }
    m_fieldValue.append(data, static_cast<qsizetype>(size));
    return true;
}

bool MultipartUpload::spool(const char *data, size_t size)
{
    // Hashed here, on the connection's thread while the client is still sending, instead of after
    // the body ended (it was a fifth of the server's time in an upload).
    gnutls_hash(static_cast<gnutls_hash_hd_t>(m_hash), data, size);
    while (size > 0) {
        const ssize_t n = ::write(m_fd, data, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            m_state = State::SpoolFailed;
            return false;
        }
        data += n;
        size -= static_cast<size_t>(n);
        m_fileSize += n;
    }
    return true;
}

std::unique_ptr<QIODevice> MultipartUpload::openFile() const
{
    if (m_fd < 0)
        return nullptr;
    // A descriptor of its own (the offset is shared, so start from the beginning).
    const int fd = ::dup(m_fd);
    if (fd < 0 || ::lseek(fd, 0, SEEK_SET) != 0) {
        if (fd >= 0)
            ::close(fd);
        return nullptr;
    }
    auto file = std::make_unique<QFile>();
    if (!file->open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return nullptr;
    }
    return file;
}

} // namespace triage::server
