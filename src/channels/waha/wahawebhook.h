#pragma once

#include "common/result.h"
#include "domain/message.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

/// Webhooks of WAHA (PROTOCOLS.md §2.1): the X-Webhook-Hmac check, the parser of the POST body
/// and the mapping between Kedai's sender ids and WAHA chat ids.
namespace kedai::channels::waha {

/// A delivery report (`message.ack`) of a message we sent.
struct WahaStatus
{
    QString messageId; ///< payload.id, as the send answer gave it (`true_<chatId>_<ID>`)
    int ack = 0;       ///< -1 ERROR, 1 SERVER, 2 DEVICE, 3 READ, 4 PLAYED
    QString status;    ///< failed | sent | delivered | read | played
};

/// What one webhook POST carries. WAHA sends one event per request, so at most one message or
/// one status is filled.
struct WahaUpdate
{
    QString event;   ///< the envelope's `event`
    QString session; ///< the envelope's `session`
    QList<domain::InboundMessage> messages;
    QList<WahaStatus> statuses;
    int skipped = 0;    ///< messages and acks left out: ours, groups, broadcasts, other session, malformed
    int ignored = 0;    ///< events Kedai does not handle (session.status, presence.update, …)
    QString skipReason; ///< why the last item was skipped, for the log
};

/// True when \a headerValue (X-Webhook-Hmac) is the hex HMAC-SHA512(key, rawBody). The hex digits
/// compare case-insensitively and in constant time. Empty key → false.
bool verifyHmac(QByteArrayView rawBody, QByteArrayView headerValue, QByteArrayView key);

/// verifyHmac() plus the X-Webhook-Hmac-Algorithm header: it must be absent or "sha512".
bool verifySignedRequest(QByteArrayView rawBody, QByteArrayView hmacHeader, QByteArrayView algorithmHeader,
                         QByteArrayView key);

/// Parses a webhook POST body. Error "waha.bad_body" when the body is not a JSON object with an
/// `event`; everything else Kedai does not act on is counted in `skipped` or `ignored`. With
/// \a expectedSession set, events of other sessions are skipped.
common::Result<WahaUpdate> parseWebhook(QByteArrayView body, const QString &expectedSession = {});

/// The WAHA chat id to answer \a from (an InboundMessage::from): digits → `<digits>@c.us`; an id
/// that already has an `@` (e.g. `<id>@lid`) is kept. Empty when \a from is no usable id.
QString chatIdFor(const QString &from);

} // namespace kedai::channels::waha
