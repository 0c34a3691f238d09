// Desktop window benchmark (issue 6): how long the Orders and Inventory tabs take to show their
// first rows with 100,000 orders and a product with 100,000 stock items, and the GUI thread's
// longest stall meanwhile and while the bot sells at full speed. Baselines from the same run:
// the raw SQL of a first page on the same file, and the stalls of the idle window.
// Prints figures only; it never fails on a time (it fails when a sale is lost).
#include "common/config.h"
#include "common/log.h"
#include "engine/engine.h"
#include "gui/async.h"
#include "gui/mainwindow.h"
#include "gui/models/ordertablemodel.h"
#include "gui/models/stockitemmodel.h"
#include "gui/panels/inventorypanel.h"
#include "gui/panels/orderspanel.h"
#include "support/guisession.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace kedai;

namespace {

constexpr int kOrders = 100'000;
constexpr int kStockItems = 100'000;
constexpr int kSales = 1'000;
constexpr int kBuyers = 40;

/// Records the gaps between the GUI thread's timer ticks: a gap much longer than the interval
/// is a stall (the event loop was busy or blocked).
class StallMeter : public QObject
{
public:
    StallMeter()
    {
        m_timer.setInterval(1);
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            if (m_last > 0)
                m_gaps.push_back(double(now - m_last) / 1e6);
            m_last = now;
        });
    }
    void start()
    {
        m_gaps.clear();
        m_last = 0;
        m_clock.start();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    double longestMs() const { return m_gaps.empty() ? 0 : *std::max_element(m_gaps.begin(), m_gaps.end()); }
    double percentileMs(double p) const
    {
        if (m_gaps.empty())
            return 0;
        std::vector<double> v = m_gaps;
        const auto k = size_t(std::min<double>(double(v.size() - 1), p * double(v.size())));
        std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(k), v.end());
        return v[k];
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    std::vector<double> m_gaps;
};

bool exec(QSqlQuery &q, const QString &sql)
{
    if (q.exec(sql))
        return true;
    std::fprintf(stderr, "gui_bench: %s: %s\n", qPrintable(sql), qPrintable(q.lastError().text()));
    return false;
}

/// 100,000 delivered orders of the demo customer over 60 days and a product "BULK" with 100,000
/// available stock items, written straight into the SQLite file (bench data: no ledger rows).
bool seed(const QString &path, qint64 *bulkProductId)
{
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("seed"));
        db.setDatabaseName(path);
        if (!db.open())
            return false;
        QSqlQuery q(db);
        exec(q, QStringLiteral("PRAGMA busy_timeout=10000"));
        ok = exec(q, QStringLiteral("BEGIN IMMEDIATE"));
        const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
        ok = ok
             && exec(q, QStringLiteral("INSERT INTO products (code, name, category, price_bronze, price_silver, "
                                       "price_gold, created_at, updated_at) VALUES ('BULK', 'Voucher Bench', "
                                       "'Voucher', 1000, 1000, 1000, '%1', '%1')")
                            .arg(now));
        ok = ok && exec(q, QStringLiteral("SELECT id FROM products WHERE code = 'BULK'")) && q.next();
        *bulkProductId = q.value(0).toLongLong();
        ok = ok && exec(q, QStringLiteral("SELECT id FROM customers ORDER BY id LIMIT 1")) && q.next();
        const qint64 customerId = q.value(0).toLongLong();
        QSqlQuery ins(db);
        ins.prepare(QStringLiteral("INSERT INTO orders (ref, customer_id, product_id, qty, unit_price, total, payable, "
                                   "method, status, created_at, paid_at, delivered_at) "
                                   "VALUES (?, ?, ?, 1, 1000, 1000, 1000, 'saldo', 'delivered', ?, ?, ?)"));
        const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-60);
        for (int i = 0; ok && i < kOrders; ++i) {
            const QString at = start.addSecs(qint64(i) * 60 * 60 * 24 * 60 / kOrders).toString(Qt::ISODateWithMs);
            ins.addBindValue(QStringLiteral("BENCH-%1").arg(i, 6, 10, QLatin1Char('0')));
            ins.addBindValue(customerId);
            ins.addBindValue(*bulkProductId);
            ins.addBindValue(at);
            ins.addBindValue(at);
            ins.addBindValue(at);
            ok = ins.exec();
        }
        ins.prepare(QStringLiteral("INSERT INTO stock_items (product_id, content, created_at) VALUES (?, ?, ?)"));
        for (int i = 0; ok && i < kStockItems; ++i) {
            ins.addBindValue(*bulkProductId);
            ins.addBindValue(QStringLiteral("BENCH-VOUCHER-%1").arg(i, 6, 10, QLatin1Char('0')));
            ins.addBindValue(now);
            ok = ins.exec();
        }
        ok = ok && exec(q, QStringLiteral("COMMIT"));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("seed"));
    return ok;
}

/// Raw SQL on the same file: the first page of orders and of stock items, with their counts.
double rawFirstPagesMs(const QString &path, qint64 productId)
{
    double ms = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(path);
        db.open();
        QElapsedTimer t;
        t.start();
        QSqlQuery q(db);
        q.exec(QStringLiteral("SELECT o.*, c.phone, p.code, p.name FROM orders o JOIN customers c ON c.id = "
                              "o.customer_id JOIN products p ON p.id = o.product_id ORDER BY o.id DESC LIMIT 200"));
        while (q.next()) {
        }
        q.exec(QStringLiteral("SELECT COUNT(*) FROM orders"));
        q.next();
        q.exec(QStringLiteral("SELECT * FROM stock_items WHERE product_id = %1 ORDER BY id LIMIT 200").arg(productId));
        while (q.next()) {
        }
        q.exec(QStringLiteral("SELECT status, COUNT(*) FROM stock_items WHERE product_id = %1 GROUP BY status")
                   .arg(productId));
        while (q.next()) {
        }
        ms = double(t.nsecsElapsed()) / 1e6;
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    return ms;
}

template<typename Pred>
bool waitUntil(Pred pred, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!pred()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTemporaryDir dir;
    log::init(dir.path(), false);
    auto config = common::Config::load({{QStringLiteral("KEDAI_DATA_DIR"), dir.path()},
                                        {QStringLiteral("HTTP_ADDR"), QStringLiteral("127.0.0.1:0")},
                                        {QStringLiteral("RATE_LIMIT_BUY"), QStringLiteral("100000/1s")},
                                        {QStringLiteral("KEDAI_DEMO"), QStringLiteral("1")}},
                                       {});
    if (!config) {
        std::fprintf(stderr, "gui_bench: %s\n", qPrintable(config.error().message));
        return 1;
    }
    engine::Engine engine(*config);
    if (auto started = engine.start(); !started) {
        std::fprintf(stderr, "gui_bench: %s\n", qPrintable(started.error().message));
        return 1;
    }
    qint64 bulk = 0;
    QElapsedTimer seedTime;
    seedTime.start();
    if (!seed(config->sqlitePath(), &bulk)) {
        std::fprintf(stderr, "gui_bench: seeding failed\n");
        return 1;
    }
    std::printf("== desktop window (SQLite, %d orders, %d stock items in one product; seeded in %.1f s)\n", kOrders,
                kStockItems, double(seedTime.elapsed()) / 1000);
    const double rawMs = rawFirstPagesMs(config->sqlitePath(), bulk);
    std::printf("  %-52s %8.1f ms\n", "baseline: raw SQL, first pages + counts", rawMs);

    auto session = test::signIn(&engine);
    if (!session) {
        std::fprintf(stderr, "gui_bench: sign-in failed\n");
        return 1;
    }
    StallMeter meter;

    // Idle baseline: the shown window doing nothing for two seconds.
    {
        gui::MainWindow idle(&engine, session.get());
        idle.show();
        waitUntil([&] { return idle.ordersPanel()->orderModel()->rowCount() > 0; }, 60000);
        meter.start();
        waitUntil([] { return false; }, 2000);
        meter.stop();
    }
    const double idleLongest = meter.longestMs();
    const double idleP99 = meter.percentileMs(0.99);

    // Open: construct and show the window; the Orders tab's first rows, then the big product.
    meter.start();
    QElapsedTimer t;
    t.start();
    auto window = std::make_unique<gui::MainWindow>(&engine, session.get());
    window->show();
    auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("tabs"));
    tabs->setCurrentWidget(window->ordersPanel());
    const bool ordersShown = waitUntil([&] { return window->ordersPanel()->orderModel()->rowCount() > 0; }, 60000);
    const double ordersMs = double(t.nsecsElapsed()) / 1e6;
    const int ordersLoaded = window->ordersPanel()->orderModel()->rowCount();
    tabs->setCurrentWidget(window->inventoryPanel());
    waitUntil([&] { return window->inventoryPanel()->hasLoaded(); }, 60000);
    t.restart();
    window->inventoryPanel()->selectProduct(bulk);
    const bool stockShown = waitUntil([&] { return window->inventoryPanel()->stockModel()->rowCount() > 0; }, 60000);
    const double stockMs = double(t.nsecsElapsed()) / 1e6;
    const int stockLoaded = window->inventoryPanel()->stockModel()->rowCount();
    meter.stop();
    const double openLongest = meter.longestMs();

    std::printf("  %-52s %8.1f ms  (%d rows loaded%s)\n", "open Orders: window shown to first rows", ordersMs,
                ordersLoaded, ordersShown ? "" : ", TIMED OUT");
    std::printf("  %-52s %8.1f ms  (%d rows loaded%s)\n", "open a product's 100,000 stock items: first rows", stockMs,
                stockLoaded, stockShown ? "" : ", TIMED OUT");
    std::printf("  %-52s %8.1f ms\n", "GUI thread longest stall while opening", openLongest);

    // Selling at full speed: kBuyers customers with saldo buy kSales vouchers through the bot
    // while every panel follows live.
    QStringList buyers;
    for (int i = 0; i < kBuyers; ++i) {
        const QString phone = QStringLiteral("62899%1").arg(i, 7, 10, QLatin1Char('0'));
        auto id = test::waitFor(
            engine.simulateMessage(phone, QStringLiteral("Bench %1").arg(i), QStringLiteral("saldo")));
        if (!id)
            return 1;
        buyers << phone;
    }
    waitUntil([] { return false; }, 500);
    auto customers = test::waitFor(engine.customers(QStringLiteral("62899")));
    if (!customers || customers->size() < kBuyers) {
        std::fprintf(stderr, "gui_bench: the buyers were not created\n");
        return 1;
    }
    for (const domain::Customer &c : *customers)
        (void)test::waitFor(engine.adjustSaldo(c.id, 10'000'000, QStringLiteral("bench"), session->actor()));

    int delivered = 0;
    QObject::connect(&engine, &engine::Engine::orderChanged, &app, [&delivered](qint64, const QString &ref) {
        if (!ref.startsWith(QLatin1String("BENCH-")))
            ++delivered;
    });
    meter.start();
    t.restart();
    for (int i = 0; i < kSales; ++i)
        engine.simulateMessage(buyers.at(i % kBuyers), QString(), QStringLiteral("buy BULK 1"));
    const bool allSold = waitUntil([&] { return delivered >= kSales; }, 300000);
    const double sellSeconds = double(t.nsecsElapsed()) / 1e9;
    waitUntil([] { return false; }, 500); // the panels' last reloads
    meter.stop();

    std::printf("  %-52s %8.0f /s  (%d of %d)\n", "bot sales while the window follows", delivered / sellSeconds,
                delivered, kSales);
    std::printf("  %-52s %8.1f ms  (p99 tick gap %.1f ms)\n", "GUI thread longest stall while the bot sells",
                meter.longestMs(), meter.percentileMs(0.99));
    std::printf("  %-52s %8.1f ms  (p99 tick gap %.1f ms)\n", "baseline: idle window, longest stall", idleLongest,
                idleP99);
    std::printf("KEDAI_GUI_ORDERS_OPEN_MS=%.0f\nKEDAI_GUI_STOCK_OPEN_MS=%.0f\nKEDAI_GUI_RAW_MS=%.0f\n"
                "KEDAI_GUI_SELL_STALL_MS=%.0f\nKEDAI_GUI_IDLE_STALL_MS=%.0f\n",
                ordersMs, stockMs, rawMs, meter.longestMs(), idleLongest);
    window.reset();
    engine.stop();
    gui::drainPendingResults();
    return allSold && ordersShown && stockShown ? 0 : 1;
}
