#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace kedai::cache {

/// Cache-aside store seam: callers read through `get`, load from the database on a miss, `put`
/// the result, and invalidate after every write they commit. Values are opaque bytes.
///
/// Keys are colon-separated names ("catalog:gold", "balance:42"). `invalidatePrefix` may drop
/// more than asked (a Redis backend invalidates whole colon-separated groups) but never less.
/// Implementations are thread-safe.
class ICache
{
public:
    virtual ~ICache() = default;
    virtual std::optional<QByteArray> get(const QString &key) = 0;
    virtual void put(const QString &key, const QByteArray &value, qint64 ttlMs) = 0;
    virtual void invalidate(const QString &key) = 0;
    virtual void invalidatePrefix(const QString &prefix) = 0;
    /// Both kinds at once: one Redis round trip for everything a committed write changed
    /// (a purchase: the customer's balance and the catalog).
    virtual void invalidateMany(const QStringList &keys, const QStringList &prefixes) = 0;
    /// Reads answered from the cache / not found in it, since construction (for the hit rate).
    virtual qint64 hits() const = 0;
    virtual qint64 misses() const = 0;
};

} // namespace kedai::cache
