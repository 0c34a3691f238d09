#pragma once

#include "common/money.h"
#include "common/result.h"
#include "store/database.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QTimeZone>

#include <memory>

namespace kedai::store {

/// A best seller of the dashboard's period.
struct TopProduct
{
    QString code;
    QString name;
    qint64 qty = 0;
    common::Rupiah revenue = 0;
};

/// An active product whose available stock is at or under its low_stock_threshold.
struct LowStockProduct
{
    QString code;
    QString name;
    qint64 available = 0;
    int threshold = 0;
};

/// The shop's figures for one local day, as the dashboard shows them.
///
/// A sale counts when its order has status paid or delivered, on the local day of its paid_at
/// (saldo purchases are paid when they are made; QRIS orders when the money arrives). Refunded,
/// expired, cancelled and still pending orders do not count. Revenue is the orders' `total`
/// (what the goods cost), without the QRIS kode unik.
struct DashboardStats
{
    static constexpr int kDays = 30;       ///< points of revenuePerDay, the top products' period
    static constexpr int kTopProducts = 5; ///< at most this many topProducts

    QDate today; ///< the local day the figures are for
    common::Rupiah revenueToday = 0;
    qint64 ordersToday = 0;
    qint64 itemsSoldToday = 0; ///< sum of the qty of today's sales
    /// QRIS payments waiting for their money (orders and deposits): how many, and the sum of
    /// what their customers are to pay (payable, kode unik included).
    qint64 pendingPayments = 0;
    common::Rupiah pendingPayable = 0;
    /// By revenue over the last kDays local days (today included), then by qty, then by code.
    QList<TopProduct> topProducts;
    /// Fewest available first, then by code. PPOB products have no stock and are never listed.
    QList<LowStockProduct> lowStock;
    /// kDays points, oldest first: revenuePerDay[i] is the revenue of firstDay().addDays(i);
    /// the last point is today.
    QList<common::Rupiah> revenuePerDay;
    /// 24 points: the sales of today paid in each local hour (0 = 00:00-00:59). Their sum is
    /// ordersToday.
    QList<qint64> ordersPerHour;

    QDate firstDay() const { return today.addDays(1 - kDays); }
};

/// Read-only reports over orders, stock and QRIS payments. One SQL text for both backends.
class ReportRepository
{
public:
    explicit ReportRepository(std::shared_ptr<Database> db) : m_db(std::move(db)) {}

    /// The dashboard's figures for the local day `today` in `zone`. The local day boundaries
    /// are turned into UTC for the queries (timestamps are stored as UTC text); the sales are
    /// summed per quarter hour of UTC in SQL and those sums are put into local days and hours
    /// here, so a day of 23 or 25 hours (daylight saving) and zones such as UTC+5:30 are right.
    common::Result<DashboardStats> dashboard(const QDate &today, const QTimeZone &zone = QTimeZone::systemTimeZone());

private:
    std::shared_ptr<Database> m_db;
};

} // namespace kedai::store
