#pragma once

#include <QString>

namespace triage::server {

class ServerDatabase;
class Auth;
class EventHub;

// What route classes share. Pointers may be null when only the route table is wanted (tests).
struct ServerContext {
    ServerDatabase *db = nullptr;
    Auth *auth = nullptr;
    EventHub *hub = nullptr;
    qint64 maxAttachmentBytes = 25 * 1024 * 1024; // triaged serve --max-attachment

    QString cursorFor(qint64 seq) const;
    void committed() const; // wakes push streams after a write transaction committed
};

} // namespace triage::server
