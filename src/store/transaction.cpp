// Transaction: nested Transactions on one connection become savepoints, so an operation that
// opens its own transaction also works inside a caller's transaction (RAII keeps them strictly
// nested).

#include "common/log.h"
#include "store/database.h"
#include "store/sqlutil.h"
#include "store/threadconnections.h"

#include <QSqlError>
#include <QSqlQuery>

namespace kedai::store {

using common::makeError;

namespace {
int &transactionDepth(const QSqlDatabase &conn)
{
    return detail::state(conn).depth;
}
} // namespace

Transaction::Transaction(Database &db, QSqlDatabase conn)
    : m_conn(std::move(conn)), m_sqlite(db.backend() == Database::Backend::Sqlite)
{
    if (!m_conn.isOpen()) {
        m_error = QStringLiteral("the database connection is not open");
        return;
    }
    const int depth = transactionDepth(m_conn);
    if (depth == 0 && m_sqlite) {
        m_writeLock = detail::sqliteWriteLock(m_conn);
        if (m_writeLock)
            m_writeLock->lock();
    }
    const QString sql = depth > 0  ? QStringLiteral("SAVEPOINT kedai_sp_%1").arg(depth)
                        : m_sqlite ? QStringLiteral("BEGIN IMMEDIATE")
                                   : QStringLiteral("BEGIN");
    QSqlError error;
    for (int round = 0; round < 2 && !m_begun; ++round) {
        QSqlQuery q(m_conn);
        m_begun = q.exec(sql);
        if (m_begun)
            break;
        error = q.lastError();
        detail::noteQueryError(m_conn, error);
        // Nothing has happened in this transaction yet, so a session lost meanwhile (a server
        // restart) costs a reconnect, not the caller's operation. connection() reopens this
        // thread's connection in place, under the name m_conn refers to.
        if (depth > 0 || !detail::state(m_conn).suspect || db.connection().connectionName() != m_conn.connectionName()
            || !m_conn.isOpen())
            break;
    }
    if (!m_begun) {
        m_error = error.text();
        kedai::log::get("store")->warn("{} failed: {}", sql, m_error);
        releaseWriteLock();
        return;
    }
    ++transactionDepth(m_conn);
}

Transaction::~Transaction()
{
    rollback();
}

common::Result<void> Transaction::commit()
{
    if (!m_begun || m_done)
        return makeError(QStringLiteral("store.error"), QStringLiteral("No open transaction to commit"));
    m_done = true;
    int &depth = transactionDepth(m_conn);
    const int level = --depth;
    QSqlQuery q(m_conn);
    // PostgreSQL answers COMMIT of a failed transaction with a successful "ROLLBACK": the
    // driver's commit() notices, a plain exec() would report success for lost writes.
    const bool ok = level > 0  ? q.exec(QStringLiteral("RELEASE SAVEPOINT kedai_sp_%1").arg(level))
                    : m_sqlite ? q.exec(QStringLiteral("COMMIT"))
                               : m_conn.commit();
    if (ok) {
        releaseWriteLock();
        return {};
    }
    QSqlError error = level == 0 && !m_sqlite ? m_conn.lastError() : q.lastError();
    if (error.type() == QSqlError::NoError) // QPSQL says nothing when the session is gone
        error = QSqlError(QStringLiteral("the connection to the database was lost"), {}, QSqlError::ConnectionError);
    detail::noteQueryError(m_conn, error);
    m_error = error.text();
    // Never leave the connection inside a half-finished transaction.
    QSqlQuery undo(m_conn);
    if (level > 0) {
        undo.exec(QStringLiteral("ROLLBACK TO SAVEPOINT kedai_sp_%1").arg(level));
        undo.exec(QStringLiteral("RELEASE SAVEPOINT kedai_sp_%1").arg(level));
    } else {
        undo.exec(QStringLiteral("ROLLBACK"));
    }
    releaseWriteLock();
    return sql::dbError(error, QStringLiteral("committing a transaction"));
}

void Transaction::rollback()
{
    if (!m_begun || m_done)
        return;
    m_done = true;
    int &depth = transactionDepth(m_conn);
    const int level = --depth;
    QSqlQuery q(m_conn);
    bool ok = true;
    if (level > 0) {
        ok = q.exec(QStringLiteral("ROLLBACK TO SAVEPOINT kedai_sp_%1").arg(level))
             && q.exec(QStringLiteral("RELEASE SAVEPOINT kedai_sp_%1").arg(level));
    } else {
        ok = q.exec(QStringLiteral("ROLLBACK"));
    }
    // SQLite may already have rolled back by itself (e.g. after SQLITE_FULL): not an error.
    if (!ok) {
        detail::noteQueryError(m_conn, q.lastError());
        kedai::log::get("store")->debug("rollback: {}", q.lastError().text());
    }
    releaseWriteLock();
}

void Transaction::releaseWriteLock()
{
    if (m_writeLock) {
        m_writeLock->unlock();
        m_writeLock.reset();
    }
}

} // namespace kedai::store
