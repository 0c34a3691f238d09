#pragma once

#include "common/result.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>

#include <QMutex>

#include <atomic>
#include <memory>

namespace kedai::store {

struct PostgresUrl;

/// One logical database (SQLite file or PostgreSQL). Hands out one QSqlDatabase connection per
/// thread (QSqlDatabase connections must not cross threads); connections are closed when their
/// thread ends. Thread-safe.
class Database
{
public:
    enum class Backend { Sqlite, Postgres };

    /// Opens (creating the SQLite file and its folder if needed) and runs the numbered migrations.
    /// `url` is sqlite:///absolute/path/kedai.db or
    /// postgresql://user:pass@host:port/db[?schema=name&sslmode=mode&connect_timeout=seconds]
    /// (`postgres://` too; a schema is created when missing and becomes the search_path).
    /// Errors: store.bad_url, store.open_failed (for PostgreSQL: "Cannot connect to PostgreSQL at
    /// host:port: reason ..."), store.driver_missing, store.migration_failed, store.schema_too_new,
    /// store.busy. SQLite connections get WAL, synchronous=NORMAL, busy_timeout=10000 and
    /// foreign_keys=ON; PostgreSQL sessions get lock_timeout=10s and numbers in high precision.
    static common::Result<std::shared_ptr<Database>> open(const QString &url);
    ~Database();

    Backend backend() const { return m_backend; }
    QString displayUrl() const; ///< the URL without any password

    /// The calling thread's connection, opened on first use. Check isOpen() on the result.
    /// A PostgreSQL connection on which a statement failed with a connection error (server
    /// restarted, session killed) is checked and reopened here, unless a Transaction is open on it.
    QSqlDatabase connection();

    /// Schema version after migrations (number of the last applied migration file).
    common::Result<int> schemaVersion();

    /// A cheap round trip (SELECT 1) on this thread's connection; reconnects once when the
    /// connection was lost, so health checks recover by themselves after a server restart.
    bool ping();

    /// Takes the lock `key` for the calling thread without waiting; true when this thread holds
    /// it (again: repeated calls do not stack). Only one holder among every instance sharing the
    /// database: on PostgreSQL a session lock (pg_try_advisory_lock) of this thread's connection,
    /// scoped to the URL's schema, lost with the connection (the next call competes again); on
    /// SQLite an in-process lock per file. Released by advisoryUnlock() or when the thread ends.
    bool tryAdvisoryLock(qint64 key);
    void advisoryUnlock(qint64 key);

private:
    Database();
    static common::Result<std::shared_ptr<Database>> openSqlite(const QString &url);
    static common::Result<std::shared_ptr<Database>> openPostgres(const QString &url);
    common::Result<void> prepareSchema(QSqlDatabase &conn);
    QSqlDatabase openConnection(const QString &name);
    bool openSession(QSqlDatabase &conn);
    void reopen(QSqlDatabase &conn);
    qint64 scopedLockKey(qint64 key) const;

    Backend m_backend = Backend::Sqlite;
    /// SQLite allows one writer at a time. Writers of this instance queue on this mutex instead
    /// of SQLite's busy handler, which sleeps in steps of up to 100 ms and ruined latency.
    std::shared_ptr<QMutex> m_writeLock;
    QString m_displayUrl;
    QString m_sqlitePath;
    std::unique_ptr<const PostgresUrl> m_pg; ///< PostgreSQL settings, with the password
    quint64 m_instance = 0;
};

/// RAII transaction on a thread's connection. On SQLite it is BEGIN IMMEDIATE (takes the write
/// lock up front, so two purchases never deadlock on lock upgrade); on PostgreSQL plain BEGIN.
/// Rolls back unless commit() succeeded. A Transaction opened while another is open on the same
/// connection becomes a SAVEPOINT, so repository calls also work inside a caller's transaction.
class Transaction
{
public:
    Transaction(Database &db, QSqlDatabase conn);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    bool begun() const { return m_begun; }
    common::Result<void> commit();
    void rollback();
    const QString &error() const { return m_error; }

private:
    void releaseWriteLock();

    QSqlDatabase m_conn;
    std::shared_ptr<QMutex> m_writeLock; ///< held from BEGIN to COMMIT/ROLLBACK of a top-level SQLite transaction
    bool m_sqlite = true;
    bool m_begun = false;
    bool m_done = false;
    QString m_error;
};

namespace detail {
/// The write lock of the Database that owns `conn` (SQLite only; null otherwise) and whether a
/// Transaction is open on it. Lets single-statement writes queue like transactions do.
std::shared_ptr<QMutex> sqliteWriteLock(const QSqlDatabase &conn);
bool inTransaction(const QSqlDatabase &conn);
/// Called with every failed statement: on PostgreSQL, an error that may mean the session is gone
/// marks the connection for a check by the next Database::connection().
void noteQueryError(const QSqlDatabase &conn, const QSqlError &error);
} // namespace detail

} // namespace kedai::store
