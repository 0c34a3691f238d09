#pragma once

// Private helpers of kedai_store: not part of the library's public API.

#include "common/result.h"
#include "store/database.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QString>
#include <QVariant>
#include <QVariantList>
#include <QVariantMap>

#include <map>
#include <optional>

namespace kedai::store::sql {

/// Timestamps are ISO-8601 UTC text with milliseconds ("2026-11-21T08:15:30.123Z"), so they
/// sort as text and compare correctly in WHERE clauses (see resources/sql/README.md).
QString toDb(const QDateTime &when);
QString nowDb();
QDateTime fromDb(const QVariant &value);

/// NULL (an invalid QVariant) for an empty string / zero id, so optional columns stay NULL
/// rather than '' or 0. A plain QString() argument is bound as '' by run(), never as NULL.
QVariant nullIfEmpty(const QString &text);
/// "%term%" for `LIKE ? ESCAPE '\'` (a backslash escapes): the term's own backslashes, % and _
/// are matched literally.
QString likePattern(const QString &term);
QVariant nullIfZero(qint64 id);

/// The calling thread's connection, or store.unavailable when it cannot be opened.
common::Result<QSqlDatabase> connection(Database &db);

/// Logs the driver error (never the bound values: they may hold stock content, and PostgreSQL's
/// DETAIL lines, which quote key values, are cut) and turns it into store.busy (lock timeout,
/// deadlock, serialization failure: worth a retry) or store.error.
common::Error dbError(const QSqlError &error, const QString &what);

bool isBusy(const QSqlError &error);

/// Prepares `sql`, binds `args` positionally (?), executes. The returned query is active and
/// forward-only; on failure the error is already logged.
/// On PostgreSQL the values are written into the statement by the driver's own formatValue()
/// (the escaping QPSQL uses for its prepared statements) and sent in one round trip: QPSQL's
/// prepare/execute/deallocate would cost three per statement.
common::Result<QSqlQuery> run(const QSqlDatabase &conn, const QString &sql, const QVariantList &args,
                              const QString &what);

/// For INSERT/UPDATE ... RETURNING: runs `sql` and reads every row it returns before anything
/// else can use the connection (on SQLite the statement holds the write lock until its last row
/// is read, so this happens under the in-process write lock).
common::Result<QList<QSqlRecord>> returning(const QSqlDatabase &conn, const QString &sql, const QVariantList &args,
                                            const QString &what);

/// Runs an INSERT with " RETURNING id" appended: the new row's id, or nullopt when ON CONFLICT
/// DO NOTHING skipped the row. (QPSQL has no lastInsertId() without an extra round trip.)
common::Result<std::optional<qint64>> insertId(const QSqlDatabase &conn, const QString &sql, const QVariantList &args,
                                               const QString &what);

/// Like run(), but returns the first column of the first row (or `fallback` when no row).
common::Result<QVariant> scalar(const QSqlDatabase &conn, const QString &sql, const QVariantList &args,
                                const QString &what, const QVariant &fallback = {});

/// Appends an audit_log row on `conn` (so it joins the caller's transaction).
common::Result<void> audit(const QSqlDatabase &conn, const QString &actor, const QString &action, const QString &entity,
                           const QVariantMap &before, const QVariantMap &after);

/// Compact JSON of a map, empty for an empty map.
QString toJson(const QVariantMap &map);

/// store.busy for a transaction that could not start (the write lock was not free in time);
/// Transaction has already logged the driver's text.
common::Error beginError(const QString &what);

/// Runs `body(conn)` inside a Transaction on the calling thread's connection and commits when
/// it returns a value; an error result (or an early return) rolls everything back.
template<typename Body>
auto transact(Database &db, const QString &what, Body &&body) -> decltype(body(std::declval<QSqlDatabase &>()))
{
    using R = decltype(body(std::declval<QSqlDatabase &>()));
    auto conn = connection(db);
    if (!conn)
        return R(conn.error());
    Transaction tx(db, conn.value());
    if (!tx.begun())
        return R(beginError(what));
    R result = body(conn.value());
    if (!result)
        return result;
    if (auto committed = tx.commit(); !committed)
        return R(committed.error());
    return result;
}

/// Rows of `table` per value of its `status` column, with every one of `statuses` present (0
/// when unused), so metrics series do not appear and vanish. `table` is a name from the code.
common::Result<std::map<QString, qint64>> countByStatus(Database &db, const QString &table,
                                                        const QStringList &statuses);

/// "IN (1,2,3)" list of ids. Ids come from the database as integers, never from user text.
QString idList(const QList<qint64> &ids);

/// The few places where SQLite and PostgreSQL need different SQL. Everything else is one text.
namespace dialect {

bool isPostgres(const QSqlDatabase &conn);
/// "ILIKE" on PostgreSQL; "LIKE" on SQLite, whose LIKE already ignores (ASCII) case.
QString caseInsensitiveLike(const QSqlDatabase &conn);
/// " FOR UPDATE" on PostgreSQL, to read a row that this transaction is about to change; empty
/// on SQLite, where BEGIN IMMEDIATE already keeps every other writer out.
QString forUpdate(const QSqlDatabase &conn);
/// " FOR UPDATE SKIP LOCKED" on PostgreSQL, so concurrent claimers take different rows instead
/// of waiting for (and then losing) the same ones; empty on SQLite (see forUpdate()).
QString skipLocked(const QSqlDatabase &conn);
/// Serialises the transactions that pass the same `key` until they end (pg_advisory_xact_lock,
/// scoped to the URL's schema); nothing on SQLite (see forUpdate()).
common::Result<void> lockForTransaction(const QSqlDatabase &conn, const QString &key, const QString &what);

} // namespace dialect

} // namespace kedai::store::sql
