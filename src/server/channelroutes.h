#pragma once

// Private to kedai_server: the WhatsApp webhooks (Cloud API and WAHA). The body limit and the
// method check happen before these are called (WebhookServer's request pipeline); the
// signature is checked here, on the raw body, before anything is parsed or stored.

#include "server/serverbackend.h"

#include <QHttpServerRequest>
#include <QHttpServerResponse>

namespace kedai::server {

class ChannelRoutes
{
public:
    explicit ChannelRoutes(IServerBackend *backend) : m_backend(backend) {}

    /// GET /webhook/whatsapp?hub.mode=subscribe&hub.verify_token=…&hub.challenge=… → 200 with
    /// the challenge as text/plain, else 403.
    QHttpServerResponse whatsappVerify(const QHttpServerRequest &request) const;
    /// POST /webhook/whatsapp: X-Hub-Signature-256 (401 when missing or wrong, nothing stored),
    /// then every message to the inbox and every status to the outbox; 200 only after the commit.
    QHttpServerResponse whatsappEvent(const QHttpServerRequest &request) const;
    /// POST /webhook/waha: X-Webhook-Hmac when WAHA_HMAC_KEY is set; `message` events to the inbox,
    /// `message.ack` to the outbox.
    QHttpServerResponse wahaEvent(const QHttpServerRequest &request) const;

private:
    /// Stores the messages (deduplicated) and the statuses; the answer for the sender.
    QHttpServerResponse store(const QList<domain::InboundMessage> &messages, const QList<DeliveryStatus> &statuses,
                              int skipped) const;

    IServerBackend *m_backend;
};

} // namespace kedai::server
