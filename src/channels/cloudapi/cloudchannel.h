#pragma once

#include "channels/channel.h"
#include "channels/httpclient.h"

#include <QMutex>
#include <QString>

namespace kedai::channels::cloudapi {

/// Where and as whom the channel talks to the Cloud API (WA_PHONE_NUMBER_ID, WA_ACCESS_TOKEN,
/// WA_API_BASE_URL).
struct CloudApiConfig
{
    QString phoneNumberId;
    QString accessToken;
    QString apiBaseUrl = QStringLiteral("https://graph.facebook.com/v21.0"); ///< with the version
    int timeoutMs = 15000;
};

/// The WhatsApp Business Cloud API (PROTOCOLS.md §1.5–1.7) as an IChannel: texts (split at 4096
/// characters), QRIS images (uploaded, then sent by media id), lists and reply buttons, read
/// receipts and inbound media downloads. Every call carries the bearer token; the token is never
/// logged nor put in an error message.
class CloudApiChannel final : public IChannel
{
public:
    explicit CloudApiChannel(CloudApiConfig config);

    static QString kName() { return QStringLiteral("whatsapp"); }
    QString name() const override { return kName(); }

    /// Text: one request per part, the receipt is the last part's wamid. Image: upload, then the
    /// image by id (a caption over 1024 continues as text). Interactive: a list or buttons when the
    /// payload fits, else `message.text` (the numbered fallback).
    common::Result<SendReceipt> send(const domain::OutboundMessage &message) override;
    bool supportsInteractive() const override { return true; }
    /// Marks the customer's message (externalId = wamid) read; failures are only logged.
    void markRead(const domain::InboundMessage &message) override;
    /// GET /{media-id}, then the file from its URL with the same bearer, written atomically as
    /// `<dir>/in-<media id>.<ext>`. "channel.media_too_large" above maxBytes (refused before the
    /// download when the API states the size), else "channel.transient" / "channel.permanent".
    common::Result<MediaFile> downloadMedia(const domain::InboundMessage &message, const QString &dir,
                                            qint64 maxBytes) override;
    /// "unconfigured" (no phone number id or token), "token_expired" after a 190/401 until a call
    /// succeeds, "failing" after 5 transient failures in a row, else "ok". Thread-safe.
    QJsonObject health() const override;

    /// Transient failures in a row that make health() "failing".
    static constexpr int kFailingAfter = 5;

private:
    enum class Outcome { Success, Transient, Auth, Permanent };

    bool configured() const;
    HttpRequest request(const QByteArray &method, const QString &pathOrUrl) const;
    /// Sends one JSON body to /messages; the wamid or the classified error.
    common::Result<QString> postMessage(const QJsonObject &body);
    common::Result<QString> sendText(const QString &to, const QString &text);
    common::Result<QString> sendImage(const domain::OutboundMessage &message);
    common::Result<QString> uploadMedia(const QString &path, QString *mimeType);
    /// Classifies a failed answer, records it for health() and drops the token from the text.
    common::Error failure(const HttpResponse &response);
    void record(Outcome outcome, const QString &message = {});

    const CloudApiConfig m_config;
    mutable QMutex m_mutex;
    bool m_tokenRefused = false;
    int m_transientInRow = 0;
    QString m_lastError;
};

} // namespace kedai::channels::cloudapi
