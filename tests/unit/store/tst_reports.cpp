// The dashboard's figures (ReportRepository::dashboard) on both backends: what counts as a sale,
// the local day's boundaries in several time zones (UTC+7, UTC+5:30, a daylight-saving day),
// 100 orders over 30 days summed per day and per hour, top products, low stock and waiting
// QRIS payments.
#include "store/reportrepository.h"

#include "storetestutil.h"

#include <QTest>
#include <QTimeZone>

#include <array>
#include <numeric>

using namespace kedai;
using namespace kedai::store;

class TestReports : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void emptyShop();
    void localDayBoundaries_data();
    void localDayBoundaries();
    void onlyPaidAndDeliveredCount();
    void hundredOrdersOverThirtyDays();
    void topProductsByRevenue();
    void lowStock();
    void pendingQrisPayments();

private:
    /// An order of `qty` × `unitPrice` paid at `paidAt` (invalid: never paid). Returns its id.
    qint64 addOrder(const domain::Product &product, int qty, common::Rupiah unitPrice, const QString &status,
                    const QDateTime &paidAt, const QString &method = QStringLiteral("saldo"));
    DashboardStats dashboard(const QDate &today, const QTimeZone &zone);

    std::unique_ptr<test::TestDatabase> m_store;
    std::shared_ptr<Database> m_db;
    domain::Customer m_customer;
    int m_orders = 0;
};

namespace {

const QTimeZone kJakarta(QByteArrayLiteral("Asia/Jakarta")); // UTC+7, no daylight saving
const QDate kToday(2026, 5, 4);

QDateTime local(const QDate &day, const QTime &time, const QTimeZone &zone = kJakarta)
{
    return QDateTime(day, time, zone);
}

} // namespace

void TestReports::initTestCase_data()
{
    test::addBackendRows();
}

void TestReports::init()
{
    KEDAI_OPEN_TEST_DB(m_store, m_db);
    QVERIFY(kJakarta.isValid());
    m_customer = test::seedCustomer(m_db, QStringLiteral("628111000001"), 0);
    QVERIFY(m_customer.id > 0);
    m_orders = 0;
}

void TestReports::cleanup()
{
    m_db.reset();
    m_store.reset();
}

qint64 TestReports::addOrder(const domain::Product &product, int qty, common::Rupiah unitPrice, const QString &status,
                             const QDateTime &paidAt, const QString &method)
{
    const QString ref = QStringLiteral("T%1").arg(++m_orders, 6, 10, QLatin1Char('0'));
    const QDateTime created = paidAt.isValid() ? paidAt.addSecs(-60) : local(kToday, QTime(12, 0));
    const QVariant paid = paidAt.isValid() ? QVariant(paidAt.toUTC().toString(Qt::ISODateWithMs)) : QVariant();
    if (!test::exec(*m_db,
                    QStringLiteral("INSERT INTO orders (ref, customer_id, product_id, qty, unit_price, total, "
                                   "unique_code, payable, method, status, created_at, paid_at) "
                                   "VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)"),
                    {ref, m_customer.id, product.id, qty, unitPrice, unitPrice * qty, unitPrice * qty, method, status,
                     created.toUTC().toString(Qt::ISODateWithMs), paid}))
        return 0;
    return test::scalar(*m_db, QStringLiteral("SELECT id FROM orders WHERE ref = ?"), {ref});
}

DashboardStats TestReports::dashboard(const QDate &today, const QTimeZone &zone)
{
    auto stats = ReportRepository(m_db).dashboard(today, zone);
    if (!stats) {
        qWarning("dashboard: %s", qPrintable(stats.error().message));
        return {};
    }
    return *stats;
}

void TestReports::emptyShop()
{
    test::seedProduct(m_db, QStringLiteral("NF1"), 10);
    const DashboardStats s = dashboard(kToday, kJakarta);
    QCOMPARE(s.today, kToday);
    QCOMPARE(s.firstDay(), QDate(2026, 4, 5));
    QCOMPARE(s.revenueToday, 0);
    QCOMPARE(s.ordersToday, 0);
    QCOMPARE(s.itemsSoldToday, 0);
    QCOMPARE(s.pendingPayments, 0);
    QCOMPARE(s.pendingPayable, 0);
    QCOMPARE(s.revenuePerDay, QList<common::Rupiah>(30, 0));
    QCOMPARE(s.ordersPerHour, QList<qint64>(24, 0));
    QVERIFY(s.topProducts.isEmpty());
    QVERIFY(s.lowStock.isEmpty());

    QCOMPARE(ReportRepository(m_db).dashboard(QDate()).error().code, QStringLiteral("report.invalid_day"));
}

void TestReports::localDayBoundaries_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QDate>("today");
    QTest::addColumn<int>("hoursInDay");
    QTest::newRow("Asia/Jakarta (UTC+7)") << QByteArray("Asia/Jakarta") << kToday << 24;
    QTest::newRow("Asia/Kolkata (UTC+5:30)") << QByteArray("Asia/Kolkata") << kToday << 24;
    // Clocks go from 02:00 to 03:00 that night: the day has 23 hours.
    QTest::newRow("Europe/Berlin, spring forward") << QByteArray("Europe/Berlin") << QDate(2026, 3, 29) << 23;
    // And from 03:00 back to 02:00: 25 hours.
    QTest::newRow("Europe/Berlin, fall back") << QByteArray("Europe/Berlin") << QDate(2026, 10, 25) << 25;
}

void TestReports::localDayBoundaries()
{
    QFETCH(QByteArray, zone);
    QFETCH(QDate, today);
    QFETCH(int, hoursInDay);
    const QTimeZone tz(zone);
    QVERIFY(tz.isValid());
    const QDateTime start = today.startOfDay(tz);
    const QDateTime end = today.addDays(1).startOfDay(tz);
    QCOMPARE(start.secsTo(end), hoursInDay * 3600);
    const auto p = test::seedProduct(m_db, QStringLiteral("NF1"), 0);

    addOrder(p, 1, 1'000, QStringLiteral("delivered"), start);                    // today, 00:00:00.000
    addOrder(p, 2, 2'000, QStringLiteral("delivered"), start.addMSecs(-1));       // yesterday 23:59:59.999
    addOrder(p, 1, 4'000, QStringLiteral("paid"), end.addMSecs(-1));              // today 23:59:59.999
    addOrder(p, 1, 8'000, QStringLiteral("delivered"), end);                      // tomorrow: not yet
    addOrder(p, 3, 16'000, QStringLiteral("delivered"), start.addSecs(3 * 3600)); // 3 real hours in
    const QDate first = today.addDays(-29);
    addOrder(p, 1, 32'000, QStringLiteral("delivered"), first.startOfDay(tz));              // first day
    addOrder(p, 1, 64'000, QStringLiteral("delivered"), first.startOfDay(tz).addMSecs(-1)); // 31 days ago

    const DashboardStats s = dashboard(today, tz);
    QCOMPARE(s.revenueToday, 1'000 + 4'000 + 48'000);
    QCOMPARE(s.ordersToday, 3);
    QCOMPARE(s.itemsSoldToday, 1 + 1 + 3);
    QCOMPARE(s.revenuePerDay.size(), 30);
    QCOMPARE(s.revenuePerDay.at(29), 53'000);
    QCOMPARE(s.revenuePerDay.at(28), 4'000);
    QCOMPARE(s.revenuePerDay.at(0), 32'000);
    QCOMPARE(std::accumulate(s.revenuePerDay.cbegin(), s.revenuePerDay.cend(), common::Rupiah(0)),
             53'000 + 4'000 + 32'000);

    // Three real hours after midnight is 03:00 local, or 04:00 after the clocks went forward
    // at 02:00, or 02:00 again after they went back at 03:00.
    QList<qint64> hours(24, 0);
    hours[0] = 1;
    hours[23] = 1;
    hours[start.addSecs(3 * 3600).toTimeZone(tz).time().hour()] += 1;
    QCOMPARE(s.ordersPerHour, hours);
    QCOMPARE(start.addSecs(3 * 3600).toTimeZone(tz).time().hour(), hoursInDay == 23 ? 4 : hoursInDay == 25 ? 2 : 3);
}

void TestReports::onlyPaidAndDeliveredCount()
{
    const auto p = test::seedProduct(m_db, QStringLiteral("NF1"), 0);
    const QDateTime noon = local(kToday, QTime(12, 15));
    addOrder(p, 1, 35'000, QStringLiteral("delivered"), noon);
    addOrder(p, 2, 35'000, QStringLiteral("paid"), noon, QStringLiteral("qris"));
    // Refunded after being paid: paid_at stays, the sale does not count.
    addOrder(p, 5, 35'000, QStringLiteral("refunded"), noon);
    addOrder(p, 1, 35'000, QStringLiteral("expired"), QDateTime(), QStringLiteral("qris"));
    addOrder(p, 1, 35'000, QStringLiteral("cancelled"), QDateTime(), QStringLiteral("qris"));
    addOrder(p, 1, 35'000, QStringLiteral("pending"), QDateTime(), QStringLiteral("qris"));

    const DashboardStats s = dashboard(kToday, kJakarta);
    QCOMPARE(s.revenueToday, 105'000);
    QCOMPARE(s.ordersToday, 2);
    QCOMPARE(s.itemsSoldToday, 3);
    QCOMPARE(s.ordersPerHour.at(12), 2);
    QCOMPARE(s.revenuePerDay.last(), 105'000);
    QCOMPARE(s.topProducts.size(), 1);
    QCOMPARE(s.topProducts.first().qty, 3);
    QCOMPARE(s.topProducts.first().revenue, 105'000);
}

void TestReports::hundredOrdersOverThirtyDays()
{
    const std::array<domain::Product, 3> products{test::seedProduct(m_db, QStringLiteral("NF1"), 0),
                                                  test::seedProduct(m_db, QStringLiteral("VIU1"), 0),
                                                  test::seedProduct(m_db, QStringLiteral("ML86"), 0)};
    const std::array<common::Rupiah, 3> prices{35'000, 15'000, 22'000};
    QList<common::Rupiah> perDay(30, 0);
    QList<qint64> perHour(24, 0);
    std::array<common::Rupiah, 3> revenue{};
    std::array<qint64, 3> qty{};
    common::Rupiah today = 0;
    qint64 todayOrders = 0;
    qint64 todayItems = 0;
    for (int i = 0; i < 100; ++i) {
        const int day = (i * 7) % 30; // 0 = 29 days ago, 29 = today
        const QTime time((i * 5) % 24, (i * 13) % 60, i % 60, i);
        const int product = i % 3;
        const int n = 1 + i % 4;
        const QString status = i % 10 == 9 ? QStringLiteral("refunded") : QStringLiteral("delivered");
        QVERIFY(addOrder(products.at(product), n, prices.at(product), status, local(kToday.addDays(day - 29), time))
                > 0);
        if (i % 10 == 9)
            continue;
        perDay[day] += prices.at(product) * n;
        revenue.at(product) += prices.at(product) * n;
        qty.at(product) += n;
        if (day == 29) {
            today += prices.at(product) * n;
            ++todayOrders;
            todayItems += n;
            ++perHour[time.hour()];
        }
    }

    const DashboardStats s = dashboard(kToday, kJakarta);
    QCOMPARE(s.revenuePerDay, perDay);
    QCOMPARE(s.ordersPerHour, perHour);
    QCOMPARE(s.revenueToday, today);
    QCOMPARE(s.ordersToday, todayOrders);
    QCOMPARE(s.itemsSoldToday, todayItems);
    // The figures a shop owner would read off the screen, worked out by hand from the loop.
    QCOMPARE(std::accumulate(perDay.cbegin(), perDay.cend(), common::Rupiah(0)), 5'285'000);
    QCOMPARE(todayOrders, 3);
    QCOMPARE(today, 176'000);
    QCOMPARE(perHour.at(13) + perHour.at(19) + perHour.at(1), 3);
    QCOMPARE(s.topProducts.size(), 3);
    QCOMPARE(s.topProducts.at(0).code, QStringLiteral("NF1"));
    QCOMPARE(s.topProducts.at(0).revenue, revenue.at(0));
    QCOMPARE(s.topProducts.at(0).qty, qty.at(0));
    QCOMPARE(s.topProducts.at(1).code, QStringLiteral("ML86"));
    QCOMPARE(s.topProducts.at(1).revenue, revenue.at(2));
    QCOMPARE(s.topProducts.at(2).code, QStringLiteral("VIU1"));
    QCOMPARE(s.topProducts.at(2).revenue, revenue.at(1));
    QCOMPARE(s.topProducts.at(2).name, QStringLiteral("Product VIU1"));
}

void TestReports::topProductsByRevenue()
{
    QList<domain::Product> products;
    for (const char *code : {"A1", "B2", "C3", "D4", "E5", "F6", "G7"})
        products << test::seedProduct(m_db, QString::fromLatin1(code), 0);
    const QDateTime yesterday = local(kToday.addDays(-1), QTime(9, 0));
    addOrder(products[0], 1, 10'000, QStringLiteral("delivered"), yesterday); // A1 10.000
    addOrder(products[1], 10, 2'000, QStringLiteral("delivered"), yesterday); // B2 20.000, qty 10
    addOrder(products[2], 2, 10'000, QStringLiteral("delivered"), yesterday); // C3 20.000, qty 2
    addOrder(products[3], 1, 50'000, QStringLiteral("delivered"), yesterday); // D4 50.000
    addOrder(products[4], 1, 5'000, QStringLiteral("delivered"), yesterday);  // E5 5.000
    addOrder(products[5], 1, 40'000, QStringLiteral("delivered"),
             local(kToday.addDays(-30), QTime(12, 0)));                                       // F6: 31 days ago
    addOrder(products[6], 9, 90'000, QStringLiteral("refunded"), yesterday);                  // G7: refunded
    addOrder(products[4], 1, 1'000, QStringLiteral("delivered"), local(kToday, QTime(8, 0))); // E5 6.000
    addOrder(products[0], 1, 7'000, QStringLiteral("paid"), local(kToday, QTime(8, 30)));     // A1 17.000

    const DashboardStats s = dashboard(kToday, kJakarta);
    QCOMPARE(s.topProducts.size(), 5);
    QStringList codes;
    for (const TopProduct &t : s.topProducts)
        codes << t.code;
    // Equal revenue: more items first (B2 before C3).
    QCOMPARE(codes, QStringList({"D4", "B2", "C3", "A1", "E5"}));
    QCOMPARE(s.topProducts.at(0).revenue, 50'000);
    QCOMPARE(s.topProducts.at(1).qty, 10);
    QCOMPARE(s.topProducts.at(3).revenue, 17'000);
    QCOMPARE(s.topProducts.at(3).qty, 2);
    QCOMPARE(s.topProducts.at(4).revenue, 6'000);
    QCOMPARE(s.topProducts.at(0).name, QStringLiteral("Product D4"));
}

void TestReports::lowStock()
{
    const auto a = test::seedProduct(m_db, QStringLiteral("AAA"), 7); // 2 left after 5 are sold
    test::seedProduct(m_db, QStringLiteral("BBB"), 3);                // at the threshold (3)
    test::seedProduct(m_db, QStringLiteral("CCC"), 4);                // above it
    test::seedProduct(m_db, QStringLiteral("DDD"), 0);                // sold out, threshold 0
    test::seedProduct(m_db, QStringLiteral("EEE"), 0);                // inactive
    test::seedProduct(m_db, QStringLiteral("FFF"), 0);                // PPOB: no stock
    test::seedProduct(m_db, QStringLiteral("GGG"), 5);                // threshold 10
    const auto h = test::seedProduct(m_db, QStringLiteral("HHH"), 6); // 2 reserved, 1 void: 3 left
    QVERIFY(test::exec(*m_db,
                       QStringLiteral("UPDATE stock_items SET status = 'sold' WHERE id IN "
                                      "(SELECT id FROM stock_items WHERE product_id = ? ORDER BY id LIMIT 5)"),
                       {a.id}));
    QVERIFY(test::exec(*m_db,
                       QStringLiteral("UPDATE stock_items SET status = 'reserved' WHERE id IN "
                                      "(SELECT id FROM stock_items WHERE product_id = ? ORDER BY id LIMIT 2)"),
                       {h.id}));
    QVERIFY(test::exec(*m_db,
                       QStringLiteral("UPDATE stock_items SET status = 'void' WHERE id IN "
                                      "(SELECT id FROM stock_items WHERE product_id = ? AND status = "
                                      "'available' ORDER BY id LIMIT 1)"),
                       {h.id}));
    QVERIFY(test::exec(*m_db, QStringLiteral("UPDATE products SET low_stock_threshold = 0 WHERE code = 'DDD'")));
    QVERIFY(test::exec(*m_db, QStringLiteral("UPDATE products SET active = 0 WHERE code = 'EEE'")));
    QVERIFY(test::exec(*m_db, QStringLiteral("UPDATE products SET kind = 'ppob' WHERE code = 'FFF'")));
    QVERIFY(test::exec(*m_db, QStringLiteral("UPDATE products SET low_stock_threshold = 10 WHERE code = 'GGG'")));

    const DashboardStats s = dashboard(kToday, kJakarta);
    QStringList rows;
    for (const LowStockProduct &p : s.lowStock)
        rows << QStringLiteral("%1 %2/%3").arg(p.code).arg(p.available).arg(p.threshold);
    QCOMPARE(rows, QStringList({"DDD 0/0", "AAA 2/3", "BBB 3/3", "HHH 3/3", "GGG 5/10"}));
    QCOMPARE(s.lowStock.first().name, QStringLiteral("Product DDD"));
}

void TestReports::pendingQrisPayments()
{
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    const QString later = QDateTime::currentDateTimeUtc().addSecs(1800).toString(Qt::ISODateWithMs);
    const auto insert = [&](const QString &phone, const QString &status, common::Rupiah amount, int code) {
        const auto c = test::seedCustomer(m_db, phone, 0);
        return test::exec(*m_db,
                          QStringLiteral("INSERT INTO qris_payments (ref, purpose, customer_id, channel, recipient, "
                                         "amount, unique_code, payable, status, created_at, expires_at) "
                                         "VALUES (?, 'deposit', ?, 'simulator', ?, ?, ?, ?, ?, ?, ?)"),
                          {QString(QStringLiteral("DEP-") + phone), c.id, phone, amount, code, amount + code, status,
                           now, later});
    };
    QVERIFY(insert(QStringLiteral("628200000001"), QStringLiteral("pending"), 50'000, 17));
    QVERIFY(insert(QStringLiteral("628200000002"), QStringLiteral("pending"), 35'000, 42));
    QVERIFY(insert(QStringLiteral("628200000003"), QStringLiteral("paid"), 20'000, 5));
    QVERIFY(insert(QStringLiteral("628200000004"), QStringLiteral("expired"), 20'000, 6));
    QVERIFY(insert(QStringLiteral("628200000005"), QStringLiteral("credited"), 20'000, 7));

    const DashboardStats s = dashboard(kToday, kJakarta);
    QCOMPARE(s.pendingPayments, 2);
    QCOMPARE(s.pendingPayable, 50'017 + 35'042);
    // Paid deposits are not sales.
    QCOMPARE(s.revenueToday, 0);
}

QTEST_GUILESS_MAIN(TestReports)
#include "tst_reports.moc"
