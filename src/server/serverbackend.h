#pragma once

#include "common/result.h"
#include "domain/message.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace kedai::server {

struct IngestOutcome
{
    qint64 inboxId = 0;
    bool duplicate = false;
};

/// A delivery status a channel reported for a message we sent (Cloud API statuses, WAHA acks).
struct DeliveryStatus
{
    QString channel;    ///< "whatsapp" | "waha"
    QString externalId; ///< the channel's id of our message
    QString status;     ///< sent | delivered | read | played | failed
    QDateTime at;
    int errorCode = 0; ///< failed: the channel's error code
    QString error;     ///< failed: title and details
};

/// What the webhooks need to know about the channels. Secrets never leave the process.
struct ChannelSecrets
{
    bool cloudApi = false;  ///< WA_PHONE_NUMBER_ID and WA_ACCESS_TOKEN are set
    QByteArray waAppSecret; ///< X-Hub-Signature-256 key; empty: every POST is refused
    QString waVerifyToken;  ///< GET handshake; empty: every handshake is refused
    bool waha = false;      ///< WAHA_URL is set
    QByteArray wahaHmacKey; ///< X-Webhook-Hmac key; empty: not required
    QString wahaSession;    ///< only this session's events are taken
};

/// What the HTTP endpoint needs from the engine. Every method is called on the HTTP thread and
/// must be thread-safe (the engine uses that thread's own database connection).
class IServerBackend
{
public:
    virtual ~IServerBackend() = default;

    /// Commits the message to the inbox (deduplicated) and hands it to the bot. An error means
    /// it was NOT stored: the server answers 503 so the sender retries.
    virtual common::Result<IngestOutcome> ingest(const domain::InboundMessage &message) = 0;

    /// What a customer is told when their message could not be stored (the database is away):
    /// the "sistem sedang gangguan" text in the shop's language.
    virtual QString unavailableReply() const = 0;

    /// Sent simulator messages to `to` with id > afterId, oldest first.
    virtual common::Result<QList<domain::OutboundMessage>> simulatorMessages(const QString &to, qint64 afterId) = 0;

    /// {status: "ok"|"degraded"|"down", database: "ok"|"down", redis: "...", channels: {...}, ...}.
    /// The server answers 503 when database != "ok".
    virtual QJsonObject health() = 0;

    /// Extra Prometheus lines (gauges the engine knows: orders by status, outbox depth, health).
    virtual QByteArray metricsExtra() = 0;

    virtual QString adminToken() const = 0;

    /// Folder whose files are served at /api/simulator/media/<name> (images sent to customers).
    virtual QString mediaDir() const = 0;

    /// The key the shop's phone sends as X-Api-Key to /webhook/payment-notification
    /// (QRIS_LISTENER_KEY). Empty: the endpoint refuses every request.
    virtual QString qrisListenerKey() const = 0;

    /// Stores and applies forwarded payment notifications (one JSON object or an array), after
    /// the key check. One result object per notification: {id, status, duplicate, ref?}.
    /// Errors "notification.*" are a bad body (400, nothing stored); any other error means the
    /// store failed (503: the forwarder sends again, and what was stored is recognised as a repeat).
    virtual common::Result<QJsonArray> paymentNotifications(const QByteArray &body) = 0;

    virtual ChannelSecrets channelSecrets() const = 0;
    /// Records delivery statuses of sent messages (forward only). An error means the store failed
    /// (503: the channel sends the webhook again).
    virtual common::Result<int> recordDeliveries(const QList<DeliveryStatus> &statuses) = 0;
};

} // namespace kedai::server
