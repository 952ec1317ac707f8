#pragma once

#include "net/ApiClient.h"
#include "sync/SyncEngine.h"

#include <QEventLoop>
#include <QObject>

#include <optional>

namespace triage::cli {

// triagectl runs one command and exits, so where a command needs an answer it runs the event loop
// right here, at the top of the program, until the answer arrives. Only the CLI does this: core
// and ui never wait (their APIs answer with signals and callbacks).

// Calls `start()` and runs the event loop until `sender` emits one of `signals`.
template<typename Sender, typename Start, typename... Signals>
void waitFor(const Sender *sender, Start start, Signals... signals)
{
    bool fired = false;
    QEventLoop loop;
    const auto quit = [&] {
        fired = true;
        loop.quit();
    };
    (QObject::connect(sender, signals, &loop, quit), ...);
    start();
    if (!fired)
        loop.exec();
}

// One request, answered.
inline ApiResponse waitForReply(ApiClient *api, const QByteArray &verb, const QString &path,
    const QUrlQuery &query = {}, const QJsonDocument &body = {})
{
    std::optional<ApiResponse> answer;
    QEventLoop loop;
    api->request(verb, path, query, body, [&](const ApiResponse &r) {
        answer = r;
        loop.quit();
    });
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

} // namespace triage::cli
