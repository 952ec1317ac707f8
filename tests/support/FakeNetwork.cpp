#include "FakeNetwork.h"

#include <QTimer>

namespace triage::test {

namespace {

// One in-process answer: headers and body are set when it "arrives", then the usual signals.
class FakeReply final : public QNetworkReply
{
public:
    FakeReply(const QNetworkRequest &request, QNetworkAccessManager::Operation op, const QByteArray &verb,
        const FakeNetwork::Answer &answer, QObject *parent)
        : QNetworkReply(parent)
        , m_answer(answer)
    {
        setRequest(request);
        setUrl(request.url());
        setOperation(op);
        if (op == QNetworkAccessManager::CustomOperation)
            setAttribute(QNetworkRequest::CustomVerbAttribute, verb);
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
        if (m_answer.hang) {
            if (const int timeout = request.transferTimeout(); timeout > 0)
                QTimer::singleShot(
                    timeout, this, [this] { fail(OperationCanceledError, u"Operation canceled"_qs); });
            return;
        }
        QTimer::singleShot(m_answer.delayMs, this, [this] { arrive(); });
    }

    void abort() override { fail(OperationCanceledError, u"Operation canceled"_qs); }
    qint64 bytesAvailable() const override { return m_body.size() - m_offset + QIODevice::bytesAvailable(); }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = std::min<qint64>(maxSize, m_body.size() - m_offset);
        if (n <= 0)
            return isFinished() ? -1 : 0;
        std::memcpy(data, m_body.constData() + m_offset, static_cast<size_t>(n));
        m_offset += n;
        return n;
    }

private:
    void arrive()
    {
        if (isFinished())
            return;
        if (m_answer.error != NoError) {
            fail(m_answer.error, u"Fake network error %1"_qs.arg(int(m_answer.error)));
            return;
        }
        setAttribute(QNetworkRequest::HttpStatusCodeAttribute, m_answer.status);
        setAttribute(QNetworkRequest::HttpReasonPhraseAttribute, QByteArray("Fake"));
        for (const auto &[name, value] : m_answer.headers)
            setRawHeader(name, value);
        if (m_answer.status >= 400) // as Qt does: an HTTP error status is also a reply error
            setError(m_answer.status == 401 ? AuthenticationRequiredError : UnknownContentError,
                u"HTTP %1"_qs.arg(m_answer.status));
        m_body = m_answer.body;
        Q_EMIT metaDataChanged();
        if (!m_body.isEmpty())
            Q_EMIT readyRead();
        finish();
    }

    void fail(NetworkError error, const QString &text)
    {
        if (isFinished())
            return;
        setError(error, text);
        Q_EMIT errorOccurred(error);
        finish();
    }

    void finish()
    {
        setFinished(true);
        Q_EMIT finished();
    }

    FakeNetwork::Answer m_answer;
    QByteArray m_body;
    qint64 m_offset = 0;
};

} // namespace

FakeNetwork::Answer FakeNetwork::Answer::json(int status, const QByteArray &body)
{
    Answer a;
    a.status = status;
    a.body = body;
    a.headers.append({QByteArrayLiteral("Content-Type"),
        status >= 400 ? QByteArrayLiteral("application/problem+json")
                      : QByteArrayLiteral("application/json")});
    return a;
}

FakeNetwork::Answer FakeNetwork::Answer::failure(QNetworkReply::NetworkError error)
{
    Answer a;
    a.error = error;
    return a;
}

FakeNetwork::Answer FakeNetwork::Answer::hanging()
{
    Answer a;
    a.hang = true;
    return a;
}

FakeNetwork::FakeNetwork(QObject *parent)
    : QNetworkAccessManager(parent)
{ }

FakeNetwork::~FakeNetwork() = default;

qsizetype FakeNetwork::count(const QByteArray &verb, const QString &path) const
{
    return std::count_if(m_requests.begin(), m_requests.end(),
        [&](const Request &r) { return r.verb == verb && r.path == path; });
}

QNetworkReply *FakeNetwork::createRequest(
    Operation op, const QNetworkRequest &request, QIODevice *outgoingData)
{
    Request r;
    switch (op) {
    case GetOperation:
        r.verb = "GET";
        break;
    case PostOperation:
        r.verb = "POST";
        break;
    case PutOperation:
        r.verb = "PUT";
        break;
    case DeleteOperation:
        r.verb = "DELETE";
        break;
    case HeadOperation:
        r.verb = "HEAD";
        break;
    case CustomOperation:
    case UnknownOperation:
        r.verb = request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
        break;
    }
    r.path = request.url().path();
    r.authorization = request.rawHeader("Authorization");
    if (outgoingData)
        r.body = outgoingData->readAll();
    m_requests.append(r);
    const Answer answer
        = m_handler ? m_handler(r) : Answer::json(404, QByteArrayLiteral(R"({"title":"Not Found"})"));
    return new FakeReply(request, op, r.verb, answer, this);
}

} // namespace triage::test
