#pragma once

// Private helpers of kedai_store: not part of the library's public API.

#include "common/result.h"
#include "store/database.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantList>
#include <QVariantMap>

namespace kedai::store::sql {

/// Timestamps are ISO-8601 UTC text with milliseconds ("2026-11-21T08:15:30.123Z"), so they
/// sort as text and compare correctly in WHERE clauses (see resources/sql/README.md).
QString toDb(const QDateTime &when);
QString nowDb();
QDateTime fromDb(const QVariant &value);

/// NULL (an invalid QVariant) for an empty string / zero id, so optional columns stay NULL
/// rather than '' or 0. A plain QString() argument is bound as '' by run(), never as NULL.
QVariant nullIfEmpty(const QString &text);
QVariant nullIfZero(qint64 id);

/// The calling thread's connection, or store.unavailable when it cannot be opened.
common::Result<QSqlDatabase> connection(Database &db);

/// Logs the driver error (never the bound values: they may hold stock content) and turns it
/// into store.busy (lock timeout) or store.error.
common::Error dbError(const QSqlError &error, const QString &what);

bool isBusy(const QSqlError &error);

/// Prepares `sql`, binds `args` positionally (?), executes. The returned query is active and
/// forward-only; on failure the error is already logged.
common::Result<QSqlQuery> run(const QSqlDatabase &conn, const QString &sql, const QVariantList &args,
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

/// "IN (1,2,3)" list of ids. Ids come from the database as integers, never from user text.
QString idList(const QList<qint64> &ids);

} // namespace kedai::store::sql
