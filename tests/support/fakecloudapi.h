#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>

#include <chrono>
#include <memory>

namespace kedai::test {

/// A fake WhatsApp Business Cloud API (PROTOCOLS.md §1.5–1.7) on loopback: real HTTP/1.1 with
/// keep-alive, served by its own thread, so a client that blocks on any other thread (or the test
/// thread in a local event loop) is always answered.
///
/// Routes: POST /{version}/{phone-number-id}/messages (sends and mark-as-read),
/// POST /{version}/{phone-number-id}/media (multipart upload), GET and DELETE /{version}/{media-id},
/// and the media download URL the GET gives (bearer required). Every Graph call needs
/// `Authorization: Bearer <token>` (else 401 with the code-190 body of error_bodies.json). Sends are
/// validated against the §1.5 limits (400 code 100 with the reason when they are broken).
class FakeCloudApi
{
public:
    /// An accepted send.
    struct SentMessage
    {
        QString to;
        QString type; ///< text | image | interactive
        QJsonObject body;
        QString id; ///< the wamid the fake answered with
        QDateTime receivedAt;
        qint64 elapsedMs = 0; ///< since the fake started
    };
    struct ReadReceipt
    {
        QString messageId;
        QDateTime receivedAt;
    };
    struct Upload
    {
        QString mediaId;
        QByteArray bytes;
        QString mimeType;        ///< the `type` field
        QString partContentType; ///< the file part's own Content-Type
        QString fileName;
    };
    /// Every request the fake answered, in order.
    struct Request
    {
        QByteArray method;
        QString path;
        QByteArray authorization;
        int status = 0;
    };
    /// How GET /{media-id} gives `file_size` (both forms are seen in the wild).
    enum class FileSize { String, Number, Omitted };

    explicit FakeCloudApi(const QString &phoneNumberId = QStringLiteral("1122334455667"),
                          const QString &accessToken = QStringLiteral("test-token"),
                          const QString &version = QStringLiteral("v21.0"));
    ~FakeCloudApi();
    FakeCloudApi(const FakeCloudApi &) = delete;
    FakeCloudApi &operator=(const FakeCloudApi &) = delete;

    quint16 port() const;
    /// http://127.0.0.1:PORT/v21.0
    QString baseUrl() const;
    QString phoneNumberId() const;
    QString accessToken() const;

    /// Graph calls (sends, mark-as-read, uploads, media lookups; not the media download) answer
    /// this error for the given time / the next `count` calls.
    void failAllFor(std::chrono::milliseconds duration, int httpStatus = 503, int code = 131016);
    void failNext(int count, int httpStatus, int code);
    /// Sends to this wa_id answer the error (e.g. 400 / 131047); code 0 removes the rule.
    void failRecipient(const QString &waId, int httpStatus, int code);
    /// 401 code 190 on every call until renewToken().
    void expireToken();
    void renewToken();
    /// Answers every request this much later (the server stays responsive meanwhile).
    void setLatency(int ms);
    void setFileSizeStyle(FileSize style);
    /// After each accepted send: POST a signed `statuses` webhook (sent, then delivered) to `url`.
    void setStatusWebhook(const QUrl &url, const QByteArray &appSecret, const QString &phoneNumberId);

    /// Registers an inbound file (as if a customer had sent it); returns its media id.
    QString addMedia(const QByteArray &bytes, const QString &mimeType);

    QList<SentMessage> sentMessages() const;
    /// Waits (on any thread) until at least n sends were accepted.
    bool waitForMessages(int n, int timeoutMs) const;
    QList<ReadReceipt> readReceipts() const;
    QList<Upload> uploads() const;
    QList<Request> requests() const;
    /// Downloads of media bytes that were answered with the bytes.
    int downloads() const;
    /// Status webhooks POSTed and answered with 2xx.
    int statusWebhooksDelivered() const;
    /// Forgets what was recorded and every injected failure (media, token and latency stay).
    void clear();

    class Server;
    struct State;

private:
    std::unique_ptr<State> m_state;
};

} // namespace kedai::test
