#include "channels/httpclient.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QThreadStorage>
#include <QTimer>

namespace kedai::channels {

namespace {

QNetworkAccessManager *threadManager()
{
    // Deleted by QThreadStorage when the thread ends, on that thread.
    static QThreadStorage<QNetworkAccessManager *> managers;
    if (!managers.hasLocalData()) {
        auto *manager = new QNetworkAccessManager;
        // Redirects are followed by httpRequest() itself, so credentials never go to another host.
        manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        managers.setLocalData(manager);
    }
    return managers.localData();
}

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

    QNetworkAccessManager *manager = threadManager();
    QNetworkReply *reply = manager->sendCustomRequest(req, request.method, request.body);
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    bool tooLarge = false;
    bool timedOut = false;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
        timedOut = true;
        reply->abort();
    });
    if (request.maxResponseBytes > 0) {
        QObject::connect(reply, &QNetworkReply::downloadProgress, &loop, [&](qint64 received, qint64 total) {
            if (received > request.maxResponseBytes || total > request.maxResponseBytes) {
                tooLarge = true;
                reply->abort();
            }
        });
    }
    timer.start(qMax(1, request.timeoutMs));
    if (!reply->isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    timer.stop();

    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    for (const auto &pair : reply->rawHeaderPairs())
        response.headers << pair;
    if (tooLarge) {
        response.tooLarge = true;
        response.error = QStringLiteral("the answer is larger than %1 bytes").arg(request.maxResponseBytes);
    } else if (timedOut) {
        response.timedOut = true;
        response.status = 0;
        response.error = QStringLiteral("no answer within %1 ms").arg(request.timeoutMs);
    } else {
        response.body = reply->readAll();
        // An HTTP error status is an answer (its body says why); anything else is a network error.
        if (reply->error() != QNetworkReply::NoError && response.status == 0)
            response.error = reply->errorString();
        if (reply->error() == QNetworkReply::OperationCanceledError || reply->error() == QNetworkReply::TimeoutError) {
            response.timedOut = true;
            response.status = 0;
            response.error = QStringLiteral("no answer within %1 ms").arg(request.timeoutMs);
        }
    }
    reply->deleteLater();
    return response;
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
