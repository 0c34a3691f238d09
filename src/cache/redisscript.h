#pragma once

#include <QByteArray>
#include <QCryptographicHash>

namespace kedai::cache {

/// A Lua script sent by EVALSHA: its SHA1 is computed here, the same way Redis does, so the
/// source travels only once per server (after a NOSCRIPT answer).
class RedisScript
{
public:
    explicit RedisScript(QByteArray source)
        : m_source(std::move(source)), m_sha1(QCryptographicHash::hash(m_source, QCryptographicHash::Sha1).toHex())
    {
    }
    const QByteArray &source() const { return m_source; }
    const QByteArray &sha1() const { return m_sha1; }

private:
    QByteArray m_source;
    QByteArray m_sha1;
};

} // namespace kedai::cache
