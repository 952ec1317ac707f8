#include "WallFeed.h"

#include "auth/AccountService.h"
#include "net/ApiClient.h"
#include "net/EventStream.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSaveFile>

namespace triage {

WallFeed::WallFeed(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_api(new ApiClient(m_options.server, this))
    // A wall is a kiosk: nobody is there to unlock a keyring, so its token lives only in the
    // profile's 0600 token file and the keychain is never asked.
    , m_account(new AccountService(
          m_api, m_options.profileDir, m_options.user, CredentialStore::Placement::File, this))
    , m_stream(new EventStream(m_api->network(), this))
{
    m_api->setTimeoutMs(m_options.requestTimeoutMs);
    m_account->setLoginTimeoutMs(m_options.requestTimeoutMs);
    connect(m_account, &AccountService::restoreFinished, this, &WallFeed::poll);
    connect(m_account, &AccountService::signedIn, this, &WallFeed::poll);
    connect(m_account, &AccountService::signInFailed, this,
        [this](const ApiError &error) { failed(Problem::SignInFailed, error.message()); });
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &WallFeed::poll);
    connect(m_stream, &EventStream::event, this, [this](const QByteArray &name, const QByteArray &) {
        if (name == "head")
            wake();
    });
    // A dead stream is not an error of its own: the next poll notices and backs off.
    connect(m_stream, &EventStream::closed, this, [](int, const QString &) {});
    m_stream->setIdleTimeoutMs(45000);
}

WallFeed::~WallFeed() = default;

QString WallFeed::cacheFile() const
{
    return QDir(m_options.profileDir).filePath(u"wall-snapshot.json"_qs);
}

void WallFeed::start()
{
    loadCache();
    m_account->restore(); // then polls, with or without a token
}

void WallFeed::loadCache()
{
    QFile f(cacheFile());
    if (!f.open(QIODevice::ReadOnly))
        return;
    const QJsonObject o = QJsonDocument::fromJson(f.read(4 << 20)).object();
    if (m_data.parse(o.value(u"snapshot"_qs).toObject())) {
        m_hasData = true;
        m_stale = true;
        m_receivedAtMs = qint64(o.value(u"received_at_ms"_qs).toDouble());
        m_clockOffsetMs = 0;
        Q_EMIT updated();
    }
}

void WallFeed::saveCache(const QByteArray &json)
{
    QSaveFile f(cacheFile());
    if (!f.open(QIODevice::WriteOnly))
        return;
    f.write("{\"received_at_ms\":" + QByteArray::number(m_receivedAtMs) + ",\"snapshot\":" + json + '}');
    f.commit();
}

void WallFeed::poll()
{
    m_timer.stop();
    if (m_inFlight) {
        m_wakePending = true;
        return;
    }
    if (!m_api->hasToken()) {
        signIn();
        return;
    }
    m_inFlight = true;
    m_api->request(
        "GET", u"reports/wall"_qs, QUrlQuery {{u"limit"_qs, u"40"_qs}}, {}, [this](const ApiResponse &r) {
            m_inFlight = false;
            if (r.httpStatus == 401) {
                m_account->forgetToken();
                signIn();
                return;
            }
            if (!r.ok()) {
                failed(Problem::RequestFailed, r.error.message());
                return;
            }
            succeeded(r.json.object());
        });
}

void WallFeed::signIn()
{
    if (m_account->isSigningIn())
        return;
    if (m_options.password.isEmpty()) {
        failed(Problem::NoCredentials);
        return;
    }
    m_account->signIn(m_options.password); // signedIn → poll(); signInFailed → failed()
}

void WallFeed::succeeded(const QJsonObject &json)
{
    if (!m_data.parse(json)) {
        failed(Problem::NotASnapshot);
        return;
    }
    m_hasData = true;
    m_stale = false;
    m_problem = Problem::None;
    m_problemDetail.clear();
    m_backoffMs = 0;
    m_receivedAtMs = QDateTime::currentMSecsSinceEpoch();
    m_clockOffsetMs = m_data.asOfMs - m_receivedAtMs;
    saveCache(QJsonDocument(json).toJson(QJsonDocument::Compact));
    if (!m_stream->isOpen())
        m_stream->open(m_api->urlFor(u"events"_qs), m_api->authorization());
    Q_EMIT updated();
    if (m_wakePending) {
        m_wakePending = false;
        scheduleNext(250);
    } else {
        scheduleNext(m_options.pollMs);
    }
}

void WallFeed::failed(Problem problem, const QString &detail)
{
    m_stale = true;
    m_problem = problem;
    m_problemDetail = detail;
    m_wakePending = false;
    m_stream->close();
    m_backoffMs
        = m_backoffMs == 0 ? m_options.minBackoffMs : std::min(m_backoffMs * 2, m_options.maxBackoffMs);
    // ±20 % jitter so a room of walls does not reconnect in lockstep after an outage.
    const int jitter = int(QRandomGenerator::global()->bounded(m_backoffMs / 5 + 1)) - m_backoffMs / 10;
    scheduleNext(std::max(100, m_backoffMs + jitter));
    Q_EMIT updated();
}

void WallFeed::scheduleNext(int ms)
{
    m_timer.start(ms);
}

void WallFeed::wake()
{
    // Coalesce a burst of head events into one request shortly after the first.
    if (m_inFlight) {
        m_wakePending = true;
        return;
    }
    if (!m_timer.isActive() || m_timer.remainingTime() > 300)
        scheduleNext(300);
}

} // namespace triage
