#include "ImapMailbox.h"

#include <libetpan/libetpan.h>

namespace triage::server {

struct ImapMailbox::Session {
    mailimap *imap = nullptr;
    ~Session()
    {
        if (!imap)
            return;
        if (imap->imap_stream) // never connected (refused): nothing to sign out of
            mailimap_logout(imap);
        mailimap_free(imap);
    }
};

namespace {

QString describe(int code, const char *what)
{
    switch (code) {
    case MAILIMAP_ERROR_CONNECTION_REFUSED:
        return QString::fromLatin1(what) + u": connection refused"_qs;
    case MAILIMAP_ERROR_STREAM:
        return QString::fromLatin1(what) + u": the connection broke or timed out"_qs;
    case MAILIMAP_ERROR_LOGIN:
        return QString::fromLatin1(what) + u": the server refused the user name or password"_qs;
    case MAILIMAP_ERROR_SSL:
        return QString::fromLatin1(what) + u": TLS failed"_qs;
    case MAILIMAP_ERROR_BAD_STATE:
    case MAILIMAP_ERROR_SELECT:
    case MAILIMAP_ERROR_EXAMINE:
        return QString::fromLatin1(what) + u": the mailbox cannot be opened"_qs;
    default:
        return QString::fromLatin1(what) + u": IMAP error %1"_qs.arg(code);
    }
}

} // namespace

ImapMailbox::ImapMailbox() = default;

ImapMailbox::~ImapMailbox() = default;

bool ImapMailbox::isOpen() const
{
    return m_session != nullptr;
}

void ImapMailbox::close()
{
    m_session.reset();
    m_uidValidity = m_uidNext = 0;
}

bool ImapMailbox::supportsIdle() const
{
    return m_session && mailimap_has_idle(m_session->imap);
}

bool ImapMailbox::open(const Config &config, QString *error)
{
    close();
    const QString scheme = config.url.scheme().toLower();
    if (scheme != u"imap"_qs && scheme != u"imaps"_qs) {
        *error = u"the mailbox URL must start with imap:// or imaps://"_qs;
        return false;
    }
    const bool tls = scheme == u"imaps"_qs;
    const QByteArray host = config.url.host().toUtf8();
    const auto port = quint16(config.url.port(tls ? 993 : 143));
    QString mailbox = config.url.path().mid(1);
    if (mailbox.isEmpty())
        mailbox = u"INBOX"_qs;

    auto session = std::make_unique<Session>();
    session->imap = mailimap_new(0, nullptr);
    mailimap_set_timeout(session->imap, time_t(std::max(1, config.timeoutSeconds)));
    int r = tls ? mailimap_ssl_connect(session->imap, host.constData(), port)
                : mailimap_socket_connect(session->imap, host.constData(), port);
    if (r != MAILIMAP_NO_ERROR && r != MAILIMAP_NO_ERROR_NON_AUTHENTICATED) {
        *error = describe(r, "connect");
        return false;
    }
    // STARTTLS where the server offers it on a plain connection.
    if (!tls && mailimap_has_extension(session->imap, "STARTTLS")
        && mailimap_socket_starttls(session->imap) != MAILIMAP_NO_ERROR) {
        *error = describe(MAILIMAP_ERROR_SSL, "STARTTLS");
        return false;
    }
    r = mailimap_login(
        session->imap, config.username.toUtf8().constData(), config.password.toUtf8().constData());
    if (r != MAILIMAP_NO_ERROR) {
        *error = describe(r == MAILIMAP_ERROR_STREAM ? r : MAILIMAP_ERROR_LOGIN, "sign-in");
        return false;
    }
    r = mailimap_select(session->imap, mailbox.toUtf8().constData());
    if (r != MAILIMAP_NO_ERROR || !session->imap->imap_selection_info) {
        *error = describe(r == MAILIMAP_ERROR_STREAM ? r : MAILIMAP_ERROR_SELECT, "select");
        return false;
    }
    m_uidValidity = session->imap->imap_selection_info->sel_uidvalidity;
    m_uidNext = session->imap->imap_selection_info->sel_uidnext;
    m_session = std::move(session);
    return true;
}

// `UID FETCH set (UID [BODY.PEEK[]])`; takes `set`. Null with an error when it failed (a broken
// connection is closed: the next open() starts afresh).
clist *ImapMailbox::uidFetch(mailimap_set *set, bool withBody, QString *error)
{
    mailimap_fetch_type *type = mailimap_fetch_type_new_fetch_att_list_empty();
    mailimap_fetch_type_new_fetch_att_list_add(type, mailimap_fetch_att_new_uid());
    if (withBody) {
        mailimap_fetch_type_new_fetch_att_list_add(
            type, mailimap_fetch_att_new_body_peek_section(mailimap_section_new(nullptr)));
    }
    clist *result = nullptr;
    const int r = mailimap_uid_fetch(m_session->imap, set, type, &result);
    mailimap_fetch_type_free(type);
    mailimap_set_free(set);
    if (r == MAILIMAP_NO_ERROR)
        return result;
    *error = describe(r, withBody ? "UID FETCH BODY.PEEK[]" : "UID FETCH");
    if (r == MAILIMAP_ERROR_STREAM)
        close();
    return nullptr;
}

std::optional<QList<quint32>> ImapMailbox::uidsAfter(quint32 lastUid, QString *error)
{
    if (!m_session) {
        *error = u"not connected"_qs;
        return std::nullopt;
    }
    clist *result = uidFetch(mailimap_set_new_interval(lastUid + 1, 0), false, error); // lastUid+1:*
    if (!result)
        return std::nullopt;
    QList<quint32> uids;
    for (clistiter *cur = clist_begin(result); cur; cur = clist_next(cur)) {
        auto *att = static_cast<mailimap_msg_att *>(clist_content(cur));
        for (clistiter *it = clist_begin(att->att_list); it; it = clist_next(it)) {
            auto *item = static_cast<mailimap_msg_att_item *>(clist_content(it));
            if (item->att_type == MAILIMAP_MSG_ATT_ITEM_STATIC
                && item->att_data.att_static->att_type == MAILIMAP_MSG_ATT_UID
                && item->att_data.att_static->att_data.att_uid > lastUid)
                uids << item->att_data.att_static->att_data.att_uid;
        }
    }
    mailimap_fetch_list_free(result);
    std::sort(uids.begin(), uids.end());
    uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
    return uids;
}

std::optional<QByteArray> ImapMailbox::fetch(quint32 uid, QString *error)
{
    if (!m_session) {
        *error = u"not connected"_qs;
        return std::nullopt;
    }
    clist *result = uidFetch(mailimap_set_new_single(uid), true, error);
    if (!result)
        return std::nullopt;
    std::optional<QByteArray> body;
    for (clistiter *cur = clist_begin(result); cur; cur = clist_next(cur)) {
        auto *att = static_cast<mailimap_msg_att *>(clist_content(cur));
        quint32 seen = 0;
        const char *bytes = nullptr;
        size_t length = 0;
        for (clistiter *it = clist_begin(att->att_list); it; it = clist_next(it)) {
            auto *item = static_cast<mailimap_msg_att_item *>(clist_content(it));
            if (item->att_type != MAILIMAP_MSG_ATT_ITEM_STATIC)
                continue;
            mailimap_msg_att_static *s = item->att_data.att_static;
            if (s->att_type == MAILIMAP_MSG_ATT_UID)
                seen = s->att_data.att_uid;
            else if (s->att_type == MAILIMAP_MSG_ATT_BODY_SECTION && s->att_data.att_body_section) {
                bytes = s->att_data.att_body_section->sec_body_part;
                length = s->att_data.att_body_section->sec_length;
            }
        }
        if (seen == uid && bytes)
            body = QByteArray(bytes, qsizetype(length));
    }
    mailimap_fetch_list_free(result);
    if (!body)
        *error = u"message %1 is no longer in the mailbox"_qs.arg(uid);
    return body;
}

} // namespace triage::server
