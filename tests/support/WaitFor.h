#pragma once

// Tests and benchmarks only: wait for an asynchronous answer by running the event loop. Product
// code never does this (core and ui answer with signals; triagectl waits in app/triagectl/Wait.h).

#include "net/ApiClient.h"
#include "sync/SyncEngine.h"

#include <QEventLoop>

#include <optional>

namespace triage::test {

// One request, answered (the client's own timeout bounds the wait).
inline ApiResponse waitForReply(ApiClient *api, const QByteArray &verb, const QString &path,
    const QUrlQuery &query = {}, const QJsonDocument &body = {}, const ApiClient::Headers &headers = {})
{
    std::optional<ApiResponse> answer;
    QEventLoop loop;
    api->request(
        verb, path, query, body,
        [&](const ApiResponse &r) {
            answer = r;
            loop.quit();
        },
        headers);
    if (!answer)
        loop.exec();
    return *answer;
}

// SyncEngine::runToIdle, answered: true = outbox empty and feed at head.
inline bool waitForIdle(SyncEngine *engine, int timeoutMs = 300000)
{
    std::optional<bool> ok;
    QEventLoop loop;
    const auto c = QObject::connect(engine, &SyncEngine::idleReached, &loop, [&](bool result) {
        ok = result;
        loop.quit();
    });
    engine->runToIdle(timeoutMs);
    if (!ok)
        loop.exec();
    QObject::disconnect(c);
    return *ok;
}

} // namespace triage::test
