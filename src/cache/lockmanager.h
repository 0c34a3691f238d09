#pragma once

#include <QString>

#include <optional>

namespace kedai::cache {

/// Short-lived named locks with owner tokens (protection for users and load, not for
/// correctness: the database transaction is the source of truth).
class ILockManager
{
public:
    virtual ~ILockManager() = default;
    /// A token when the lock was free (or expired), nullopt when someone else holds it.
    virtual std::optional<QString> tryLock(const QString &key, qint64 ttlMs) = 0;
    /// Releases only if `token` still owns the lock. Returns whether it did.
    virtual bool unlock(const QString &key, const QString &token) = 0;
    /// Sets the lock's remaining time to `ttlMs` if `token` still owns it (long work renews its
    /// lock before it expires). False when the lock expired or belongs to someone else.
    virtual bool extend(const QString &key, const QString &token, qint64 ttlMs) = 0;
};

/// Releases the lock on scope exit.
class LockGuard
{
public:
    LockGuard(ILockManager &locks, QString key, std::optional<QString> token)
        : m_locks(locks), m_key(std::move(key)), m_token(std::move(token))
    {
    }
    ~LockGuard()
    {
        if (m_token)
            m_locks.unlock(m_key, *m_token);
    }
    LockGuard(const LockGuard &) = delete;
    LockGuard &operator=(const LockGuard &) = delete;
    bool owns() const { return m_token.has_value(); }

private:
    ILockManager &m_locks;
    QString m_key;
    std::optional<QString> m_token;
};

} // namespace kedai::cache
