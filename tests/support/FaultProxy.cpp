#include "FaultProxy.h"

#include <QTimer>

namespace triage::test {

FaultProxy::FaultProxy(quint16 upstreamPort, QObject *parent)
    : QObject(parent)
    , m_upstreamPort(upstreamPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FaultProxy::onNewConnection);
}

FaultProxy::~FaultProxy()
{
    closeAll();
    qDeleteAll(m_pipes);
}

bool FaultProxy::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void FaultProxy::closeAll()
{
    for (auto *p : m_pipes) {
        if (p->client)
            p->client->abort();
        if (p->upstream)
            p->upstream->abort();
    }
}

void FaultProxy::onNewConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        if (m_mode == Mode::Refuse) {
            ++m_faults;
            client->abort();
            client->deleteLater();
            continue;
        }
        auto *p = new Pipe;
        m_pipes << p;
        p->client = client;
        p->upstream = new QTcpSocket(this);
        p->mode = m_mode;
        connect(client, &QTcpSocket::readyRead, this, [this, p] { fromClient(p); });
        connect(p->upstream, &QTcpSocket::readyRead, this, [this, p] { fromUpstream(p); });
        connect(p->upstream, &QTcpSocket::connected, this, [this, p] { fromClient(p); });
        connect(client, &QTcpSocket::disconnected, this, [p] {
            if (p->upstream)
                p->upstream->disconnectFromHost();
        });
        connect(p->upstream, &QTcpSocket::disconnected, this, [p] {
            if (p->client)
                p->client->disconnectFromHost();
        });
        p->upstream->connectToHost(QHostAddress::LocalHost, m_upstreamPort);
    }
}

void FaultProxy::send(QTcpSocket *to, const QByteArray &data)
{
    if (m_delayMs > 0) {
        QPointer<QTcpSocket> target = to;
        QTimer::singleShot(m_delayMs, this, [target, data] {
            if (target)
                target->write(data);
        });
    } else {
        to->write(data);
    }
}

void FaultProxy::fromClient(Pipe *p)
{
    if (!p->client || !p->upstream || p->upstream->state() != QAbstractSocket::ConnectedState)
        return;
    const QByteArray data = p->client->readAll();
    if (data.isEmpty())
        return;
    // A keep-alive connection carries many requests: decide the fault per request line.
    static const QByteArrayList methods {"GET ", "POST ", "PATCH ", "PUT ", "DELETE "};
    const bool startsRequest = std::any_of(
        methods.begin(), methods.end(), [&](const QByteArray &m) { return data.startsWith(m); });
    if (startsRequest) {
        const QByteArray firstLine = data.left(data.indexOf('\n'));
        p->mode = m_match.isEmpty() || firstLine.contains(m_match) ? m_mode : Mode::Pass;
    }
    send(p->upstream, data);
}

void FaultProxy::fromUpstream(Pipe *p)
{
    if (!p->upstream || !p->client)
        return;
    QByteArray data = p->upstream->readAll();
    switch (p->mode) {
    case Mode::Pass:
    case Mode::Delay:
        send(p->client, data);
        break;
    case Mode::DropResponse:
        ++m_faults;
        p->client->abort();
        p->upstream->abort();
        break;
    case Mode::CutResponse: {
        const qint64 room = m_cutAfter - p->forwarded;
        if (room > 0) {
            p->client->write(data.left(room));
            p->forwarded += std::min<qint64>(room, data.size());
        }
        if (p->forwarded >= m_cutAfter) {
            ++m_faults;
            p->client->flush();
            p->client->abort();
            p->upstream->abort();
        }
        break;
    }
    case Mode::Refuse:
        p->client->abort();
        break;
    }
}

} // namespace triage::test
