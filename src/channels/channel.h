#pragma once

#include "common/result.h"
#include "domain/message.h"

#include <QJsonObject>
#include <QString>

namespace kedai::channels {

struct SendReceipt
{
    QString externalId; ///< the channel's id for the sent message
};

/// A downloaded inbound file.
struct MediaFile
{
    QString path; ///< absolute path in the data dir's media folder
    QString mimeType;
    qint64 size = 0;
};

/// A messaging channel the sender thread delivers outbox rows through.
///
/// send() errors carry one of these codes; details["code"] holds the channel's own error code
/// (e.g. 131047) when there is one, details["retryAfterMs"] a minimum delay when the channel
/// asked for one:
/// - "channel.transient": retry with backoff (rate limits, 5xx, timeouts, refused connections);
/// - "channel.auth": the credentials are refused (Cloud API 190, token expired; WAHA 401): the
///   message stays queued and is retried, and health() reports the alert until a send works;
/// - "channel.permanent": never retried (outside the 24-hour window, not on WhatsApp, a bad
///   request); recorded and shown.
class IChannel
{
public:
    virtual ~IChannel() = default;
    virtual QString name() const = 0;
    /// Called on the sender thread only.
    virtual common::Result<SendReceipt> send(const domain::OutboundMessage &message) = 0;
    /// Whether send() shows domain::Interactive payloads as lists and buttons; otherwise the
    /// sender sends the text (the numbered fallback).
    virtual bool supportsInteractive() const { return false; }
    /// Whether the sender applies the shop's send-rate cap and per-recipient pacing (real
    /// WhatsApp numbers); the simulator is not paced.
    virtual bool paced() const { return true; }
    /// Tells the channel the customer's message was read (best effort, errors only logged).
    /// Called on a bot shard thread.
    virtual void markRead(const domain::InboundMessage &message) { Q_UNUSED(message); }
    /// Downloads the file of an inbound message (message.mediaId) into `dir`, refusing files over
    /// `maxBytes` ("channel.media_too_large"). Called on a bot shard thread.
    virtual common::Result<MediaFile> downloadMedia(const domain::InboundMessage &message, const QString &dir,
                                                    qint64 maxBytes)
    {
        Q_UNUSED(message);
        Q_UNUSED(dir);
        Q_UNUSED(maxBytes);
        return common::makeError(QStringLiteral("channel.no_media"),
                                 QStringLiteral("This channel has no media to download"));
    }
    /// {"state": "ok" | "token_expired" | "failing" | "unconfigured", "detail": "…"}: shown in
    /// /healthz and the window. Thread-safe.
    virtual QJsonObject health() const { return {{QStringLiteral("state"), QStringLiteral("ok")}}; }
};

} // namespace kedai::channels
