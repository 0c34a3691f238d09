#pragma once

// Private to kedai_store: the per-thread bookkeeping behind Database::connection() and
// Transaction, and the in-process stand-in for advisory locks on SQLite.

#include <QHash>
#include <QMutex>
#include <QSet>
#include <QSqlDatabase>
#include <QString>

#include <memory>

namespace kedai::store::detail {

/// One thread's connection to one Database.
struct ConnectionState
{
    int depth = 0;                     ///< open (nested) Transactions
    bool suspect = false;              ///< a statement failed as if the session were gone: check before reuse
    bool down = false;                 ///< the last reopen failed (log the outage once, not per call)
    std::shared_ptr<QMutex> writeLock; ///< SQLite: the write lock of the Database's file
    QSet<qint64> advisoryLocks;        ///< PostgreSQL: session locks this connection holds
};

/// The calling thread's connections. Deleted by QThreadStorage when the thread finishes (for
/// the main thread: when QCoreApplication is destroyed), which removes the connections, as
/// QSqlDatabase requires a connection to be closed by the thread that used it.
struct ThreadConnections
{
    QHash<quint64, QString> byInstance;     ///< Database instance -> connection name
    QHash<QString, ConnectionState> states; ///< connection name -> its state

    ~ThreadConnections();

    /// Removes the connection and forgets its name (its state goes with the caller's entry).
    static void release(quint64 instance, const QString &name);
};

/// The calling thread's bookkeeping, created on first use.
ThreadConnections &local();
/// Null when the calling thread never used a connection.
ThreadConnections *localIfAny();
ConnectionState &state(const QSqlDatabase &conn);

/// Connection names per Database instance across threads, so ~Database can remove the
/// connections of threads that are still running.
void registerName(quint64 instance, const QString &name);
QSet<QString> takeNames(quint64 instance);

/// SQLite's advisory locks: one holder per (file, key) in this process, the holder being a
/// Database instance on one thread. Released explicitly, when the thread ends, or with the instance.
bool tryLocalLock(const QString &scope, qint64 key, quint64 instance);
void localUnlock(const QString &scope, qint64 key, quint64 instance);
void releaseLocalLocks(quint64 instance);

} // namespace kedai::store::detail
