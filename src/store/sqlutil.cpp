#include "store/sqlutil.h"

#include "common/log.h"
#include "store/database.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDriver>
#include <QSqlField>
#include <QStringList>

namespace kedai::store::sql {

namespace {

/// A bound value as an SQL literal, escaped by the driver exactly as QPSQL escapes the values of
/// its own prepared statements (it sends "EXECUTE stmt (<formatValue() of each value>)").
QString literal(const QSqlDriver *driver, const QVariant &value)
{
    if (!value.isValid() || value.isNull())
        return QStringLiteral("NULL");
    QVariant v = value;
    if (v.metaType() == QMetaType::fromType<bool>()) {
        v = v.toBool() ? 1 : 0; // flags are 0/1 integers in both schemas
    } else if (v.metaType() == QMetaType::fromType<QString>()) {
        QString text = v.toString();
        if (text.isNull())
            text = QStringLiteral(""); // as in run(): an empty text, never NULL
        // libpq sends a statement as a C string, so a NUL would cut it short (and PostgreSQL
        // text cannot hold one anyway).
        text.replace(QChar(0), QChar(QChar::ReplacementCharacter));
        v = text;
    }
    QSqlField field(QString(), v.metaType());
    field.setValue(v);
    QString out = driver->formatValue(field);
    // "x -?" with -5 would read "x --5": the rest of the line a comment.
    if (out.startsWith(QLatin1Char('-')))
        out = QLatin1Char('(') + out + QLatin1Char(')');
    return out;
}

/// `sql` with each ? outside quotes replaced by the next value; nullopt when the counts differ.
/// The statements are Kedai's own: no comments, no dollar quoting, no `?` operators.
std::optional<QString> withValues(const QSqlDatabase &conn, const QString &sql, const QVariantList &args)
{
    const QSqlDriver *driver = conn.driver();
    QString out;
    out.reserve(sql.size() + args.size() * 16);
    qsizetype next = 0;
    QChar quote;
    for (const QChar c : sql) {
        if (!quote.isNull()) {
            if (c == quote) // a doubled quote leaves and re-enters: same result
                quote = QChar();
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
        } else if (c == QLatin1Char('?')) {
            if (next >= args.size())
                return std::nullopt;
            out += literal(driver, args.at(next++));
            continue;
        }
        out += c;
    }
    if (next != args.size())
        return std::nullopt;
    return out;
}

bool isWrite(const QString &sql)
{
    const QStringView head = QStringView(sql).trimmed().left(6);
    return head.compare(QLatin1String("INSERT"), Qt::CaseInsensitive) == 0
           || head.compare(QLatin1String("UPDATE"), Qt::CaseInsensitive) == 0
           || head.compare(QLatin1String("DELETE"), Qt::CaseInsensitive) == 0;
}

/// run() and returning(): with `rows`, every row is read before the write lock is released.
common::Result<QSqlQuery> execute(const QSqlDatabase &conn, const QString &sql, const QVariantList &args,
                                  const QString &what, QList<QSqlRecord> *rows)
{
    QSqlQuery q(conn);
    q.setForwardOnly(true);
    const bool postgres = dialect::isPostgres(conn);
    std::optional<QString> statement;
    if (postgres) {
        statement = withValues(conn, sql, args);
        if (!statement) {
            kedai::log::get("store")->error("{}: {} values for the placeholders of: {}", what, args.size(), sql);
            return common::makeError(QStringLiteral("store.error"),
                                     QStringLiteral("Database error while %1: wrong number of values").arg(what));
        }
    } else {
        if (!q.prepare(sql))
            return dbError(q.lastError(), what);
        for (const QVariant &arg : args) {
            // Qt binds a null QString as SQL NULL; a QString() meant as text must stay '' (NOT
            // NULL columns). Real NULLs are passed as an invalid QVariant (see nullIfEmpty).
            if (arg.metaType() == QMetaType::fromType<QString>() && arg.toString().isNull())
                q.addBindValue(QStringLiteral(""));
            else
                q.addBindValue(arg);
        }
    }
    // A write outside a Transaction queues on the same in-process lock as transactions do.
    std::shared_ptr<QMutex> writeLock;
    if (!detail::inTransaction(conn) && isWrite(sql))
        writeLock = detail::sqliteWriteLock(conn);
    if (writeLock)
        writeLock->lock();
    bool ok = postgres ? q.exec(*statement) : q.exec();
    if (ok && rows) {
        while (q.next())
            rows->append(q.record());
        ok = q.lastError().type() == QSqlError::NoError;
        q.finish();
    }
    if (writeLock)
        writeLock->unlock();
    if (!ok) {
        detail::noteQueryError(conn, q.lastError());
        return dbError(q.lastError(), what);
    }
    return q;
}

} // namespace

QString toDb(const QDateTime &when)
{
    return when.toUTC().toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'"));
}

QString nowDb()
{
    return toDb(QDateTime::currentDateTimeUtc());
}

QDateTime fromDb(const QVariant &value)
{
    if (value.isNull())
        return {};
    QDateTime dt = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return dt.isValid() ? dt.toUTC() : QDateTime();
}

QVariant nullIfEmpty(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

QString likePattern(const QString &term)
{
    QString escaped = term;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('%'), QLatin1String("\\%"));
    escaped.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

QVariant nullIfZero(qint64 id)
{
    return id == 0 ? QVariant() : QVariant(id);
}

common::Result<QSqlDatabase> connection(Database &db)
{
    QSqlDatabase conn = db.connection();
    if (!conn.isOpen())
        return common::makeError(
            QStringLiteral("store.unavailable"),
            QStringLiteral("The database %1 cannot be opened: %2").arg(db.displayUrl(), conn.lastError().text()));
    return conn;
}

bool isBusy(const QSqlError &error)
{
    // PostgreSQL: lock_timeout expired, serialization failure, deadlock: all worth a retry.
    const QString state = error.nativeErrorCode();
    if (state == QLatin1String("55P03") || state == QLatin1String("40001") || state == QLatin1String("40P01"))
        return true;
    // SQLite: 5 = SQLITE_BUSY, 6 = SQLITE_LOCKED (extended codes keep these in the low byte).
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    if (ok && ((code & 0xff) == 5 || (code & 0xff) == 6))
        return true;
    return error.databaseText().contains(QLatin1String("database is locked"));
}

common::Error dbError(const QSqlError &error, const QString &what)
{
    const bool busy = isBusy(error);
    // The first line only: PostgreSQL's DETAIL line quotes the key of a violated constraint
    // (stock content, phone numbers), which belongs neither in logs nor in replies.
    QString text = error.databaseText().section(QLatin1Char('\n'), 0, 0).trimmed();
    if (text.isEmpty())
        text = error.text().section(QLatin1Char('\n'), 0, 0).trimmed();
    kedai::log::get("store")->warn("{} failed: {} ({})", what, text, error.nativeErrorCode());
    if (busy)
        return common::makeError(QStringLiteral("store.busy"),
                                 QStringLiteral("The database is busy (%1); please try again").arg(what));
    return common::makeError(QStringLiteral("store.error"),
                             QStringLiteral("Database error while %1: %2").arg(what, text));
}

common::Result<QSqlQuery> run(const QSqlDatabase &conn, const QString &sql, const QVariantList &args,
                              const QString &what)
{
    return execute(conn, sql, args, what, nullptr);
}

common::Result<QList<QSqlRecord>> returning(const QSqlDatabase &conn, const QString &sql, const QVariantList &args,
                                            const QString &what)
{
    QList<QSqlRecord> rows;
    if (auto q = execute(conn, sql, args, what, &rows); !q)
        return q.error();
    return rows;
}

common::Result<std::optional<qint64>> insertId(const QSqlDatabase &conn, const QString &sql, const QVariantList &args,
                                               const QString &what)
{
    auto rows = returning(conn, sql + QStringLiteral(" RETURNING id"), args, what);
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return std::optional<qint64>();
    return std::optional<qint64>(rows->first().value(0).toLongLong());
}

common::Result<QVariant> scalar(const QSqlDatabase &conn, const QString &sql, const QVariantList &args,
                                const QString &what, const QVariant &fallback)
{
    auto q = run(conn, sql, args, what);
    if (!q)
        return q.error();
    QSqlQuery query = std::move(q).value();
    return query.next() ? query.value(0) : fallback;
}

QString toJson(const QVariantMap &map)
{
    if (map.isEmpty())
        return {};
    return QString::fromUtf8(QJsonDocument(QJsonObject::fromVariantMap(map)).toJson(QJsonDocument::Compact));
}

common::Result<void> audit(const QSqlDatabase &conn, const QString &actor, const QString &action, const QString &entity,
                           const QVariantMap &before, const QVariantMap &after)
{
    auto q = run(conn,
                 QStringLiteral("INSERT INTO audit_log (actor, action, entity, \"before\", \"after\", at) "
                                "VALUES (?, ?, ?, ?, ?, ?)"),
                 {actor.isEmpty() ? QStringLiteral("system") : actor, action, entity, nullIfEmpty(toJson(before)),
                  nullIfEmpty(toJson(after)), nowDb()},
                 QStringLiteral("writing the audit log"));
    if (!q)
        return q.error();
    return {};
}

common::Error beginError(const QString &what)
{
    return common::makeError(QStringLiteral("store.busy"),
                             QStringLiteral("The database is busy (%1); please try again").arg(what));
}

QString idList(const QList<qint64> &ids)
{
    QStringList parts;
    parts.reserve(ids.size());
    for (qint64 id : ids)
        parts << QString::number(id);
    return QLatin1Char('(') + parts.join(QLatin1Char(',')) + QLatin1Char(')');
}

namespace dialect {

bool isPostgres(const QSqlDatabase &conn)
{
    return conn.driverName() == QLatin1String("QPSQL");
}

QString caseInsensitiveLike(const QSqlDatabase &conn)
{
    return isPostgres(conn) ? QStringLiteral("ILIKE") : QStringLiteral("LIKE");
}

QString forUpdate(const QSqlDatabase &conn)
{
    return isPostgres(conn) ? QStringLiteral(" FOR UPDATE") : QString();
}

QString skipLocked(const QSqlDatabase &conn)
{
    return isPostgres(conn) ? QStringLiteral(" FOR UPDATE SKIP LOCKED") : QString();
}

common::Result<void> lockForTransaction(const QSqlDatabase &conn, const QString &key, const QString &what)
{
    if (!isPostgres(conn))
        return {};
    // Scoped by the session's search_path setting (the URL's schema), not by current_schema():
    // that one is resolved from a catalog cache and reads NULL for a schema that another session
    // created a moment ago.
    auto q = run(conn,
                 QStringLiteral("SELECT pg_advisory_xact_lock(hashtextextended(? || ':' || "
                                "current_setting('search_path'), 0))"),
                 {key}, what);
    if (!q)
        return q.error();
    return {};
}

} // namespace dialect

common::Result<std::map<QString, qint64>> countByStatus(Database &db, const QString &table, const QStringList &statuses)
{
    auto conn = connection(db);
    if (!conn)
        return conn.error();
    auto q = run(*conn, QStringLiteral("SELECT status, COUNT(*) FROM ") + table + QStringLiteral(" GROUP BY status"),
                 {}, QStringLiteral("counting ") + table);
    if (!q)
        return q.error();
    std::map<QString, qint64> out;
    for (const QString &s : statuses)
        out[s] = 0;
    while (q.value().next())
        out[q.value().value(0).toString()] = q.value().value(1).toLongLong();
    return out;
}

} // namespace kedai::store::sql
