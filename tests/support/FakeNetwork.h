#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <functional>

namespace triage::test {

// A QNetworkAccessManager that answers in-process (the ownCloud client's FakeAM pattern): client
// state machines (sign-in, sync) are tested without a server, with errors, delays and hanging
// replies on demand. Give it to ApiClient's constructor. Unanswered requests get a 404.
class FakeNetwork final : public QNetworkAccessManager
{
public:
    struct Request {
        QByteArray verb;
        QString path; // e.g. "/api/v1/auth/login"
        QByteArray authorization;
        QByteArray body;
    };
    struct Answer {
        int status = 200;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        // Not NoError: the request fails below HTTP (refused, DNS, TLS); `status` is ignored.
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        int delayMs = 0;
        // Never answers. Like Qt's own replies it still gives up after the request's transfer
        // timeout (OperationCanceledError), so a client's timeout is tested as it works for real.
        bool hang = false;

        static Answer json(int status, const QByteArray &body);
        static Answer failure(QNetworkReply::NetworkError error);
        static Answer hanging();
    };
    using Handler = std::function<Answer(const Request &)>;

    explicit FakeNetwork(QObject *parent = nullptr);
    ~FakeNetwork() override;

    void setHandler(Handler handler) { m_handler = std::move(handler); }
    const QList<Request> &requests() const { return m_requests; }
    qsizetype count(const QByteArray &verb, const QString &path) const;

protected:
    QNetworkReply *createRequest(
        Operation op, const QNetworkRequest &request, QIODevice *outgoingData = nullptr) override;

private:
    Handler m_handler;
    QList<Request> m_requests;
};

} // namespace triage::test
