#include "MimeParser.h"

#include "HtmlText.h"

#include <QCryptographicHash>

#include <gmime/gmime.h>
#include <mutex>

namespace triage::server {

namespace {

void initGMime()
{
    static std::once_flag once;
    std::call_once(once, [] { g_mime_init(); });
}

// Owns a GObject reference.
template<typename T> struct Ref {
    T *p = nullptr;
    explicit Ref(T *ptr)
        : p(ptr)
    { }
    ~Ref()
    {
        if (p)
            g_object_unref(p);
    }
    Ref(const Ref &) = delete;
    Ref &operator=(const Ref &) = delete;
};

QString fromUtf8(const char *s)
{
    return s ? QString::fromUtf8(s) : QString();
}

QString header(GMimeObject *o, const char *name)
{
    return fromUtf8(g_mime_object_get_header(o, name)).trimmed();
}

QStringList messageIds(const char *text)
{
    QStringList out;
    if (!text)
        return out;
    GMimeReferences *refs = g_mime_references_parse(nullptr, text);
    if (!refs)
        return out;
    for (int i = 0; i < g_mime_references_length(refs); ++i)
        out << fromUtf8(g_mime_references_get_message_id(refs, i));
    g_mime_references_free(refs);
    return out;
}

// A part's content with its transfer encoding (base64, quoted-printable) undone.
QByteArray decodedBytes(GMimePart *part)
{
    GMimeDataWrapper *content = g_mime_part_get_content(part);
    if (!content)
        return {};
    Ref<GMimeStream> mem(g_mime_stream_mem_new());
    g_mime_data_wrapper_write_to_stream(content, mem.p);
    GByteArray *bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.p));
    return QByteArray(reinterpret_cast<const char *>(bytes->data), qsizetype(bytes->len));
}

// `bytes` in `charset` as UTF-8 through GMime's iconv filter; nullopt when the charset is unknown.
std::optional<QString> convert(const QByteArray &bytes, const char *charset)
{
    GMimeFilter *filter = g_mime_filter_charset_new(charset, "UTF-8");
    if (!filter)
        return std::nullopt;
    Ref<GMimeStream> mem(g_mime_stream_mem_new());
    Ref<GMimeStream> filtered(g_mime_stream_filter_new(mem.p));
    g_mime_stream_filter_add(GMIME_STREAM_FILTER(filtered.p), filter);
    g_object_unref(filter);
    g_mime_stream_write(filtered.p, bytes.constData(), size_t(bytes.size()));
    g_mime_stream_flush(filtered.p);
    GByteArray *out = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.p));
    return QString::fromUtf8(reinterpret_cast<const char *>(out->data), qsizetype(out->len));
}

bool isValidUtf8(const QByteArray &bytes)
{
    return g_utf8_validate(bytes.constData(), bytes.size(), nullptr);
}

bool isAscii(const QByteArray &bytes)
{
    for (const char c : bytes) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    }
    return true;
}

struct Walk {
    const MimeParser::Options &options;
    QStringList plain;
    QStringList html;
    QList<InboundAttachment> attachments;
    QStringList problems;

    QString text(GMimePart *part, const QByteArray &bytes)
    {
        const char *charset = g_mime_object_get_content_type_parameter(GMIME_OBJECT(part), "charset");
        const bool declared = charset && g_ascii_strcasecmp(charset, "us-ascii") != 0;
        if (declared && !(g_ascii_strcasecmp(charset, "utf-8") == 0 && !isValidUtf8(bytes))) {
            if (auto s = convert(bytes, charset))
                return *s;
            problems << u"unknown charset %1"_qs.arg(QString::fromLatin1(charset).left(40));
        }
        // Undeclared (or us-ascii that is not): valid UTF-8 as such, else the configured fallback.
        if (isAscii(bytes) || isValidUtf8(bytes))
            return QString::fromUtf8(bytes);
        if (auto s = convert(bytes, options.fallbackCharset.toLatin1().constData()))
            return *s;
        return QString::fromLatin1(bytes);
    }

    void visit(GMimeObject *object)
    {
        if (GMIME_IS_MESSAGE_PART(object)) {
            // A forwarded message travels as a file (.eml), whole.
            GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
            Ref<GMimeStream> mem(g_mime_stream_mem_new());
            if (inner)
                g_mime_object_write_to_stream(GMIME_OBJECT(inner), nullptr, mem.p);
            GByteArray *bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.p));
            QString name = inner ? fromUtf8(g_mime_message_get_subject(inner)).left(100) : QString();
            name.replace(u'/', u'_').replace(u'\\', u'_');
            attachments.append(
                {(name.isEmpty() ? u"message"_qs : name) + u".eml"_qs, u"message/rfc822"_qs, QString(), false,
                    QByteArray(reinterpret_cast<const char *>(bytes->data), qsizetype(bytes->len))});
            return;
        }
        if (!GMIME_IS_PART(object))
            return;
        GMimePart *part = GMIME_PART(object);
        GMimeContentType *type = g_mime_object_get_content_type(object);
        char *mime = type ? g_mime_content_type_get_mime_type(type) : nullptr;
        const QString mimeType = mime ? QString::fromUtf8(mime).toLower() : u"text/plain"_qs;
        g_free(mime);
        const QString disposition = fromUtf8(g_mime_object_get_disposition(object)).toLower();
        QString filename = fromUtf8(g_mime_part_get_filename(part)).trimmed();
        const bool isText = mimeType == u"text/plain"_qs || mimeType == u"text/html"_qs;
        const QByteArray bytes = decodedBytes(part);
        if (isText && disposition != u"attachment"_qs && filename.isEmpty()) {
            const QString t = text(part, bytes);
            if (mimeType == u"text/plain"_qs)
                plain << t;
            else
                html << htmlToText(t.toUtf8());
            return;
        }
        // Only a base name: a file name is never a path.
        filename = filename.section(u'/', -1).section(u'\\', -1);
        if (filename.isEmpty() || filename == u"."_qs || filename == u".."_qs)
            filename = u"attachment"_qs;
        attachments.append({filename, mimeType, fromUtf8(g_mime_part_get_content_id(part)),
            disposition == u"inline"_qs, bytes});
    }

    static void each(GMimeObject *, GMimeObject *part, gpointer self)
    {
        static_cast<Walk *>(self)->visit(part);
    }
};

AutoKind automaticKind(GMimeMessage *msg)
{
    GMimeObject *o = GMIME_OBJECT(msg);
    GMimeObject *body = g_mime_message_get_mime_part(msg);
    GMimeContentType *type = body ? g_mime_object_get_content_type(body) : nullptr;
    if ((type && g_mime_content_type_is_type(type, "multipart", "report"))
        || (g_mime_object_get_header(o, "Return-Path") && header(o, "Return-Path") == u"<>"_qs))
        return AutoKind::Bounce;
    const QString autoSubmitted = header(o, "Auto-Submitted").section(u';', 0, 0).trimmed().toLower();
    if (autoSubmitted == u"auto-replied"_qs || g_mime_object_get_header(o, "X-Autoreply")
        || g_mime_object_get_header(o, "X-Autorespond"))
        return AutoKind::AutoReplied;
    const QString precedence = header(o, "Precedence").toLower();
    if (precedence == u"auto_reply"_qs)
        return AutoKind::AutoReplied;
    if (!autoSubmitted.isEmpty() && autoSubmitted != u"no"_qs)
        return AutoKind::AutoGenerated;
    if (precedence == u"bulk"_qs || precedence == u"list"_qs || precedence == u"junk"_qs
        || g_mime_object_get_header(o, "List-Id"))
        return AutoKind::Bulk;
    return AutoKind::None;
}

} // namespace

MimeParser::MimeParser()
    : MimeParser(Options {})
{ }

MimeParser::MimeParser(Options options)
    : m_options(std::move(options))
{
    initGMime();
}

std::optional<InboundMessage> MimeParser::parse(QByteArrayView raw, QString *error) const
{
    const auto fail = [error](const QString &why) -> std::optional<InboundMessage> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (raw.isEmpty())
        return fail(u"empty message"_qs);
    if (raw.size() > m_options.maxBytes)
        return fail(
            u"message of %1 bytes is over the %2-byte limit"_qs.arg(raw.size()).arg(m_options.maxBytes));

    GMimeParserOptions *popts = g_mime_parser_options_new();
    const QByteArray fallback = m_options.fallbackCharset.toLatin1();
    const char *charsets[] = {"UTF-8", fallback.constData(), nullptr};
    g_mime_parser_options_set_fallback_charsets(popts, charsets);
    Ref<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), size_t(raw.size())));
    Ref<GMimeParser> parser(g_mime_parser_new_with_stream(stream.p));
    Ref<GMimeMessage> msg(g_mime_parser_construct_message(parser.p, popts));
    g_mime_parser_options_free(popts);
    if (!msg.p)
        return fail(u"not a MIME message"_qs);

    InboundMessage m;
    GMimeObject *o = GMIME_OBJECT(msg.p);
    m.externalId = fromUtf8(g_mime_message_get_message_id(msg.p)).trimmed();
    m.replyTo = messageIds(g_mime_object_get_header(o, "In-Reply-To"));
    QStringList references = messageIds(g_mime_object_get_header(o, "References"));
    std::reverse(references.begin(), references.end()); // the newest (the direct parent) first
    for (const QString &id : std::as_const(references)) {
        if (!m.replyTo.contains(id))
            m.replyTo << id;
    }
    if (InternetAddressList *from = g_mime_message_get_from(msg.p);
        from && internet_address_list_length(from) > 0) {
        InternetAddress *ia = internet_address_list_get_address(from, 0);
        if (INTERNET_ADDRESS_IS_MAILBOX(ia))
            m.fromAddress
                = fromUtf8(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia))).toLower();
        m.fromName = fromUtf8(internet_address_get_name(ia)).trimmed();
    }
    m.subject = fromUtf8(g_mime_message_get_subject(msg.p)).simplified();
    if (GDateTime *date = g_mime_message_get_date(msg.p))
        m.sentAt = qint64(g_date_time_to_unix(date)) * 1000;
    m.automatic = automaticKind(msg.p);

    Walk walk {m_options, {}, {}, {}, {}};
    if (GMimeObject *body = g_mime_message_get_mime_part(msg.p)) {
        if (GMIME_IS_MULTIPART(body))
            g_mime_multipart_foreach(GMIME_MULTIPART(body), &Walk::each, &walk);
        else
            walk.visit(body);
    }
    m.text = (walk.plain.isEmpty() ? walk.html : walk.plain).join(u"\n"_qs).trimmed();
    m.text.replace(u"\r\n"_qs, u"\n"_qs);
    m.attachments = std::move(walk.attachments);
    m.problems = std::move(walk.problems);
    if (m.externalId.isEmpty())
        m.problems << u"no Message-ID"_qs;
    return m;
}

QString MimeParser::messageKey(QByteArrayView raw)
{
    initGMime();
    qsizetype end = raw.indexOf(QByteArrayView("\r\n\r\n"));
    if (end < 0)
        end = raw.indexOf(QByteArrayView("\n\n"));
    const QByteArrayView head
        = end < 0 ? raw.first(std::min<qsizetype>(raw.size(), 256 * 1024)) : raw.first(end);
    QByteArray headers = head.toByteArray();
    headers.append("\r\n\r\n");
    Ref<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(headers.constData(), size_t(headers.size())));
    Ref<GMimeParser> parser(g_mime_parser_new_with_stream(stream.p));
    Ref<GMimeMessage> msg(g_mime_parser_construct_message(parser.p, nullptr));
    const QString id = msg.p ? fromUtf8(g_mime_message_get_message_id(msg.p)).trimmed() : QString();
    if (!id.isEmpty() && id.size() <= 900)
        return u"email:"_qs + id;
    return u"sha256:"_qs
        + QString::fromLatin1(QCryptographicHash::hash(raw, QCryptographicHash::Sha256).toHex());
}

} // namespace triage::server
