#include "NetworkStatus.h"

#include <QLoggingCategory>
#include <QNetworkInformation>

Q_LOGGING_CATEGORY(lcNetStatus, "triage.net.status", QtWarningMsg)

namespace triage {

namespace {

// QNetworkInformation is one instance per process; loading is tried once.
QNetworkInformation *information()
{
    static QNetworkInformation *const info = []() -> QNetworkInformation * {
        if (qEnvironmentVariable("TRIAGE_NETWORK_INFORMATION") == u"off")
            return nullptr;
        if (!QNetworkInformation::instance() && !QNetworkInformation::loadDefaultBackend()) {
            qCInfo(lcNetStatus) << "no network information backend; request outcomes decide";
            return nullptr;
        }
        auto *i = QNetworkInformation::instance();
        // A backend that cannot tell reachability at all is as good as none.
        if (i && !i->supports(QNetworkInformation::Feature::Reachability))
            return nullptr;
        return i;
    }();
    return info;
}

} // namespace

NetworkStatus::NetworkStatus(QObject *parent)
    : QObject(parent)
{
    if (auto *info = information()) {
        m_backend = info->backendName();
        connect(info, &QNetworkInformation::reachabilityChanged, this, &NetworkStatus::update);
        update();
    }
}

NetworkStatus::~NetworkStatus() = default;

void NetworkStatus::setHint(Hint hint)
{
    if (hint == m_hint)
        return;
    m_hint = hint;
    Q_EMIT hintChanged(hint);
}

void NetworkStatus::update()
{
    auto *info = information();
    Hint h = Hint::Unknown;
    switch (info ? info->reachability() : QNetworkInformation::Reachability::Unknown) {
    case QNetworkInformation::Reachability::Unknown:
        break;
    case QNetworkInformation::Reachability::Disconnected:
        h = Hint::Offline;
        break;
    case QNetworkInformation::Reachability::Local: // the server may well be on the LAN
    case QNetworkInformation::Reachability::Site:
    case QNetworkInformation::Reachability::Online:
        h = Hint::Online;
        break;
    }
    if (h == m_hint)
        return;
    qCInfo(lcNetStatus) << "network" << m_backend << h;
    m_hint = h;
    Q_EMIT hintChanged(h);
}

} // namespace triage
