#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

/// A small blocking HTTP client for the channel clients (Cloud API, WAHA). Requests run on one
/// network thread (one QNetworkAccessManager, so connections and TLS sessions are reused); the
/// caller blocks on a wait condition until the answer or the timeout, without an event loop of
/// its own, so a bot shard or the sender never handles other queued work in the middle of a call.
namespace kedai::channels {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

struct HttpRequest
{
    QByteArray method = QByteArrayLiteral("GET"); ///< GET, POST, PUT, DELETE
    QUrl url;
    HttpHeaders headers; ///< e.g. {"Authorization", "Bearer …"}, {"Content-Type", "application/json"}
    QByteArray body;
    int timeoutMs = 15'000;
    /// Larger answers are cut off: the response then has `tooLarge` set and no body. 0 = no limit.
    qint64 maxResponseBytes = 0;
};

struct HttpResponse
{
    int status = 0; ///< HTTP status; 0 when no answer came (connection refused, timeout, TLS error)
    QByteArray body;
    HttpHeaders headers;
    QString error; ///< why there is no usable answer (network error, timeout, too large); empty otherwise
    bool timedOut = false;
    bool tooLarge = false;

    /// The first header with this name, case-insensitively; empty when absent.
    QByteArray header(QByteArrayView name) const;
    bool ok() const { return status >= 200 && status < 300 && error.isEmpty(); }
};

/// Sends the request and waits for the whole answer. Redirects are followed (not from https to
/// http). Thread-safe. Never throws.
HttpResponse httpRequest(const HttpRequest &request);

/// Helpers for building bodies.
QByteArray jsonBody(const QJsonObject &object);

/// A multipart/form-data body. Returns the bytes and sets `contentType` to the header value
/// (with the boundary).
struct MultipartField
{
    QByteArray name;
    QByteArray value;
    QByteArray fileName;    ///< set for a file part
    QByteArray contentType; ///< the part's own type, for a file part
};
QByteArray multipartBody(const QList<MultipartField> &fields, QByteArray *contentType);

} // namespace kedai::channels
