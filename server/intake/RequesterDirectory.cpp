#include "RequesterDirectory.h"

#include "domain/Time.h"
#include "domain/Uuid.h"
#include "storage/DirectoryStore.h"
#include "storage/IdentityStore.h"

namespace triage::server {

namespace {

bool hasCyrillic(const QString &s)
{
    for (QChar c : s) {
        if (c.unicode() >= 0x0400 && c.unicode() <= 0x04FF)
            return true;
    }
    return false;
}

} // namespace

QString RequesterDirectory::usernameFor(const QString &address)
{
    QString out;
    for (QChar c : address.toLower()) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'.' || c == u'_' || c == u'-')
            out += c;
        else if (c == u'@')
            out += u'.';
    }
    while (out.startsWith(u'.'))
        out.remove(0, 1);
    return out.left(60).isEmpty() ? u"requester"_qs : out.left(60);
}

RequesterDirectory::Sender RequesterDirectory::resolve(
    const QString &kind, const QString &address, const QString &displayName, const QString &locale)
{
    IdentityStore identities(m_db);
    DirectoryStore dir(m_db);
    Sender s;
    s.userId = identities.userFor(kind, address);
    if (s.userId.isEmpty() && kind == u"email"_qs) {
        // A user the directory already knows by this e-mail address (staff writing in, or a
        // requester an administrator created): first contact links it, no duplicate person.
        for (const User &u : dir.users()) {
            if (u.email.compare(address, Qt::CaseInsensitive) == 0) {
                s.userId = u.id;
                break;
            }
        }
    }
    if (s.userId.isEmpty()) {
        User u;
        u.id = newId();
        u.role = UserRole::Requester;
        u.email = kind == u"email"_qs ? address : QString();
        const QString base = usernameFor(address);
        u.username = base;
        for (int n = 2; dir.userByName(u.username); ++n)
            u.username = base + u'-' + QString::number(n);
        const QString name = displayName.trimmed();
        u.displayName = name.isEmpty() ? address.section(u'@', 0, 0) : name.left(200);
        u.locale = !locale.isEmpty() ? locale : hasCyrillic(name) ? u"ru"_qs : u"en"_qs;
        dir.upsertUser(u, {}, 0);
        m_tx.stamp("users", u.id);
        s.userId = u.id;
        s.created = true;
    }
    identities.add(kind, address, s.userId, nowMs());
    if (const auto known = dir.userById(s.userId)) {
        s.disabled = known->user.disabled;
        s.staff = known->user.isStaff();
    }
    return s;
}

} // namespace triage::server
