#pragma once

#include "WallData.h"

#include <QObject>
#include <QTimer>
#include <QUrl>

namespace triage {

class ApiClient;
class EventStream;

// Keeps the wall's data current without anyone touching it: signs in (token from the OS keychain
// or the profile's token file via CredentialStore, else the password once), polls
// GET /api/v1/reports/wall, wakes early on the push stream's `head` event, keeps the last snapshot
// on disk, and after a failure retries with capped exponential backoff and jitter. One ApiClient,
// one EventStream and one timer for the whole run — nothing is created per tick.
class WallController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WallController)

public:
    struct Options {
        QUrl server;
        QString user;
        QString password; // used only when no stored token works
        QString profileDir; // token file and the cached snapshot
        int pollMs = 15000;
        int minBackoffMs = 1000;
        int maxBackoffMs = 60000;
        int requestTimeoutMs = 10000;
    };

    explicit WallController(Options options, QObject *parent = nullptr);
    ~WallController() override;

    void start();

    const WallData &data() const { return m_data; }
    bool hasData() const { return m_hasData; }
    // The last attempt failed: the data shown is the last good one (possibly from disk).
    bool isStale() const { return m_stale; }
    // Local time the shown data was received (for "data as of HH:MM").
    qint64 receivedAtMs() const { return m_receivedAtMs; }
    // Server clock minus local clock, so countdowns use the server's idea of "now".
    qint64 clockOffsetMs() const { return m_clockOffsetMs; }
    QString problem() const { return m_problem; }
    int nextRetryMs() const { return m_backoffMs; }
    QString cacheFile() const;

Q_SIGNALS:
    void updated();

private:
    void loadCache();
    void saveCache(const QByteArray &json);
    void poll();
    void signIn();
    void succeeded(const QJsonObject &json);
    void failed(const QString &problem);
    void scheduleNext(int ms);
    void wake();

    Options m_options;
    ApiClient *m_api;
    EventStream *m_stream;
    QTimer m_timer;
    WallData m_data;
    bool m_hasData = false;
    bool m_stale = true;
    bool m_inFlight = false;
    bool m_wakePending = false;
    bool m_signingIn = false;
    qint64 m_receivedAtMs = 0;
    qint64 m_clockOffsetMs = 0;
    int m_backoffMs = 0;
    QString m_problem;
};

} // namespace triage
