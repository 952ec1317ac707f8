#pragma once

#include <QObject>
#include <QString>

namespace triage {

// The operating system's view of the network (QNetworkInformation), as a hint for the sync
// engine: "the link came back, retry now" and "the link is gone, show offline". Many places have
// no backend (containers, headless servers, no NetworkManager on the system bus) or a wrong one;
// then the hint stays Unknown and real request outcomes decide alone. Request outcomes always win
// over the hint: it never blocks a request. TRIAGE_NETWORK_INFORMATION=off disables it.
class NetworkStatus final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkStatus)

public:
    enum class Hint { Unknown, Online, Offline };
    Q_ENUM(Hint)

    explicit NetworkStatus(QObject *parent = nullptr);
    ~NetworkStatus() override;

    Hint hint() const { return m_hint; }
    // Sets the hint as if the backend had reported it (tests; platforms where the application
    // knows better). The backend's next report replaces it.
    void setHint(Hint hint);
    // The QNetworkInformation backend in use ("networkmanager", "glib", …); empty = none.
    QString backend() const { return m_backend; }

Q_SIGNALS:
    void hintChanged(triage::NetworkStatus::Hint hint);

private:
    void update();

    Hint m_hint = Hint::Unknown;
    QString m_backend;
};

} // namespace triage
