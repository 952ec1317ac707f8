#pragma once

#include "reports/WallData.h"

#include <QObject>
#include <QTimer>
#include <QUrl>

namespace triage {

class AccountService;
class ApiClient;
class EventStream;

// Keeps the wall's data current without anyone touching it: signs in through AccountService
// (token from the profile's 0600 token file, else the password once), polls
// GET /api/v1/reports/wall, wakes early on the push stream's `head` event, keeps the last snapshot
// on disk, and after a failure retries with capped exponential backoff and jitter. One ApiClient,
// one EventStream and one timer for the whole run — nothing is created per tick. Problems are
// reported as a kind plus the server's detail; the ui (ui/wall/WallController) words them.
class WallFeed final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WallFeed)

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
    enum class Problem {
        None,
        NoCredentials, // no stored token and no password
        SignInFailed, // problemDetail(): the server's or the network's message
        NotASnapshot, // the answer did not parse as a wall snapshot
        RequestFailed, // problemDetail(): the server's or the network's message
    };

    explicit WallFeed(Options options, QObject *parent = nullptr);
    ~WallFeed() override;

    // Shows the snapshot cached on disk at once (before any network answer), then goes live.
    void start();

    const Options &options() const { return m_options; }
    const WallData &data() const { return m_data; }
    bool hasData() const { return m_hasData; }
    // The last attempt failed: the data shown is the last good one (possibly from disk).
    bool isStale() const { return m_stale; }
    // Local time the shown data was received (for "data as of HH:MM").
    qint64 receivedAtMs() const { return m_receivedAtMs; }
    // Server clock minus local clock, so countdowns use the server's idea of "now".
    qint64 clockOffsetMs() const { return m_clockOffsetMs; }
    Problem problem() const { return m_problem; }
    const QString &problemDetail() const { return m_problemDetail; }
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
    void failed(Problem problem, const QString &detail = {});
    void scheduleNext(int ms);
    void wake();

    Options m_options;
    ApiClient *m_api;
    AccountService *m_account;
    EventStream *m_stream;
    QTimer m_timer;
    WallData m_data;
    bool m_hasData = false;
    bool m_stale = true;
    bool m_inFlight = false;
    bool m_wakePending = false;
    qint64 m_receivedAtMs = 0;
    qint64 m_clockOffsetMs = 0;
    int m_backoffMs = 0;
    Problem m_problem = Problem::None;
    QString m_problemDetail;
};

} // namespace triage
