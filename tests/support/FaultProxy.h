#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

namespace triage::test {

// A TCP proxy on 127.0.0.1 between a client and a real triaged that injects network faults:
// forward the request but drop the response, delay, cut a response mid-body, refuse connections.
// Runs in the test's event loop. Faults apply to connections accepted while they are set.
class FaultProxy final : public QObject
{
    Q_OBJECT

public:
    enum class Mode {
        Pass, // forward both ways
        DropResponse, // forward the request, then close without a byte of the response
        CutResponse, // forward the first `cutAfterBytes` of the response, then close
        Refuse, // close every new connection at once
        Delay, // hold each chunk `delayMs` before forwarding
    };

    FaultProxy(quint16 upstreamPort, QObject *parent = nullptr);
    ~FaultProxy() override;

    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    void setMode(Mode mode) { m_mode = mode; }
    void setCutAfterBytes(int n) { m_cutAfter = n; }
    void setDelayMs(int ms) { m_delayMs = ms; }
    // Applies the current fault only to requests whose first line contains `needle` (e.g.
    // "POST /api/v1/mutations"); others pass.
    void setMatch(const QByteArray &needle) { m_match = needle; }
    void closeAll();
    int faultsInjected() const { return m_faults; }

private:
    struct Pipe {
        QPointer<QTcpSocket> client;
        QPointer<QTcpSocket> upstream;
        Mode mode = Mode::Pass;
        qint64 forwarded = 0;
    };
    void onNewConnection();
    void fromClient(Pipe *p);
    void fromUpstream(Pipe *p);
    void send(QTcpSocket *to, const QByteArray &data);

    QTcpServer m_server;
    quint16 m_upstreamPort;
    Mode m_mode = Mode::Pass;
    int m_cutAfter = 20;
    int m_delayMs = 0;
    int m_faults = 0;
    QByteArray m_match;
    QList<Pipe *> m_pipes;
};

} // namespace triage::test
