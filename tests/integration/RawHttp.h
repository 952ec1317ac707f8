#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QTcpSocket>

namespace triage::test {

// Raw HTTP/1.1 over a socket, for what QNetworkAccessManager refuses to send (unnormalised paths,
// chunked bodies, huge headers, slow clients).
inline QByteArray rawExchange(quint16 port, const QByteArray &request, int timeoutMs = 10000)
{
    QTcpSocket s;
    s.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!s.waitForConnected(timeoutMs))
        return {};
    s.write(request);
    s.flush();
    QByteArray out;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        if (s.waitForReadyRead(100))
            out += s.readAll();
        if (s.state() != QAbstractSocket::ConnectedState) {
            out += s.readAll();
            break;
        }
        // A complete response with Content-Length is enough.
        const qsizetype headerEnd = out.indexOf("\r\n\r\n");
        if (headerEnd > 0) {
            const qsizetype cl = out.toLower().indexOf("content-length:");
            if (cl > 0 && cl < headerEnd) {
                const qsizetype eol = out.indexOf("\r\n", cl);
                const int len = out.mid(cl + 15, eol - cl - 15).trimmed().toInt();
                if (out.size() >= headerEnd + 4 + len)
                    break;
            }
        }
    }
    return out;
}

inline int statusOf(const QByteArray &response)
{
    // "HTTP/1.1 404 Not Found"
    return response.startsWith("HTTP/1.") ? response.mid(9, 3).toInt() : 0;
}

} // namespace triage::test
