#pragma once

#include "channels/channel.h"

#include <QMutex>
#include <QString>

namespace kedai::channels {
struct HttpResponse;
}

namespace kedai::channels::waha {

/// Where WAHA runs and which of its sessions (WhatsApp numbers) Kedai speaks through.
struct WahaConfig
{
    QString baseUrl = QStringLiteral("http://localhost:3000");
    QString apiKey; ///< sent as X-Api-Key when set (WAHA_API_KEY on the server)
    QString session = QStringLiteral("default");
    int timeoutMs = 15000;
};

/// WhatsApp through a self-hosted WAHA server (PROTOCOLS.md §2.1). WAHA has no lists or buttons,
/// so interactive messages go out as their numbered text fallback.
///
/// Thread-safe: send() runs on the sender thread, markRead() and downloadMedia() on bot shards,
/// health() anywhere. Every call blocks its thread until WAHA answers or the timeout passes.
class WahaChannel final : public IChannel
{
public:
    explicit WahaChannel(WahaConfig config);

    static QString kName() { return QStringLiteral("waha"); }
    QString name() const override { return kName(); }

    /// Text and Interactive → POST /api/sendText; Image → POST /api/sendImage with the file as
    /// base64. The receipt holds WAHA's message id (`true_<chatId>_<ID>`).
    common::Result<SendReceipt> send(const domain::OutboundMessage &message) override;
    bool supportsInteractive() const override { return false; }
    /// POST /api/sendSeen; failures are only logged.
    void markRead(const domain::InboundMessage &message) override;
    /// Fetches message.mediaId (WAHA's /api/files/… URL) with the API key. URLs that are not on
    /// the configured WAHA server (scheme, host and port) are refused: the URL comes from a
    /// webhook, and Kedai must not fetch whatever a forged one names.
    common::Result<MediaFile> downloadMedia(const domain::InboundMessage &message, const QString &dir,
                                            qint64 maxBytes) override;
    /// "ok" | "auth_failed" (401/403 until a call succeeds) | "failing" (5 transient send failures
    /// in a row) | "unconfigured" (no base URL).
    QJsonObject health() const override;

    const WahaConfig &config() const { return m_config; }

private:
    enum class Outcome { Success, Transient, Auth, Permanent };

    HttpResponse post(const QString &path, const QJsonObject &body, int timeoutMs) const;
    /// Maps a failed answer to the error contract of IChannel::send() and records it for health().
    common::Error classify(const HttpResponse &response, const QString &what, bool countsForFailing);
    void record(Outcome outcome, bool countsForFailing, const QString &detail);

    const WahaConfig m_config;
    mutable QMutex m_mutex;
    bool m_authFailed = false;
    int m_transientInRow = 0;
    QString m_lastError;
};

} // namespace kedai::channels::waha
