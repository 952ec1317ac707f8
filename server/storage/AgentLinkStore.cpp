#include "AgentLinkStore.h"

#include <QCryptographicHash>
#include <QJsonDocument>

namespace triage::server {

namespace {

struct PrefKey {
    const char *name;
    bool AlertPrefs::*member;
};

constexpr PrefKey kPrefKeys[] = {
    {"assigned", &AlertPrefs::assigned},
    {"critical", &AlertPrefs::critical},
    {"sla", &AlertPrefs::sla},
    {"escalations", &AlertPrefs::escalations},
};

constexpr char kLinkColumns[] = "user_id, channel_id, chat_id, telegram_user, telegram_username, linked_at";

AgentLink readLink(const Sql &q)
{
    AgentLink l;
    l.userId = q.str(0);
    l.channelId = q.str(1);
    l.chatId = q.str(2);
    l.telegramUserId = q.str(3);
    l.telegramUsername = q.str(4);
    l.linkedAt = q.i64(5);
    return l;
}

} // namespace

QJsonObject AlertPrefs::toJson() const
{
    QJsonObject o;
    for (const PrefKey &k : kPrefKeys)
        o.insert(QLatin1String(k.name), this->*k.member);
    return o;
}

std::optional<AlertPrefs> AlertPrefs::fromJson(const QJsonObject &o, const AlertPrefs &base, QString *error)
{
    AlertPrefs p = base;
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        const PrefKey *key = nullptr;
        for (const PrefKey &k : kPrefKeys) {
            if (it.key() == QLatin1String(k.name))
                key = &k;
        }
        if (!key) {
            *error = u"unknown alert '%1' (known: assigned, critical, sla, escalations)"_qs.arg(it.key());
            return std::nullopt;
        }
        if (!it.value().isBool()) {
            *error = u"'%1' must be true or false"_qs.arg(it.key());
            return std::nullopt;
        }
        p.*(key->member) = it.value().toBool();
    }
    return p;
}

QString AgentLinkStore::digest(const QString &code)
{
    return QString::fromLatin1(QCryptographicHash::hash(code.toUtf8(), QCryptographicHash::Sha256).toHex());
}

void AgentLinkStore::addCode(const QString &userId, const QString &code, qint64 expiresAt)
{
    Sql drop(m_db, u"DELETE FROM agent_link_codes WHERE user_id = ?"_qs);
    drop.bind(userId).exec();
    Sql q(m_db, u"INSERT INTO agent_link_codes (code_hash, user_id, expires_at) VALUES (?, ?, ?)"_qs);
    q.bind(digest(code)).bind(userId).bind(expiresAt).exec();
}

QString AgentLinkStore::redeem(const QString &code, qint64 now)
{
    Sql q(m_db, u"DELETE FROM agent_link_codes WHERE code_hash = ? RETURNING user_id, expires_at"_qs);
    q.bind(digest(code)).exec();
    if (!q.next() || q.i64(1) < now)
        return {};
    return q.str(0);
}

void AgentLinkStore::link(const AgentLink &l)
{
    Sql drop(m_db, u"DELETE FROM agent_links WHERE user_id = ? OR (channel_id = ? AND telegram_user = ?)"_qs);
    drop.bind(l.userId).bind(l.channelId).bind(l.telegramUserId).exec();
    Sql q(
        m_db, u"INSERT INTO agent_links (%1) VALUES (?, ?, ?, ?, ?, ?)"_qs.arg(QLatin1String(kLinkColumns)));
    q.bind(l.userId).bind(l.channelId).bind(l.chatId).bind(l.telegramUserId).bind(l.telegramUsername);
    q.bind(l.linkedAt).exec();
}

bool AgentLinkStore::unlink(const QString &userId)
{
    Sql q(m_db, u"DELETE FROM agent_links WHERE user_id = ?"_qs);
    q.bind(userId).exec();
    return q.numRowsAffected() > 0;
}

std::optional<AgentLink> AgentLinkStore::linkOf(const QString &userId)
{
    Sql q(m_db, u"SELECT %1 FROM agent_links WHERE user_id = ?"_qs.arg(QLatin1String(kLinkColumns)));
    q.bind(userId).exec();
    if (!q.next())
        return std::nullopt;
    return readLink(q);
}

QString AgentLinkStore::userForTelegram(const QString &channelId, const QString &telegramUserId)
{
    Sql q(m_db, u"SELECT user_id FROM agent_links WHERE channel_id = ? AND telegram_user = ?"_qs);
    q.bind(channelId).bind(telegramUserId).exec();
    return q.next() ? q.str(0) : QString();
}

QList<AgentLink> AgentLinkStore::all()
{
    Sql q(m_db, u"SELECT %1 FROM agent_links ORDER BY user_id"_qs.arg(QLatin1String(kLinkColumns)));
    q.exec();
    QList<AgentLink> out;
    while (q.next())
        out << readLink(q);
    return out;
}

bool AgentLinkStore::any()
{
    Sql q(m_db, u"SELECT 1 FROM agent_links LIMIT 1"_qs);
    q.exec();
    return q.next();
}

AlertPrefs AgentLinkStore::prefs(const QString &userId)
{
    Sql q(m_db, u"SELECT prefs FROM alert_prefs WHERE user_id = ?"_qs);
    q.bind(userId).exec();
    if (!q.next())
        return {};
    QString ignored;
    return AlertPrefs::fromJson(QJsonDocument::fromJson(q.str(0).toUtf8()).object(), {}, &ignored)
        .value_or(AlertPrefs {});
}

void AgentLinkStore::setPrefs(const QString &userId, const AlertPrefs &prefs, qint64 at)
{
    Sql q(m_db,
        u"INSERT INTO alert_prefs (user_id, prefs, updated_at) VALUES (?, ?, ?)"
        " ON CONFLICT (user_id) DO UPDATE SET prefs = excluded.prefs, updated_at = excluded.updated_at"_qs);
    q.bind(userId)
        .bind(QString::fromUtf8(QJsonDocument(prefs.toJson()).toJson(QJsonDocument::Compact)))
        .bind(at)
        .exec();
}

bool AgentLinkStore::claim(const QString &ticketId, const QString &key, qint64 at)
{
    Sql q(m_db,
        u"INSERT INTO alert_claims (ticket_id, alert_key, claimed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"_qs);
    q.bind(ticketId).bind(key).bind(at).exec();
    return q.numRowsAffected() > 0;
}

} // namespace triage::server
