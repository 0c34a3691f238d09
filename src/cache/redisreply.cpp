#include "cache/redisreply.h"

#include <hiredis/hiredis.h>

#include <QStringList>

namespace kedai::cache {

RedisReply RedisReply::fromHiredis(const redisReply *reply)
{
    RedisReply out;
    if (!reply)
        return out;
    switch (reply->type) {
    case REDIS_REPLY_INTEGER:
        out.m_type = Type::Integer;
        out.m_integer = reply->integer;
        break;
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
    case REDIS_REPLY_ERROR:
        out.m_type = reply->type == REDIS_REPLY_STRING   ? Type::String
                     : reply->type == REDIS_REPLY_STATUS ? Type::Status
                                                         : Type::Error;
        out.m_bytes = QByteArray(reply->str, qsizetype(reply->len));
        break;
    case REDIS_REPLY_ARRAY:
        out.m_type = Type::Array;
        out.m_elements.reserve(reply->elements);
        for (size_t i = 0; i < reply->elements; ++i)
            out.m_elements.push_back(fromHiredis(reply->element[i]));
        break;
    default: // REDIS_REPLY_NIL, and nil arrays
        break;
    }
    return out;
}

QByteArray RedisReply::errorCode() const
{
    if (m_type != Type::Error)
        return {};
    const qsizetype space = m_bytes.indexOf(' ');
    return space < 0 ? m_bytes : m_bytes.left(space);
}

QString RedisReply::describe() const
{
    switch (m_type) {
    case Type::Nil: return QStringLiteral("(nil)");
    case Type::Integer: return QStringLiteral("(integer) %1").arg(m_integer);
    case Type::String: return QStringLiteral("\"%1\"").arg(QString::fromUtf8(m_bytes.left(200)));
    case Type::Status: return QString::fromUtf8(m_bytes);
    case Type::Error: return QStringLiteral("(error) %1").arg(QString::fromUtf8(m_bytes));
    case Type::Array: {
        QStringList parts;
        for (const auto &e : m_elements)
            parts << e.describe();
        return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    }
    return {};
}

} // namespace kedai::cache
