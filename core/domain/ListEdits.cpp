#include "ListEdits.h"

#include <QJsonArray>

namespace triage {

QJsonObject linkToJson(const TicketLink &link)
{
    return QJsonObject {{u"kind"_qs, toWire(link.kind)}, {u"ticket_id"_qs, link.ticketId}};
}

std::optional<TicketLink> readLink(JsonReader &r, const QJsonValue &value, const QString &path)
{
    if (!value.isObject()) {
        r.error(path, u"must be an object"_qs);
        return std::nullopt;
    }
    JsonReader lr(value.toObject(), path);
    TicketLink link;
    if (const auto kind = lr.string(u"kind"_qs, false)) {
        if (const auto k = linkKindFromWire(*kind))
            link.kind = *k;
        else
            lr.error(u"kind"_qs,
                u"unknown value '%1' (allowed: %2)"_qs.arg(kind->left(40), allLinkKinds().join(u", "_qs)));
    }
    link.ticketId = lr.string(u"ticket_id"_qs, true).value_or(QString());
    lr.rejectUnknown();
    for (const auto &e : lr.errors())
        r.error(e.field, e.message);
    if (!lr.ok())
        return std::nullopt;
    return link;
}

namespace {

QList<TicketLink> readLinks(JsonReader &r, const QString &key)
{
    QList<TicketLink> out;
    if (const auto list = r.array(key, false)) {
        for (qsizetype i = 0; i < list->size(); ++i) {
            if (auto link = readLink(r, list->at(i), key + u"[%1]"_qs.arg(i)))
                out << *link;
        }
    }
    return out;
}

QJsonArray linkArray(const QList<TicketLink> &links)
{
    QJsonArray out;
    for (const TicketLink &l : links)
        out.append(linkToJson(l));
    return out;
}

} // namespace

ListEdits ListEdits::read(JsonReader &r)
{
    ListEdits e;
    e.tagsAdd = r.stringList(u"tags_add"_qs, false).value_or(QStringList());
    e.tagsRemove = r.stringList(u"tags_remove"_qs, false).value_or(QStringList());
    e.linksAdd = readLinks(r, u"links_add"_qs);
    e.linksRemove = readLinks(r, u"links_remove"_qs);
    return e;
}

void ListEdits::writeTo(QJsonObject &payload) const
{
    if (!tagsAdd.isEmpty())
        payload.insert(u"tags_add"_qs, QJsonArray::fromStringList(tagsAdd));
    if (!tagsRemove.isEmpty())
        payload.insert(u"tags_remove"_qs, QJsonArray::fromStringList(tagsRemove));
    if (!linksAdd.isEmpty())
        payload.insert(u"links_add"_qs, linkArray(linksAdd));
    if (!linksRemove.isEmpty())
        payload.insert(u"links_remove"_qs, linkArray(linksRemove));
}

ListEdits ListEdits::applyTo(Ticket &t) const
{
    ListEdits done;
    for (const QString &raw : tagsAdd) {
        const QString tag = normaliseTag(raw);
        if (!t.tags.contains(tag)) {
            t.tags << tag;
            done.tagsAdd << tag;
        }
    }
    for (const QString &raw : tagsRemove) {
        const QString tag = normaliseTag(raw);
        if (t.tags.removeAll(tag) > 0)
            done.tagsRemove << tag;
    }
    for (const TicketLink &link : linksAdd) {
        if (!t.links.contains(link)) {
            t.links << link;
            done.linksAdd << link;
        }
    }
    for (const TicketLink &link : linksRemove) {
        if (t.links.removeAll(link) > 0)
            done.linksRemove << link;
    }
    return done;
}

} // namespace triage
