#include "domain/message.h"
#include "domain/stockitem.h"

namespace kedai::domain {

QString stockStatusName(StockStatus status)
{
    switch (status) {
    case StockStatus::Available: return QStringLiteral("available");
    case StockStatus::Reserved: return QStringLiteral("reserved");
    case StockStatus::Sold: return QStringLiteral("sold");
    case StockStatus::Void: return QStringLiteral("void");
    }
    return QStringLiteral("available");
}

StockStatus parseStockStatus(const QString &text)
{
    if (text == QLatin1String("reserved"))
        return StockStatus::Reserved;
    if (text == QLatin1String("sold"))
        return StockStatus::Sold;
    if (text == QLatin1String("void"))
        return StockStatus::Void;
    return StockStatus::Available;
}

QString messageTypeName(MessageType type)
{
    switch (type) {
    case MessageType::Text: return QStringLiteral("text");
    case MessageType::Image: return QStringLiteral("image");
    case MessageType::Audio: return QStringLiteral("audio");
    case MessageType::Interactive: return QStringLiteral("interactive");
    case MessageType::Unsupported: return QStringLiteral("unsupported");
    }
    return QStringLiteral("text");
}

MessageType parseMessageType(const QString &text)
{
    for (auto t : {MessageType::Text, MessageType::Image, MessageType::Audio, MessageType::Interactive}) {
        if (messageTypeName(t) == text)
            return t;
    }
    return MessageType::Unsupported;
}

} // namespace kedai::domain
