#pragma once

#include "common/result.h"
#include "domain/message.h"

#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

/// Webhooks of the WhatsApp Business Cloud API (PROTOCOLS.md §1.2–1.4): the GET handshake,
/// the X-Hub-Signature-256 check and the parser of the POST body.
namespace kedai::channels::cloudapi {

/// An inbound message with the Cloud API fields the inbox row does not hold.
struct CloudMessage
{
    domain::InboundMessage message; ///< channel "whatsapp", externalId = wamid, from = wa_id
    QString originalType;           ///< the webhook's `type` ("sticker", "reaction", …)
    QString mediaId;                ///< image/audio: the media id to download (§1.6)
    QString mimeType;               ///< image/audio: as sent, e.g. "audio/ogg; codecs=opus"
    bool voice = false;             ///< audio recorded as a voice note
    QString replyId;                ///< button_reply/list_reply id, or template button payload
    QString contextId;              ///< wamid of the quoted message (ours for button replies)
    int errorCode = 0;              ///< first `errors[].code` on the message (131051 for unsupported)
};

/// A delivery status of a message we sent.
struct CloudStatus
{
    QString messageId; ///< our wamid
    QString recipient; ///< recipient_id
    QString status;    ///< sent | delivered | read | failed | played
    QDateTime timestamp;
    int errorCode = 0; ///< first error, for failed
    QString errorTitle;
    QString errorDetails;
};

/// An asynchronous error delivered in `value.errors[]`.
struct CloudError
{
    int code = 0;
    QString title;
    QString message;
    QString details;
};

/// Everything one webhook POST carries, over all entries and changes.
struct CloudUpdate
{
    QList<CloudMessage> messages;
    QList<CloudStatus> statuses;
    QList<CloudError> errors;
    int skipped = 0; ///< malformed messages and statuses left out
};

/// True when \a headerValue is "sha256=" + the 64 hex digits of HMAC-SHA256(appSecret, rawBody).
/// The hex digits compare case-insensitively and in constant time. Empty secret → false.
bool verifySignature(QByteArrayView rawBody, QByteArrayView headerValue, QByteArrayView appSecret);

/// The body to answer the GET handshake with (hub.challenge), or nullopt for a 403.
std::optional<QString> verifyChallenge(const QString &mode, const QString &token, const QString &challenge,
                                       const QString &expectedToken);

/// Parses a webhook POST body. Error "cloudapi.bad_body" when the body is not a
/// whatsapp_business_account JSON object; malformed messages are counted in `skipped`.
common::Result<CloudUpdate> parseWebhook(QByteArrayView body);

} // namespace kedai::channels::cloudapi
