#pragma once

// Real HTTP over loopback for the server tests: QNetworkAccessManager for normal requests and a
// raw QTcpSocket for requests a well-behaved client would never send (odd paths, partial bodies).

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QUrl>

#include <memory>

namespace kedai::test {

struct HttpResult
{
    int status = 0; ///< 0 when no HTTP response arrived
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; ///< names in lower case

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QByteArray header(const char *name) const { return headers.value(QByteArray(name).toLower()); }
};

class HttpTestClient
{
public:
    static constexpr int kTimeoutMs = 10000;

    explicit HttpTestClient(quint16 port) : m_port(port) { m_nam.setTransferTimeout(kTimeoutMs); }

    quint16 port() const { return m_port; }
    QNetworkAccessManager &nam() { return m_nam; }

    QUrl url(const QString &pathAndQuery) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(pathAndQuery));
    }

    /// Starts a request; `authorization` is the whole header value (empty: no header).
    QNetworkReply *start(const QByteArray &verb, const QUrl &url, const QByteArray &body = {},
                         const QByteArray &authorization = {})
    {
        QNetworkRequest request(url);
        if (!authorization.isEmpty())
            request.setRawHeader(QByteArrayLiteral("Authorization"), authorization);
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        return m_nam.sendCustomRequest(request, verb, body);
    }

    HttpResult send(const QByteArray &verb, const QString &pathAndQuery, const QByteArray &body = {},
                    const QByteArray &authorization = {})
    {
        return finish(start(verb, url(pathAndQuery), body, authorization));
    }

    HttpResult get(const QUrl &url, const QByteArray &authorization = {})
    {
        return finish(start(QByteArrayLiteral("GET"), url, {}, authorization));
    }

    /// Waits for the reply (if still running) and collects it; deletes the reply.
    static HttpResult finish(QNetworkReply *reply)
    {
        std::unique_ptr<QNetworkReply> owner(reply);
        if (!reply->isFinished()) {
            QSignalSpy finished(reply, &QNetworkReply::finished);
            finished.wait(kTimeoutMs);
        }
        HttpResult result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        for (const auto &pair : reply->rawHeaderPairs())
            result.headers.insert(pair.first.toLower(), pair.second);
        return result;
    }

    /// Sends `request` as is and reads one response (Content-Length framed).
    HttpResult raw(const QByteArray &request) const
    {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), m_port);
        if (!socket.waitForConnected(kTimeoutMs))
            return {};
        socket.write(request);
        QByteArray data;
        qsizetype headerEnd = -1;
        qint64 length = -1;
        while (headerEnd < 0 || data.size() < headerEnd + 4 + length) {
            if (!socket.waitForReadyRead(kTimeoutMs))
                break;
            data += socket.readAll();
            if (headerEnd < 0 && (headerEnd = data.indexOf("\r\n\r\n")) >= 0)
                length = contentLength(data.left(headerEnd));
        }
        HttpResult result;
        if (headerEnd < 0)
            return result;
        const QList<QByteArray> lines = data.left(headerEnd).split('\n');
        result.status = lines.value(0).split(' ').value(1).toInt();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                result.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
        }
        result.body = data.mid(headerEnd + 4);
        return result;
    }

private:
    static qint64 contentLength(const QByteArray &head)
    {
        for (const QByteArray &line : head.split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                return line.mid(15).trimmed().toLongLong();
        }
        return 0;
    }

    quint16 m_port;
    QNetworkAccessManager m_nam;
};

} // namespace kedai::test
