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
    QString mediaPath;
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
    QDateTime createdAt;
    QDateTime sentAt;
};

} // namespace kedai::domain
