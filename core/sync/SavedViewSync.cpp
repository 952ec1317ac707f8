#include "SavedViewSync.h"

#include "net/ApiClient.h"
#include "store/LocalCache.h"

namespace triage {

SavedViewSync::SavedViewSync(LocalCache *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{ }

SavedViewSync::~SavedViewSync() = default;

void SavedViewSync::setClient(ApiClient *api)
{
    m_api = api;
    uploadPending(); // views saved while offline
}

bool SavedViewSync::save(const QJsonObject &view)
{
    const QString id = view.value(u"id"_qs).toString();
    // The version the server last accepted (or none) comes back if the server refuses this one.
    QJsonObject previous;
    for (const auto &o : m_store->referenceData().entities(u"view"_qs)) {
        if (o.value(u"id"_qs).toString() == id)
            previous = o;
    }
    if (!m_store->referenceData().putEntities(u"view"_qs, {view}))
        return false;
    QStringList pending = pendingIds();
    if (!pending.contains(id))
        pending << id;
    if (!previous.isEmpty() && !m_store->meta().value(u"view_base:"_qs + id).size())
        m_store->meta().setValue(
            u"view_base:"_qs + id, QString::fromUtf8(QJsonDocument(previous).toJson(QJsonDocument::Compact)));
    m_store->meta().setValue(u"pending_views"_qs, pending.join(u','));
    uploadPending();
    return true;
}

QStringList SavedViewSync::pendingIds() const
{
    return m_store->meta().value(u"pending_views"_qs).split(u',', Qt::SkipEmptyParts);
}

void SavedViewSync::uploadPending()
{
    if (!m_api)
        return;
    for (const QString &id : pendingIds()) {
        QJsonObject json;
        for (const auto &o : m_store->referenceData().entities(u"view"_qs)) {
            if (o.value(u"id"_qs).toString() == id)
                json = o;
        }
        auto done
            = [self = QPointer(this), id, name = json.value(u"name"_qs).toString()](const ApiResponse &r) {
                  if (!self || (r.error.isNetwork() && !r.ok()))
                      return; // stays pending: the next sign-in sends it
                  LocalCache *store = self->m_store;
                  QStringList pending = self->pendingIds();
                  pending.removeAll(id);
                  store->meta().setValue(u"pending_views"_qs, pending.join(u','));
                  const QString base = store->meta().value(u"view_base:"_qs + id);
                  store->meta().setValue(u"view_base:"_qs + id, QString());
                  if (r.ok())
                      return;
                  // Refused: the server's version stays the truth here too.
                  if (!base.isEmpty())
                      store->referenceData().putEntities(
                          u"view"_qs, {QJsonDocument::fromJson(base.toUtf8()).object()});
                  else
                      store->referenceData().removeEntity(u"view"_qs, id);
                  Q_EMIT self->refused(name, r.error.message());
              };
        if (json.isEmpty())
            m_api->request("DELETE", u"views/"_qs + id, {}, {}, done);
        else
            m_api->request("PUT", u"views/"_qs + id, {}, QJsonDocument(json), done);
    }
}

} // namespace triage
