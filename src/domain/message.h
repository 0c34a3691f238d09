#pragma once

#include <QDateTime>
#include <QString>

namespace kedai::domain {

enum class MessageType { Text, Image, Audio, Interactive, Unsupported };
QString messageTypeName(MessageType type);
MessageType parseMessageType(const QString &text);

/// A message a customer sent, as committed to the inbox.
struct InboundMessage
{
    qint64 id = 0;      ///< inbox row id, 0 before commit
    QString channel;    ///< "simulator", "whatsapp", "waha"
    QString externalId; ///< the channel's message id: unique per channel (dedupe key)
    QString from;       ///< sender id on the channel (for WhatsApp: digits)
    QString name;       ///< display name, may be empty
    MessageType type = MessageType::Text;
    QString text;
    QString mediaPath; ///< the downloaded file (absolute path), once it is
    QString mediaId;   ///< the channel's id or URL of an inbound file, to download when handled
    QString mediaMime; ///< its content type as the channel gave it
    QDateTime receivedAt;
};

/// A reply waiting in, or sent from, the outbox.
struct OutboundMessage
{
    qint64 id = 0;
    QString channel;
    QString to;
    MessageType type = MessageType::Text;
    QString text;      ///< body, or caption for an image
    QString mediaPath; ///< absolute path of the file for images
    QString status;    ///< pending | sending | sent | failed
    int attempts = 0;
    QString lastError;
    QString externalId; ///< id given by the channel on send
    qint64 inboxId = 0; ///< the inbound message this answers (0 for none)
    /// Interactive messages: the list or the reply buttons as JSON (see domain/interactive.h);
    /// `text` then holds the numbered plain-text fallback for channels that cannot show them.
    QString payload;
    QString delivery; ///< what the channel reported: sent | delivered | read | played | failed
    QDateTime deliveryAt;
    int errorCode = 0; ///< the channel's code of the last failure (e.g. 131047)
    QString sentBy;    ///< empty: the bot; "staff:<name>" for a reply from the Conversations panel
    QDateTime createdAt;
    QDateTime sentAt;
};

} // namespace kedai::domain
