#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QThread>
#include <QUrl>

#include <memory>

namespace kedai::test {

/// A message the fake accepted (POST /api/sendText or /api/sendImage).
struct WahaSentMessage
{
    QString endpoint; ///< "sendText" | "sendImage"
    QString session;
    QString chatId;
    QString text;     ///< `text`, or `caption` for an image
    QString mimetype; ///< images: file.mimetype
    QString filename; ///< images: file.filename
    QByteArray data;  ///< images: file.data, base64-decoded
    QString id;       ///< the id the fake answered (`true_<chatId>_<32 hex>`)
    QJsonObject body; ///< the whole request body
};

/// A POST /api/sendSeen the fake accepted.
struct WahaSeen
{
    QString session;
    QString chatId;
    QString messageId;
};

/// Every request the fake saw, answered or not.
struct WahaRequest
{
    QByteArray method;
    QString path;      ///< without the query
    QByteArray apiKey; ///< the X-Api-Key header as received
    int status = 0;    ///< what the fake answered
};

/// The options of a built inbound webhook (FakeWaha::messageEvent).
struct WahaEventOptions
{
    QString event = QStringLiteral("message");
    QString session = QStringLiteral("default");
    QString name; ///< payload._data.notifyName when set
    bool fromMe = false;
    QString participant;  ///< set for a group message
    qint64 timestamp = 0; ///< unix seconds; 0 = now
    QString mediaUrl;     ///< sets hasMedia and media{url, mimetype}
    QString mediaMime = QStringLiteral("image/jpeg");
};

/// A fake WAHA server (PROTOCOLS.md §2.1) on 127.0.0.1, speaking real HTTP/1.1 from its own
/// thread, so a client blocking on any other thread is always answered.
///
/// Endpoints: POST /api/sendText, /api/sendImage, /api/sendSeen (201 with the created message,
/// 422 for a session that is not running, 400 for a malformed body) and GET /api/files/<name>
/// (files a test registered). When an API key is set every request without it gets 401.
/// Thread-safe.
class FakeWaha
{
public:
    explicit FakeWaha(const QString &apiKey = {});
    ~FakeWaha();
    FakeWaha(const FakeWaha &) = delete;
    FakeWaha &operator=(const FakeWaha &) = delete;

    /// Listens on a free loopback port. False when it could not.
    bool start();
    quint16 port() const;
    /// "http://127.0.0.1:<port>"
    QString baseUrl() const;

    void setApiKey(const QString &apiKey);
    /// The sessions that are running (default: "default"); others get 422.
    void setSessions(const QStringList &sessions);
    /// Answer `id` as WEBJS does ({fromMe, remote, id, _serialized}) instead of a string.
    void setIdAsObject(bool asObject);

    /// Every request for the next `ms` milliseconds is answered with `httpStatus`.
    void failAllFor(int ms, int httpStatus = 503);
    /// The next `count` requests are answered with `httpStatus`.
    void failNext(int count, int httpStatus);
    /// Answers `ms` later (the request is handled at once: a client that gives up early still
    /// had its message sent, as with a slow WAHA).
    void setLatency(int ms);
    /// After each accepted message, POST a `message.ack` event (ack 2, DEVICE) to `url`, signed
    /// with X-Webhook-Hmac when `hmacKey` is set. An empty URL stops it.
    void setWebhook(const QUrl &url, const QByteArray &hmacKey = {});

    /// Serves `data` at /api/files/<name>; returns the full URL (as WAHA puts it in media.url).
    QString addFile(const QString &name, const QByteArray &data, const QByteArray &mimeType);

    QList<WahaSentMessage> sentMessages() const;
    /// Waits until at least `count` messages were accepted.
    bool waitForMessages(int count, int timeoutMs) const;
    QList<WahaSeen> seen() const;
    QList<WahaRequest> requests() const;
    /// Forgets sent messages, seen marks, the request log, injected failures and the latency.
    void clear();

    /// A `message` webhook body from `from` (digits → <digits>@c.us; ids with '@' as they are).
    static QByteArray messageEvent(const QString &from, const QString &id, const QString &text,
                                   const WahaEventOptions &options = {});
    /// A `message.ack` webhook body.
    static QByteArray ackEvent(const QString &messageId, int ack, const QString &session = QStringLiteral("default"));
    /// Lowercase hex HMAC-SHA512(key, body): the X-Webhook-Hmac value.
    static QByteArray hmac(const QByteArray &body, const QByteArray &key);
    /// The headers WAHA sends with a webhook: Content-Type, and the HMAC pair when `key` is set.
    static QList<QPair<QByteArray, QByteArray>> webhookHeaders(const QByteArray &body, const QByteArray &key);

private:
    struct State;
    class Server;

    std::shared_ptr<State> m_state;
    std::unique_ptr<QThread> m_thread;
    Server *m_server = nullptr; ///< lives in m_thread
    quint16 m_port = 0;
};

} // namespace kedai::test
