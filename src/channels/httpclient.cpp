#include "channels/httpclient.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QThread>
#include <QTimer>
#include <QWaitCondition>

namespace kedai::channels {

namespace {

/// The thread every request runs on. Callers block on a wait condition, never in an event loop
/// of their own: a bot shard or the sender waiting for an answer must not handle its next
/// queued message (or timer) in the middle of the current one.
class NetworkThread
{
public:
    NetworkThread()
    {
        m_thread.setObjectName(QStringLiteral("kedai-http-client"));
        m_context = new QObject;
        m_context->moveToThread(&m_thread);
        // Deleted on its own thread when the thread ends (with the manager, its child).
        QObject::connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
        m_thread.start();
    }
    ~NetworkThread()
    {
        m_thread.quit();
        m_thread.wait();
    }
    QObject *context() const { return m_context; }
    /// On the network thread only.
    QNetworkAccessManager *manager()
    {
        if (!m_manager) {
            m_manager = new QNetworkAccessManager(m_context);
            // Redirects are followed by httpRequest() itself, so credentials never go to another host.
            m_manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        }
        return m_manager;
    }

private:
    QThread m_thread;
    QObject *m_context = nullptr;
    QNetworkAccessManager *m_manager = nullptr;
};

QMutex networkMutex;
NetworkThread *networkThread = nullptr;

NetworkThread *network()
{
    QMutexLocker lock(&networkMutex);
    if (!networkThread) {
        networkThread = new NetworkThread;
        // Stopped before the application object goes away (a running QThread must not outlive it).
        if (QCoreApplication::instance())
            qAddPostRoutine([] {
                QMutexLocker lock(&networkMutex);
                delete std::exchange(networkThread, nullptr);
            });
    }
    return networkThread;
}

/// One request's answer, filled on the network thread, waited for by the caller.
struct Pending
{
    QMutex mutex;
    QWaitCondition done;
    bool finished = false;
    HttpResponse response;
};

} // namespace

QByteArray HttpResponse::header(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

namespace {
HttpResponse sendOnce(const HttpRequest &request);

bool isCredential(const QByteArray &name)
{
    return name.compare("Authorization", Qt::CaseInsensitive) == 0
           || name.compare("X-Api-Key", Qt::CaseInsensitive) == 0 || name.compare("Cookie", Qt::CaseInsensitive) == 0;
}
} // namespace

HttpResponse httpRequest(const HttpRequest &request)
{
    constexpr int kMaxRedirects = 5;
    HttpRequest current = request;
    for (int hop = 0;; ++hop) {
        HttpResponse response = sendOnce(current);
        const bool redirect = response.status == 301 || response.status == 302 || response.status == 303
                              || response.status == 307 || response.status == 308;
        const QByteArray location = response.header("Location");
        if (!redirect || location.isEmpty())
            return response;
        const QUrl next = current.url.resolved(QUrl::fromEncoded(location));
        if (hop >= kMaxRedirects || !next.isValid()
            || (current.url.scheme() == QLatin1String("https") && next.scheme() != QLatin1String("https"))) {
            response.error = QStringLiteral("refused redirect to %1").arg(next.toDisplayString().left(200));
            return response;
        }
        // Credentials stay with the host they were meant for.
        if (next.host() != current.url.host() || next.port() != current.url.port()
            || next.scheme() != current.url.scheme()) {
            HttpHeaders kept;
            for (const auto &h : std::as_const(current.headers)) {
                if (!isCredential(h.first))
                    kept << h;
            }
            current.headers = kept;
        }
        if (response.status == 303
            || ((response.status == 301 || response.status == 302) && current.method == QByteArrayLiteral("POST"))) {
            current.method = QByteArrayLiteral("GET");
            current.body.clear();
        }
        current.url = next;
    }
}

namespace {
HttpResponse sendOnce(const HttpRequest &request)
{
    HttpResponse response;
    if (!request.url.isValid()
        || (request.url.scheme() != QLatin1String("http") && request.url.scheme() != QLatin1String("https"))) {
        response.error = QStringLiteral("not an http(s) URL: %1").arg(request.url.toDisplayString().left(200));
        return response;
    }
    QNetworkRequest req(request.url);
    for (const auto &h : request.headers)
        req.setRawHeader(h.first, h.second);
    req.setTransferTimeout(qMax(1, request.timeoutMs));

    NetworkThread *net = network();
    auto pending = std::make_shared<Pending>();
    QMetaObject::invokeMethod(
        net->context(),
        [net, req, request, pending] {
            QNetworkReply *reply = net->manager()->sendCustomRequest(req, request.method, request.body);
            auto *timer = new QTimer(reply);
            timer->setSingleShot(true);
            auto flags = std::make_shared<QPair<bool, bool>>(false, false); // timed out, too large
            QObject::connect(timer, &QTimer::timeout, reply, [reply, flags] {
                flags->first = true;
                reply->abort();
            });
            if (request.maxResponseBytes > 0) {
                QObject::connect(reply, &QNetworkReply::downloadProgress, reply,
                                 [reply, flags, max = request.maxResponseBytes](qint64 received, qint64 total) {
                                     if (received > max || total > max) {
                                         flags->second = true;
                                         reply->abort();
                                     }
                                 });
            }
            QObject::connect(reply, &QNetworkReply::finished, reply, [reply, flags, request, pending] {
                HttpResponse response;
                response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                for (const auto &pair : reply->rawHeaderPairs())
                    response.headers << pair;
                if (flags->second) {
                    response.tooLarge = true;
                    response.error = QStringLiteral("the answer is larger than %1 bytes").arg(request.maxResponseBytes);
                } else if (flags->first || reply->error() == QNetworkReply::OperationCanceledError
                           || reply->error() == QNetworkReply::TimeoutError) {
                    response.timedOut = true;
                    response.status = 0;
                    response.error = QStringLiteral("no answer within %1 ms").arg(request.timeoutMs);
                } else {
                    response.body = reply->readAll();
                    // An HTTP error status is an answer (its body says why); anything else is a
                    // network error.
                    if (reply->error() != QNetworkReply::NoError && response.status == 0)
                        response.error = reply->errorString();
                }
                reply->deleteLater();
                QMutexLocker lock(&pending->mutex);
                pending->response = std::move(response);
                pending->finished = true;
                pending->done.wakeAll();
            });
            timer->start(qMax(1, request.timeoutMs));
        },
        Qt::QueuedConnection);

    QMutexLocker lock(&pending->mutex);
    // The network thread enforces the timeout; this deadline only guards against it being stuck.
    QDeadlineTimer deadline(qint64(qMax(1, request.timeoutMs)) + 10'000);
    while (!pending->finished) {
        if (!pending->done.wait(&pending->mutex, deadline)) {
            response.timedOut = true;
            response.error = QStringLiteral("no answer within %1 ms").arg(request.timeoutMs);
            return response;
        }
    }
    return std::move(pending->response);
}
} // namespace

QByteArray jsonBody(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray multipartBody(const QList<MultipartField> &fields, QByteArray *contentType)
{
    const QByteArray boundary = QByteArrayLiteral("kedai-")
                                + QByteArray::number(QRandomGenerator::global()->generate64(), 16)
                                + QByteArray::number(QRandomGenerator::global()->generate64(), 16);
    QByteArray body;
    for (const auto &f : fields) {
        body += "--" + boundary + "\r\n";
        body += "Content-Disposition: form-data; name=\"" + f.name + '"';
        if (!f.fileName.isEmpty())
            body += "; filename=\"" + f.fileName + '"';
        body += "\r\n";
        if (!f.contentType.isEmpty())
            body += "Content-Type: " + f.contentType + "\r\n";
        body += "\r\n" + f.value + "\r\n";
    }
    body += "--" + boundary + "--\r\n";
    if (contentType)
        *contentType = "multipart/form-data; boundary=" + boundary;
    return body;
}

} // namespace kedai::channels
