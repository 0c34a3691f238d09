#pragma once

#include "common/result.h"

#include <QSqlDatabase>
#include <QString>

#include <QMutex>

#include <atomic>
#include <memory>

namespace kedai::store {

/// One logical database (SQLite file or PostgreSQL). Hands out one QSqlDatabase connection per
/// thread (QSqlDatabase connections must not cross threads); connections are closed when their
/// thread ends. Thread-safe.
class Database
{
public:
    enum class Backend { Sqlite, Postgres };

    /// Opens (creating the SQLite file and its folder if needed) and runs the numbered migrations.
    /// `url` is sqlite:///absolute/path/kedai.db. Errors: store.bad_url, store.backend_unsupported
    /// (PostgreSQL, issue 3), store.open_failed, store.driver_missing, store.migration_failed,
    /// store.schema_too_new. Each connection gets WAL, synchronous=NORMAL, busy_timeout=10000
    /// and foreign_keys=ON.
    static common::Result<std::shared_ptr<Database>> open(const QString &url);
    ~Database();

    Backend backend() const { return m_backend; }
    QString displayUrl() const; ///< the URL without any password

    /// The calling thread's connection, opened on first use. Check isOpen() on the result.
    QSqlDatabase connection();

    /// Schema version after migrations (number of the last applied migration file).
    common::Result<int> schemaVersion();

    /// A cheap round trip (SELECT 1) on this thread's connection.
    bool ping();

private:
    Database() = default;
    common::Result<void> migrate();
    QSqlDatabase openConnection(const QString &name);

    Backend m_backend = Backend::Sqlite;
    /// SQLite allows one writer at a time. Writers of this process queue on this mutex instead
    /// of SQLite's busy handler, which sleeps in steps of up to 100 ms and ruined latency.
    std::shared_ptr<QMutex> m_writeLock = std::make_shared<QMutex>();
    QString m_url;
    QString m_sqlitePath;
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
} // namespace detail

} // namespace kedai::store
