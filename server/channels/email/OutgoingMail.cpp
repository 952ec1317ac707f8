#include "OutgoingMail.h"

#include <gmime/gmime.h>
#include <mutex>

namespace triage::server {

namespace {

QByteArray bracketed(const QStringList &ids)
{
    QByteArray out;
    for (const QString &id : ids) {
        if (id.isEmpty())
            continue;
        if (!out.isEmpty())
            out += ' ';
        out += '<' + id.toUtf8() + '>';
    }
    return out;
}

} // namespace

QByteArray composeMail(const OutgoingMail &mail)
{
    static std::once_flag once;
    std::call_once(once, [] { g_mime_init(); });

    GMimeMessage *m = g_mime_message_new(TRUE);
    GMimeObject *o = GMIME_OBJECT(m);
    g_mime_message_add_mailbox(m, GMIME_ADDRESS_TYPE_FROM, mail.fromName.toUtf8().constData(),
        mail.fromAddress.toUtf8().constData());
    g_mime_message_add_mailbox(
        m, GMIME_ADDRESS_TYPE_TO, mail.toName.toUtf8().constData(), mail.toAddress.toUtf8().constData());
    g_mime_message_set_subject(m, mail.subject.toUtf8().constData(), "utf-8");
    if (!mail.messageId.isEmpty())
        g_mime_message_set_message_id(m, mail.messageId.toUtf8().constData());
    if (!mail.inReplyTo.isEmpty())
        g_mime_object_set_header(o, "In-Reply-To", bracketed({mail.inReplyTo}).constData(), nullptr);
    if (!mail.references.isEmpty())
        g_mime_object_set_header(o, "References", bracketed(mail.references).constData(), nullptr);
    if (mail.automatic) {
        g_mime_object_set_header(o, "Auto-Submitted", "auto-generated", nullptr);
        // Exchange and Outlook: no out-of-office answers to this.
        g_mime_object_set_header(o, "X-Auto-Response-Suppress", "All", nullptr);
    }
    GDateTime *date = g_date_time_new_from_unix_utc(mail.date / 1000);
    g_mime_message_set_date(m, date);
    g_date_time_unref(date);

    GMimeTextPart *body = g_mime_text_part_new_with_subtype("plain");
    QString text = mail.text;
    text.replace(u"\r\n"_qs, u"\n"_qs);
    g_mime_text_part_set_text(body, text.toUtf8().constData());
    g_mime_message_set_mime_part(m, GMIME_OBJECT(body));
    g_object_unref(body);

    GMimeFormatOptions *format = g_mime_format_options_new();
    g_mime_format_options_set_newline_format(format, GMIME_NEWLINE_FORMAT_DOS);
    char *bytes = g_mime_object_to_string(o, format);
    QByteArray out(bytes);
    g_free(bytes);
    g_mime_format_options_free(format);
    g_object_unref(m);
    return out;
}

} // namespace triage::server
