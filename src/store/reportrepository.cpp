#include "store/reportrepository.h"

#include "store/sqlutil.h"

#include <algorithm>

namespace kedai::store {

using common::Result;

namespace {

/// Orders that count as sales (see DashboardStats). Written as an expression, not as
/// `status IN (...)`: SQLite has no statistics and would walk every delivered order through
/// idx_orders_status rather than range over the period's orders in idx_orders_paid.
QString sold(const QString &column)
{
    return QStringLiteral("CASE ") + column
           + QStringLiteral(" WHEN 'paid' THEN 1 WHEN 'delivered' THEN 1 ELSE 0 END = 1");
}

/// Adds the sales between [from, to) (UTC) to `stats`, per local day and hour of `zone`.
/// SQL groups them per quarter hour of UTC (one portable text: substr of the fixed-width ISO
/// text), at most 96 groups a day whatever the number of orders. Every UTC offset in use is a
/// whole number of quarter hours, so each group lies within one local hour.
Result<void> addSales(const QSqlDatabase &conn, const QDateTime &from, const QDateTime &to, const QTimeZone &zone,
                      DashboardStats &stats)
{
    auto q = sql::run(conn,
                      QStringLiteral("SELECT substr(paid_at, 1, 13), CAST(substr(paid_at, 15, 2) AS INTEGER) / 15, "
                                     "COUNT(*), CAST(SUM(qty) AS BIGINT), CAST(SUM(total) AS BIGINT) FROM orders "
                                     "WHERE paid_at >= ? AND paid_at < ? AND ")
                          + sold(QStringLiteral("status")) + QStringLiteral(" GROUP BY 1, 2"),
                      {sql::toDb(from), sql::toDb(to)}, QStringLiteral("summing sales"));
    if (!q)
        return q.error();
    const QDate first = stats.firstDay();
    while (q.value().next()) {
        const QString hourText = q.value().value(0).toString(); // "2026-11-21T08"
        const QDate utcDate = QDate::fromString(hourText.left(10), Qt::ISODate);
        const int utcHour = hourText.mid(11, 2).toInt();
        const int quarter = q.value().value(1).toInt();
        const QDateTime local = QDateTime(utcDate, QTime(utcHour, quarter * 15), Qt::UTC).toTimeZone(zone);
        const qint64 orders = q.value().value(2).toLongLong();
        const qint64 items = q.value().value(3).toLongLong();
        const common::Rupiah revenue = q.value().value(4).toLongLong();
        // Only a zone offset that is not a whole number of quarter hours could put a group's
        // start before the window: it belongs to the first day then.
        const qint64 day = std::clamp<qint64>(first.daysTo(local.date()), 0, DashboardStats::kDays - 1);
        stats.revenuePerDay[day] += revenue;
        if (day == DashboardStats::kDays - 1) {
            stats.revenueToday += revenue;
            stats.ordersToday += orders;
            stats.itemsSoldToday += items;
            stats.ordersPerHour[local.date() == stats.today ? local.time().hour() : 0] += orders;
        }
    }
    return {};
}

Result<QList<TopProduct>> topProducts(const QSqlDatabase &conn, const QDateTime &from, const QDateTime &to)
{
    auto q = sql::run(conn,
                      QStringLiteral("SELECT p.code, p.name, CAST(SUM(o.qty) AS BIGINT), CAST(SUM(o.total) AS BIGINT) "
                                     "FROM orders o JOIN products p ON p.id = o.product_id "
                                     "WHERE o.paid_at >= ? AND o.paid_at < ? AND ")
                          + sold(QStringLiteral("o.status"))
                          + QStringLiteral(" GROUP BY p.id, p.code, p.name ORDER BY 4 DESC, 3 DESC, p.code LIMIT ?"),
                      {sql::toDb(from), sql::toDb(to), DashboardStats::kTopProducts},
                      QStringLiteral("listing top products"));
    if (!q)
        return q.error();
    QList<TopProduct> out;
    while (q.value().next())
        out << TopProduct{q.value().value(0).toString(), q.value().value(1).toString(), q.value().value(2).toLongLong(),
                          q.value().value(3).toLongLong()};
    return out;
}

Result<QList<LowStockProduct>> lowStock(const QSqlDatabase &conn)
{
    // PPOB products are sold through the provider's API: they have no stock to run out of.
    auto q = sql::run(conn,
                      QStringLiteral("SELECT p.code, p.name, COUNT(s.id), p.low_stock_threshold FROM products p "
                                     "LEFT JOIN stock_items s ON s.product_id = p.id AND s.status = 'available' "
                                     "WHERE p.active = 1 AND p.kind <> 'ppob' "
                                     "GROUP BY p.id, p.code, p.name, p.low_stock_threshold "
                                     "HAVING COUNT(s.id) <= p.low_stock_threshold ORDER BY 3, p.code"),
                      {}, QStringLiteral("listing low stock"));
    if (!q)
        return q.error();
    QList<LowStockProduct> out;
    while (q.value().next())
        out << LowStockProduct{q.value().value(0).toString(), q.value().value(1).toString(),
                               q.value().value(2).toLongLong(), q.value().value(3).toInt()};
    return out;
}

} // namespace

Result<DashboardStats> ReportRepository::dashboard(const QDate &today, const QTimeZone &zone)
{
    if (!today.isValid() || !zone.isValid())
        return common::makeError(QStringLiteral("report.invalid_day"),
                                 QStringLiteral("The report needs a valid day and time zone."));
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();

    DashboardStats stats;
    stats.today = today;
    stats.revenuePerDay = QList<common::Rupiah>(DashboardStats::kDays, 0);
    stats.ordersPerHour = QList<qint64>(24, 0);
    // startOfDay() takes a day that does not begin at 00:00 (a daylight-saving gap) into account.
    const QDateTime from = stats.firstDay().startOfDay(zone).toUTC();
    const QDateTime to = today.addDays(1).startOfDay(zone).toUTC();

    if (auto added = addSales(*conn, from, to, zone, stats); !added)
        return added.error();
    auto top = topProducts(*conn, from, to);
    if (!top)
        return top.error();
    stats.topProducts = std::move(top).value();
    auto low = lowStock(*conn);
    if (!low)
        return low.error();
    stats.lowStock = std::move(low).value();

    auto pending = sql::run(*conn,
                            QStringLiteral("SELECT COUNT(*), CAST(COALESCE(SUM(payable), 0) AS BIGINT) "
                                           "FROM qris_payments WHERE status = 'pending'"),
                            {}, QStringLiteral("summing pending QRIS payments"));
    if (!pending)
        return pending.error();
    if (pending.value().next()) {
        stats.pendingPayments = pending.value().value(0).toLongLong();
        stats.pendingPayable = pending.value().value(1).toLongLong();
    }
    return stats;
}

} // namespace kedai::store
