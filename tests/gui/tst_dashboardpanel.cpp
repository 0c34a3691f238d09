// The Dashboard panel on a real engine (demo shop, SQLite in a temporary dir, the simulator
// channel, QRIS on): it shows the demo's figures, and a customer's purchase, a QRIS order
// waiting and stock running low change the tiles, the lists and the charts without anyone
// pressing refresh.
#include "common/config.h"
#include "common/money.h"
#include "engine/engine.h"
#include "gui/async.h"
#include "gui/models/lowstockmodel.h"
#include "gui/models/topproductsmodel.h"
#include "gui/panels/dashboardpanel.h"
#include "support/guisession.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QBarSet>
#include <QLabel>
#include <QLineSeries>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <numeric>
#include <vector>

using namespace kedai;

namespace {

// A real static QRIS (tests/fixtures/qris/qris_samples_parsed.json, "warung_sayur_dana").
const QString kStaticQris = QStringLiteral(
    "00020101021126570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215ID1020017611"
    "4730303UMI5204581253033605802ID5922Warung Sayur Bu Sugeng6010Kab. Demak610559567630458C7");
const QString kBronzeCustomer = QStringLiteral("628111000001"); // demo: bronze, Rp 500.000
const QString kGoldCustomer = QStringLiteral("628111000002");   // demo: gold, Rp 1.000.000
constexpr int kTimeoutMs = 15000;

template<typename T>
T await(QFuture<T> future)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, 10000))
        return T{};
    return future.result();
}

qreal sumOf(const QBarSet *set)
{
    qreal sum = 0;
    for (int i = 0; i < set->count(); ++i)
        sum += set->at(i);
    return sum;
}

} // namespace

class TestDashboardPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void showsTheDemoShop();
    void showsHealth();
    void purchaseUpdatesTilesAndCharts();
    void lowStockAlertAppears();
    void waitingQrisPaymentIsCounted();
    void modelsPassTheTester();

private:
    QString tile(const char *name) const;
    /// The newest order of `phone`, once the engine has it.
    std::optional<domain::Order> latestOrder(const QString &phone);

    QTemporaryDir m_dir;
    std::unique_ptr<engine::Engine> m_engine;
    std::unique_ptr<gui::Session> m_session;
    std::unique_ptr<gui::DashboardPanel> m_panel;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_liveTesters;
};

void TestDashboardPanel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    auto config = common::Config::load({{QStringLiteral("KEDAI_DATA_DIR"), m_dir.path()},
                                        {QStringLiteral("HTTP_ADDR"), QStringLiteral("127.0.0.1:0")},
                                        {QStringLiteral("KEDAI_DEMO"), QStringLiteral("1")},
                                        {QStringLiteral("QRIS_STATIC"), kStaticQris}},
                                       {});
    QVERIFY2(config.ok(), config.ok() ? "" : qPrintable(config.error().message));
    m_engine = std::make_unique<engine::Engine>(config.value());
    const auto started = m_engine->start();
    QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));

    m_session = test::signIn(m_engine.get());
    QVERIFY(m_session);
    m_panel = std::make_unique<gui::DashboardPanel>(m_engine.get(), m_session.get());
    // Watching the models from the start: every reload below goes through the testers.
    for (QAbstractItemModel *model :
         std::initializer_list<QAbstractItemModel *>{m_panel->topProductsModel(), m_panel->lowStockModel()})
        m_liveTesters.push_back(
            std::make_unique<QAbstractItemModelTester>(model, QAbstractItemModelTester::FailureReportingMode::QtTest));
    m_panel->resize(1200, 800);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    QTRY_VERIFY(m_panel->hasLoaded());
}

void TestDashboardPanel::cleanupTestCase()
{
    m_liveTesters.clear();
    // No result may be left queued when the application ends (Qt 6.4 deadlocks destroying a
    // pending continuation in ~QApplication).
    if (m_panel)
        QTRY_VERIFY(!m_panel->isReloading());
    m_panel.reset();
    if (m_engine)
        m_engine->stop();
    gui::drainPendingResults();
    QTest::qWait(50);
    m_engine.reset();
}

QString TestDashboardPanel::tile(const char *name) const
{
    auto *label = m_panel->findChild<QLabel *>(QString::fromLatin1(name));
    return label ? label->text() : QStringLiteral("<no label %1>").arg(QString::fromLatin1(name));
}

std::optional<domain::Order> TestDashboardPanel::latestOrder(const QString &phone)
{
    store::OrderFilter filter;
    filter.limit = 1;
    const auto customers = await(m_engine->customers(phone));
    if (!customers || customers->isEmpty())
        return std::nullopt;
    filter.customerId = customers->first().id;
    const auto orders = await(m_engine->orders(filter));
    if (!orders || orders->isEmpty())
        return std::nullopt;
    return orders->first();
}

void TestDashboardPanel::showsTheDemoShop()
{
    // The demo shop has sold nothing and every product has at least 6 items (threshold 3).
    QCOMPARE(tile("revenueValue"), QStringLiteral("Rp 0"));
    QCOMPARE(tile("ordersValue"), QStringLiteral("0"));
    QCOMPARE(tile("itemsValue"), QStringLiteral("0"));
    QCOMPARE(tile("pendingValue"), QStringLiteral("0"));
    QCOMPARE(m_panel->stats().today, QDate::currentDate());
    QCOMPARE(m_panel->topProductsModel()->rowCount(), 0);
    QCOMPARE(m_panel->lowStockModel()->rowCount(), 0);
    QVERIFY(!m_panel->findChild<QLabel *>(QStringLiteral("lowStockAlert"))->isVisible());

    QLineSeries *revenue = m_panel->revenueSeries();
    QCOMPARE(revenue->count(), 30);
    QCOMPARE(qint64(revenue->at(29).x()), QDate::currentDate().startOfDay().toMSecsSinceEpoch());
    QCOMPARE(qint64(revenue->at(0).x()), QDate::currentDate().addDays(-29).startOfDay().toMSecsSinceEpoch());
    for (const QPointF &p : revenue->points())
        QCOMPARE(p.y(), 0.0);
    QCOMPARE(m_panel->ordersPerHourSet()->count(), 24);
    QCOMPARE(sumOf(m_panel->ordersPerHourSet()), 0.0);
}

void TestDashboardPanel::showsHealth()
{
    QTRY_COMPARE(tile("databaseHealth"), QStringLiteral("OK (SQLite)"));
    QCOMPARE(tile("redisHealth"), QStringLiteral("Not used (in-process)"));
    QVERIFY2(tile("channelsHealth").contains(QStringLiteral("Simulator: OK")), qPrintable(tile("channelsHealth")));
    QVERIFY(m_engine->httpPort() != 0);
    QCOMPARE(tile("webhookHealth"), QStringLiteral("Listening at %1").arg(m_engine->httpUrl()));
}

void TestDashboardPanel::purchaseUpdatesTilesAndCharts()
{
    // NF1 costs Rp 35.000 for a bronze customer.
    QVERIFY(
        await(m_engine->simulateMessage(kBronzeCustomer, QStringLiteral("Pelanggan Demo"), QStringLiteral("buy NF1 1")))
            .ok());
    QTRY_COMPARE_WITH_TIMEOUT(tile("revenueValue"), QStringLiteral("Rp 35.000"), kTimeoutMs);
    QCOMPARE(tile("ordersValue"), QStringLiteral("1"));
    QCOMPARE(tile("itemsValue"), QStringLiteral("1"));

    QCOMPARE(m_panel->revenueSeries()->at(29).y(), 35000.0);
    QCOMPARE(m_panel->revenueSeries()->at(28).y(), 0.0);
    const auto order = latestOrder(kBronzeCustomer);
    QVERIFY(order);
    QCOMPARE(order->total, 35'000);
    QCOMPARE(sumOf(m_panel->ordersPerHourSet()), 1.0);
    QCOMPARE(m_panel->ordersPerHourSet()->at(order->paidAt.toLocalTime().time().hour()), 1.0);

    gui::TopProductsModel *top = m_panel->topProductsModel();
    QCOMPARE(top->rowCount(), 1);
    QCOMPARE(top->index(0, gui::TopProductsModel::CodeColumn).data().toString(), QStringLiteral("NF1"));
    QCOMPARE(top->index(0, gui::TopProductsModel::NameColumn).data().toString(),
             QStringLiteral("Netflix Premium 1 Bulan"));
    QCOMPARE(top->index(0, gui::TopProductsModel::QtyColumn).data().toString(), QStringLiteral("1"));
    QCOMPARE(top->index(0, gui::TopProductsModel::RevenueColumn).data().toString(), QStringLiteral("Rp 35.000"));
}

void TestDashboardPanel::lowStockAlertAppears()
{
    // NF3 has 6 items and alerts at 3: three bought by the gold customer (Rp 85.000 each) leave 3.
    auto *alert = m_panel->findChild<QLabel *>(QStringLiteral("lowStockAlert"));
    QVERIFY(!alert->isVisible());
    QVERIFY(
        await(m_engine->simulateMessage(kGoldCustomer, QStringLiteral("Reseller Demo"), QStringLiteral("buy NF3 3")))
            .ok());
    QTRY_VERIFY_WITH_TIMEOUT(alert->isVisible(), kTimeoutMs);
    QVERIFY2(alert->text().contains(QStringLiteral("1 product")), qPrintable(alert->text()));
    QVERIFY(!alert->text().contains(QStringLiteral("sold out")));

    gui::LowStockModel *low = m_panel->lowStockModel();
    QCOMPARE(low->rowCount(), 1);
    QCOMPARE(low->index(0, gui::LowStockModel::CodeColumn).data().toString(), QStringLiteral("NF3"));
    QCOMPARE(low->index(0, gui::LowStockModel::AvailableColumn).data().toString(), QStringLiteral("3"));
    QCOMPARE(low->index(0, gui::LowStockModel::ThresholdColumn).data().toString(), QStringLiteral("3"));

    // The same reload has the sale: Rp 35.000 + 3 × Rp 85.000.
    QCOMPARE(tile("revenueValue"), QStringLiteral("Rp 290.000"));
    QCOMPARE(tile("ordersValue"), QStringLiteral("2"));
    QCOMPARE(tile("itemsValue"), QStringLiteral("4"));
    QCOMPARE(m_panel->revenueSeries()->at(29).y(), 290000.0);
    QCOMPARE(sumOf(m_panel->ordersPerHourSet()), 2.0);
    gui::TopProductsModel *top = m_panel->topProductsModel();
    QCOMPARE(top->rowCount(), 2);
    QCOMPARE(top->index(0, gui::TopProductsModel::CodeColumn).data().toString(), QStringLiteral("NF3"));
    QCOMPARE(top->index(0, gui::TopProductsModel::QtyColumn).data().toString(), QStringLiteral("3"));
    QCOMPARE(top->index(0, gui::TopProductsModel::RevenueColumn).data().toString(), QStringLiteral("Rp 255.000"));
    QCOMPARE(top->index(1, gui::TopProductsModel::CodeColumn).data().toString(), QStringLiteral("NF1"));
}

void TestDashboardPanel::waitingQrisPaymentIsCounted()
{
    // A QRIS order reserves its item and waits for the money: counted as waiting, not as revenue.
    QVERIFY(await(m_engine->simulateMessage(kBronzeCustomer, QStringLiteral("Pelanggan Demo"),
                                            QStringLiteral("buynow VIU1 1")))
                .ok());
    QTRY_COMPARE_WITH_TIMEOUT(tile("pendingValue"), QStringLiteral("1"), kTimeoutMs);
    store::PaymentFilter filter;
    filter.statuses = {domain::QrisStatus::Pending};
    const auto pending = await(m_engine->qrisPayments(filter));
    QVERIFY(pending.ok());
    QCOMPARE(pending->size(), 1);
    const domain::QrisPayment &payment = pending->first();
    QCOMPARE(payment.amount, 15'000);
    QVERIFY(payment.payable > 15'000);
    QCOMPARE(tile("pendingDetail"), QStringLiteral("%1 to be paid").arg(common::formatRupiah(payment.payable)));
    QCOMPARE(m_panel->stats().pendingPayable, payment.payable);
    QCOMPARE(tile("revenueValue"), QStringLiteral("Rp 290.000"));
    QCOMPARE(tile("ordersValue"), QStringLiteral("2"));
}

void TestDashboardPanel::modelsPassTheTester()
{
    // Both models have rows by now (NF3 and NF1 sold, NF3 low); check every role of every cell.
    for (QAbstractItemModel *model :
         std::initializer_list<QAbstractItemModel *>{m_panel->topProductsModel(), m_panel->lowStockModel()}) {
        QVERIFY2(model->rowCount() > 0, model->metaObject()->className());
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (int row = 0; row < model->rowCount(); ++row) {
            for (int column = 0; column < model->columnCount(); ++column) {
                for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(Qt::ForegroundRole),
                                 int(Qt::TextAlignmentRole), int(Qt::UserRole + 1)})
                    model->index(row, column).data(role);
            }
        }
        // A reload replaces the rows under the tester's eyes.
        m_panel->reload();
        QTRY_VERIFY(!m_panel->isReloading());
        QVERIFY(model->rowCount() > 0);
    }
}

QTEST_MAIN(TestDashboardPanel)
#include "tst_dashboardpanel.moc"
