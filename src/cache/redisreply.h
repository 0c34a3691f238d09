#pragma once

#include <QByteArray>
#include <QString>

#include <vector>

struct redisReply;

namespace kedai::cache {

/// One Redis reply, copied out of hiredis' reply tree so that it outlives it. An error reply
/// (`-ERR ...`) is a value of type Error: the server answered, the connection is fine.
class RedisReply
{
public:
    enum class Type { Nil, Integer, String, Status, Array, Error };

    RedisReply() = default; ///< nil
    /// Deep copy of a hiredis reply; nullptr gives nil.
    static RedisReply fromHiredis(const redisReply *reply);

    Type type() const { return m_type; }
    bool isNil() const { return m_type == Type::Nil; }
    bool isError() const { return m_type == Type::Error; }
    bool isInteger() const { return m_type == Type::Integer; }
    bool isArray() const { return m_type == Type::Array; }

    /// The integer of an Integer reply, 0 otherwise.
    qint64 toInteger() const { return m_integer; }
    /// The bytes of a String, Status or Error reply; empty otherwise.
    const QByteArray &bytes() const { return m_bytes; }
    /// The elements of an Array reply; empty otherwise.
    const std::vector<RedisReply> &elements() const { return m_elements; }
    /// For an Error reply: its first word ("NOSCRIPT", "WRONGTYPE", "ERR"); empty otherwise.
    QByteArray errorCode() const;
    /// A short readable form for messages and test failures.
    QString describe() const;

private:
    Type m_type = Type::Nil;
    qint64 m_integer = 0;
    QByteArray m_bytes;
    std::vector<RedisReply> m_elements;
};

} // namespace kedai::cache
