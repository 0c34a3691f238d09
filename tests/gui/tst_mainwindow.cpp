// The real MainWindow on a real engine (demo shop, SQLite in a temporary dir, HTTP on a free
// loopback port): what staff see must follow what customers do through the bot.
#include "common/config.h"
#include "domain/stockline.h"
#include "engine/engine.h"
#include "gui/async.h"
#include "gui/dialogs/productdialog.h"
#include "gui/dialogs/saldodialog.h"
#include "gui/dialogs/stockpastedialog.h"
#include "gui/labels.h"
#include "gui/mainwindow.h"
#include "gui/models/customertablemodel.h"
#include "gui/models/ledgertablemodel.h"
#include "gui/models/ordertablemodel.h"
#include "gui/models/producttablemodel.h"
#include "gui/models/stockitemmodel.h"
#include "gui/panels/chatpanel.h"
#include "gui/panels/customerspanel.h"
#include "gui/panels/dashboardpanel.h"
#include "gui/panels/inventorypanel.h"
#include "gui/panels/orderspanel.h"
#include "gui/translations.h"
#include "support/guisession.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include <memory>
#include <vector>

using namespace kedai;

namespace {

const QString kDemoCustomer = QStringLiteral("628111000001");

template<typename T>
T await(QFuture<T> future)
{
    // The engine finishes futures on its own threads; keep the GUI loop turning meanwhile.
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, 10000))
        return T{};
    return future.result();
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void showsTheDemoShop();
    void chatPurchaseUpdatesEveryPanel();
    void modelsPassTheTester();
    void productDialogValidates_data();
    void productDialogValidates();
    void stockPastePreviewsAndSaves();
    void saldoDialogTopsUpThroughTheLedger();
    void translationsAreBundled();
    void languageSwitchesWithoutRestart();

private:
    template<typename T>
    T *child(const char *name) const
    {
        return m_window->findChild<T *>(QString::fromLatin1(name));
    }
    int customerRow(const QString &phone) const;
    void testModel(QAbstractItemModel *model);

    QTemporaryDir m_dir;
    std::unique_ptr<engine::Engine> m_engine;
    std::unique_ptr<gui::Session> m_session;
    std::unique_ptr<gui::MainWindow> m_window;
    gui::ProductTableModel *m_products = nullptr;
    gui::OrderTableModel *m_orders = nullptr;
    gui::CustomerTableModel *m_customers = nullptr;
    // Live from the first (empty) state on: they check every reset and update the panels do.
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_liveTesters;
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_dir.isValid());
    auto config = common::Config::load({{QStringLiteral("KEDAI_DATA_DIR"), m_dir.path()},
                                        {QStringLiteral("HTTP_ADDR"), QStringLiteral("127.0.0.1:0")},
                                        {QStringLiteral("KEDAI_DEMO"), QStringLiteral("1")}},
                                       {});
    QVERIFY2(config.ok(), config.ok() ? "" : qPrintable(config.error().message));
    m_engine = std::make_unique<engine::Engine>(config.value());
    const auto started = m_engine->start();
    QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));

    m_session = test::signIn(m_engine.get());
    QVERIFY(m_session);
    m_window = std::make_unique<gui::MainWindow>(m_engine.get(), m_session.get());
    m_products = m_window->inventoryPanel()->productModel();
    m_orders = m_window->ordersPanel()->orderModel();
    m_customers = m_window->customersPanel()->customerModel();
    const QList<QAbstractItemModel *> models = {m_products,
                                                m_window->inventoryPanel()->productProxy(),
                                                m_window->inventoryPanel()->stockModel(),
                                                m_orders,
                                                child<QTableView>("ordersView")->model(),
                                                m_customers,
                                                child<QTableView>("customersView")->model(),
                                                m_window->customersPanel()->ledgerModel()};
    for (QAbstractItemModel *model : models) {
        m_liveTesters.push_back(
            std::make_unique<QAbstractItemModelTester>(model, QAbstractItemModelTester::FailureReportingMode::QtTest));
    }
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindow::cleanupTestCase()
{
    m_liveTesters.clear();
    m_window.reset(); // queries may still be running: their results must be dropped safely
    if (m_engine)
        m_engine->stop();
    gui::drainPendingResults();
    m_engine.reset();
}

int TestMainWindow::customerRow(const QString &phone) const
{
    for (int row = 0; row < m_customers->rowCount(); ++row) {
        if (m_customers->customer(row).phone == phone)
            return row;
    }
    return -1;
}

void TestMainWindow::showsTheDemoShop()
{
    QVERIFY(m_window->windowTitle().contains(m_engine->config().shopName));
    QVERIFY(child<QLabel>("endpointLabel")->text().contains(m_engine->httpUrl()));
    QVERIFY(!child<QLabel>("healthLabel")->text().isEmpty());
    // The cache's state has its own label: in-process here (no REDIS_URL); down and back as
    // the engine reports them.
    auto *cache = child<QLabel>("cacheLabel");
    QCOMPARE(cache->text(), QStringLiteral("Cache: in-process"));
    const QJsonObject down{{QStringLiteral("status"), QStringLiteral("degraded")},
                           {QStringLiteral("database"), QStringLiteral("ok")},
                           {QStringLiteral("redis"), QStringLiteral("down (in-process fallback)")}};
    Q_EMIT m_engine->healthChanged(down);
    QTRY_VERIFY(cache->text().startsWith(QStringLiteral("Redis: down")));
    QVERIFY(child<QLabel>("healthLabel")->text().contains(QStringLiteral("degraded")));
    QJsonObject up = down;
    up.insert(QStringLiteral("status"), QStringLiteral("ok"));
    up.insert(QStringLiteral("redis"), QStringLiteral("ok"));
    Q_EMIT m_engine->healthChanged(up);
    QTRY_COMPARE(cache->text(), QStringLiteral("Redis: OK"));
    Q_EMIT m_engine->healthChanged(m_engine->health());

    auto *view = child<QTableView>("productsView");
    QVERIFY(view);
    QTRY_VERIFY(m_window->inventoryPanel()->hasLoaded());
    QVERIFY(view->model()->rowCount() >= 3);
    QCOMPARE(view->model()->rowCount(), m_products->rowCount());
    const auto listed = await(m_engine->products(true));
    QVERIFY(listed.ok());
    QCOMPARE(m_products->rowCount(), listed->size());
    const domain::Product &first = m_products->product(0);
    QCOMPARE(m_products->index(0, gui::ProductTableModel::CodeColumn).data().toString(), first.code);
    QCOMPARE(m_products->index(0, gui::ProductTableModel::BronzeColumn).data().toString(),
             common::formatRupiah(first.priceBronze));

    // The search box filters through the proxy.
    auto *search = m_window->inventoryPanel()->findChild<QLineEdit *>(QStringLiteral("searchEdit"));
    QVERIFY(search);
    search->setText(first.code);
    QVERIFY(view->model()->rowCount() >= 1);
    QVERIFY(view->model()->rowCount() < m_products->rowCount());
    search->clear();
    QCOMPARE(view->model()->rowCount(), m_products->rowCount());

    QTRY_VERIFY(m_window->customersPanel()->hasLoaded());
    QVERIFY(customerRow(kDemoCustomer) >= 0);
}

void TestMainWindow::chatPurchaseUpdatesEveryPanel()
{
    QTRY_VERIFY(m_window->inventoryPanel()->hasLoaded());
    QTRY_VERIFY(m_window->ordersPanel()->hasLoaded());
    QTRY_VERIFY(m_window->customersPanel()->hasLoaded());

    // Whatever the demo catalog holds: the first product the demo customer can afford.
    const int cRow = customerRow(kDemoCustomer);
    QVERIFY(cRow >= 0);
    const domain::Customer customer = m_customers->customer(cRow);
    std::optional<domain::Product> product;
    for (const domain::Product &p : m_products->products()) {
        if (p.active && p.kind != domain::ProductKind::Ppob && p.stockAvailable > 0
            && p.priceFor(customer.tier) <= customer.saldo) {
            product = p;
            break;
        }
    }
    QVERIFY2(product, "the demo shop has no product the demo customer can buy");
    const common::Rupiah price = product->priceFor(customer.tier);

    const int ordersBefore = m_orders->rowCount();
    QSet<QString> refsBefore;
    for (int row = 0; row < ordersBefore; ++row)
        refsBefore.insert(m_orders->order(row).ref);

    child<QTabWidget>("tabs")->setCurrentWidget(m_window->chatPanel());
    auto *input = child<QLineEdit>("chatInput");
    auto *send = child<QPushButton>("chatSendButton");
    auto *log = child<QListWidget>("chatLog");
    QVERIFY(input && send && log);
    QCOMPARE(m_window->chatPanel()->peer(), kDemoCustomer);
    QTest::keyClicks(input, QStringLiteral("buy %1 1").arg(product->code));
    QTest::mouseClick(send, Qt::LeftButton);
    QVERIFY(input->text().isEmpty());

    // Orders gains the new order (and only one row).
    QTRY_COMPARE_WITH_TIMEOUT(m_orders->rowCount(), ordersBefore + 1, 15000);
    std::optional<domain::Order> order;
    for (int row = 0; row < m_orders->rowCount(); ++row) {
        if (!refsBefore.contains(m_orders->order(row).ref))
            order = m_orders->order(row);
    }
    QVERIFY(order);
    QCOMPARE(order->productCode, product->code);
    QCOMPARE(order->customerPhone, kDemoCustomer);
    QCOMPARE(order->qty, 1);
    QCOMPARE(order->total, price);
    QCOMPARE(order->status, domain::OrderStatus::Delivered);
    // Newest first in the view.
    QCOMPARE(child<QTableView>("ordersView")->model()->index(0, 0).data(gui::OrderTableModel::RefRole).toString(),
             order->ref);

    // Inventory: one item fewer, one more sold.
    const auto stockOf = [&] {
        const int row = m_products->rowOfId(product->id);
        return row < 0 ? -1 : m_products->product(row).stockAvailable;
    };
    QTRY_COMPARE_WITH_TIMEOUT(stockOf(), product->stockAvailable - 1, 10000);
    QCOMPARE(m_products->product(m_products->rowOfId(product->id)).sold, product->sold + 1);

    // Customers: the saldo went down by the price.
    QTRY_COMPARE_WITH_TIMEOUT(m_customers->customer(customerRow(kDemoCustomer)).saldo, customer.saldo - price, 10000);

    // Chat: the customer's message on one side, the bot's delivery (ref and item) on the other.
    const auto withOrder = await(m_engine->orderByRef(order->ref));
    QVERIFY(withOrder.ok() && withOrder.value().has_value());
    QVERIFY2(withOrder.value()->items.isEmpty(), "the order's items come only through revealOrderItems");
    const auto items = await(m_engine->revealOrderItems(order->ref, m_session->actor()));
    QVERIFY(items.ok());
    QCOMPARE(items->size(), 1);
    const auto fields = domain::StockLine::labelled(items->first());
    QVERIFY(!fields.isEmpty());
    const QString deliveredValue = fields.first().second;
    const auto findDelivery = [&]() -> QListWidgetItem * {
        for (int i = 0; i < log->count(); ++i) {
            QListWidgetItem *item = log->item(i);
            if (item->data(gui::ChatPanel::OutboundRole).toBool() && item->text().contains(order->ref)
                && item->text().contains(deliveredValue))
                return item;
        }
        return nullptr;
    };
    QTRY_VERIFY_WITH_TIMEOUT(findDelivery() != nullptr, 15000);
    QVERIFY2(findDelivery()->text().contains(QLatin1Char('\n')), "newlines of the reply are kept");
    QCOMPARE(findDelivery()->textAlignment() & Qt::AlignHorizontal_Mask, int(Qt::AlignLeft));
    int sentByCustomer = 0;
    for (int i = 0; i < log->count(); ++i) {
        if (!log->item(i)->data(gui::ChatPanel::OutboundRole).toBool()
            && log->item(i)->text() == QStringLiteral("buy %1 1").arg(product->code)) {
            ++sentByCustomer;
            QCOMPARE(log->item(i)->textAlignment() & Qt::AlignHorizontal_Mask, int(Qt::AlignRight));
        }
    }
    QCOMPARE(sentByCustomer, 1); // shown once, although both the send result and the signal report it
}

void TestMainWindow::testModel(QAbstractItemModel *model)
{
    QVERIFY(model);
    QVERIFY2(model->rowCount() > 0, model->metaObject()->className());
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int row = 0; row < model->rowCount(); ++row) {
        for (int column = 0; column < model->columnCount(); ++column) {
            for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(Qt::ForegroundRole),
                             int(Qt::TextAlignmentRole), int(Qt::UserRole + 1), int(Qt::UserRole + 2)})
                model->index(row, column).data(role);
        }
    }
}

void TestMainWindow::modelsPassTheTester()
{
    QTRY_VERIFY(m_products->rowCount() > 0);
    QTRY_VERIFY(m_orders->rowCount() > 0);
    QTRY_VERIFY(m_customers->rowCount() > 0);

    // Stock items and the ledger follow the selection.
    gui::InventoryPanel *inventory = m_window->inventoryPanel();
    QVERIFY(inventory->selectProduct(m_products->product(0).id));
    QTRY_COMPARE(inventory->stockModel()->productId(), m_products->product(0).id);
    QTRY_VERIFY(inventory->stockModel()->rowCount() > 0);
    const QString masked = inventory->stockModel()->index(0, gui::StockItemModel::ContentColumn).data().toString();
    QVERIFY2(masked.endsWith(QString(3, QChar(0x2022))), qPrintable(masked));
    QCOMPARE(masked.size(), 6);

    gui::CustomersPanel *customers = m_window->customersPanel();
    const qint64 customerId = m_customers->customer(customerRow(kDemoCustomer)).id;
    QVERIFY(customers->selectCustomer(customerId));
    QTRY_COMPARE(customers->ledgerModel()->customerId(), customerId);
    QTRY_VERIFY(customers->ledgerModel()->rowCount() > 0);

    testModel(m_products);
    testModel(inventory->productProxy());
    testModel(inventory->stockModel());
    testModel(m_orders);
    testModel(child<QTableView>("ordersView")->model());
    testModel(m_customers);
    testModel(child<QTableView>("customersView")->model());
    testModel(customers->ledgerModel());
}

void TestMainWindow::productDialogValidates_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("price");
    QTest::addColumn<bool>("valid");
    QTest::newRow("valid") << "NEW-1"
                           << "Produk Baru"
                           << "25000" << true;
    QTest::newRow("lower-case code is upper-cased") << "new_2"
                                                    << "Produk"
                                                    << "25.000" << true;
    QTest::newRow("empty code") << ""
                                << "Produk"
                                << "25000" << false;
    QTest::newRow("code with space") << "NEW 1"
                                     << "Produk"
                                     << "25000" << false;
    QTest::newRow("code with symbol") << "NEW*1"
                                      << "Produk"
                                      << "25000" << false;
    QTest::newRow("empty name") << "NEW1"
                                << "  "
                                << "25000" << false;
    QTest::newRow("zero price") << "NEW1"
                                << "Produk"
                                << "0" << false;
    QTest::newRow("fraction") << "NEW1"
                              << "Produk"
                              << "2500.5" << false;
    QTest::newRow("negative") << "NEW1"
                              << "Produk"
                              << "-100" << false;
    QTest::newRow("letters") << "NEW1"
                             << "Produk"
                             << "abc" << false;
}

void TestMainWindow::productDialogValidates()
{
    QFETCH(QString, code);
    QFETCH(QString, name);
    QFETCH(QString, price);
    QFETCH(bool, valid);

    gui::ProductDialog dialog(m_engine.get(), std::nullopt, m_session->actor());
    auto *ok = dialog.findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))->button(QDialogButtonBox::Ok);
    auto *error = dialog.findChild<QLabel *>(QStringLiteral("errorLabel"));
    QVERIFY(!ok->isEnabled());
    dialog.findChild<QLineEdit *>(QStringLiteral("codeEdit"))->setText(code);
    dialog.findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(name);
    for (const char *edit : {"bronzeEdit", "silverEdit", "goldEdit"})
        dialog.findChild<QLineEdit *>(QString::fromLatin1(edit))->setText(price);
    QCOMPARE(ok->isEnabled(), valid);
    QCOMPARE(dialog.validationError().isEmpty(), valid);
    QCOMPARE(error->text().isEmpty(), valid);
    if (valid) {
        QCOMPARE(dialog.enteredProduct().code, code.toUpper());
        QCOMPARE(dialog.enteredProduct().priceBronze, common::Rupiah(25000));
    }
}

void TestMainWindow::stockPastePreviewsAndSaves()
{
    QTRY_VERIFY(m_products->rowCount() > 0);
    const domain::Product product = m_products->product(0);
    const auto existing = await(m_engine->existingStock(product.id));
    QVERIFY(existing.ok() && !existing->isEmpty());

    gui::StockPasteDialog dialog(m_engine.get(), product, m_session->actor());
    QTRY_VERIFY(dialog.existingLoaded());
    auto *text = dialog.findChild<QPlainTextEdit *>(QStringLiteral("stockText"));
    auto *preview = dialog.findChild<QListWidget *>(QStringLiteral("stockPreview"));
    auto *save = dialog.findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))->button(QDialogButtonBox::Save);
    QVERIFY(text && preview && save);
    QVERIFY(!save->isEnabled());

    const QString fresh1 = QStringLiteral("gui.test.1@kedai.test|pw1|Profil 1|1111");
    const QString fresh2 = QStringLiteral("gui.test.2@kedai.test|pw2|Profil 2|2222");
    text->setPlainText(existing->first() + u'\n' + fresh1 + u'\n' + fresh1 + QStringLiteral("\n# note\n\n") + fresh2);
    using State = gui::StockPasteDialog::LineState;
    const QList<State> expected = {State::InStock, State::New, State::DuplicateInText, State::New};
    QTRY_COMPARE(preview->count(), int(expected.size()));
    for (int i = 0; i < preview->count(); ++i)
        QCOMPARE(State(preview->item(i)->data(gui::StockPasteDialog::kStateRole).toInt()), expected.at(i));
    QVERIFY(save->isEnabled());

    const int row = m_products->rowOfId(product.id);
    const qint64 before = m_products->product(row).stockAvailable;
    QTest::mouseClick(save, Qt::LeftButton);
    // Saved once, duplicates skipped; the inventory follows by itself.
    QTRY_COMPARE_WITH_TIMEOUT(m_products->product(m_products->rowOfId(product.id)).stockAvailable, before + 2, 10000);
    QTRY_VERIFY(text->toPlainText().isEmpty());
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("resultLabel"))->text().contains(QLatin1String("2")));

    // Pasting the same lines again: everything is already in stock, nothing to save.
    QTRY_VERIFY(dialog.existingLoaded());
    text->setPlainText(fresh1 + u'\n' + fresh2);
    QTRY_COMPARE(preview->count(), 2);
    QTRY_COMPARE(State(preview->item(1)->data(gui::StockPasteDialog::kStateRole).toInt()), State::InStock);
    QVERIFY(!save->isEnabled());
}

void TestMainWindow::saldoDialogTopsUpThroughTheLedger()
{
    QTRY_VERIFY(customerRow(kDemoCustomer) >= 0);
    const domain::Customer customer = m_customers->customer(customerRow(kDemoCustomer));
    gui::CustomersPanel *panel = m_window->customersPanel();
    QVERIFY(panel->selectCustomer(customer.id));
    QTRY_COMPARE(panel->ledgerModel()->customerId(), customer.id);
    QTRY_VERIFY(panel->ledgerModel()->rowCount() > 0);
    const int ledgerBefore = panel->ledgerModel()->rowCount();

    gui::SaldoDialog dialog(m_engine.get(), customer, m_session->actor());
    auto *ok = dialog.findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))->button(QDialogButtonBox::Ok);
    auto *amount = dialog.findChild<QLineEdit *>(QStringLiteral("amountEdit"));
    auto *reason = dialog.findChild<QLineEdit *>(QStringLiteral("reasonEdit"));
    auto *deduct = dialog.findChild<QRadioButton *>(QStringLiteral("deductRadio"));
    auto *topUp = dialog.findChild<QRadioButton *>(QStringLiteral("topUpRadio"));
    QVERIFY(!ok->isEnabled());
    amount->setText(QStringLiteral("50000"));
    QVERIFY2(!ok->isEnabled(), "a reason is required");
    reason->setText(QStringLiteral("transfer BCA (test)"));
    QVERIFY(ok->isEnabled());
    QCOMPARE(dialog.delta(), std::optional<common::Rupiah>(50000));
    deduct->setChecked(true);
    QCOMPARE(dialog.delta(), std::optional<common::Rupiah>(-50000));
    amount->setText(QString::number(customer.saldo + 1));
    QVERIFY2(!ok->isEnabled(), "cannot deduct more than the saldo");
    amount->setText(QStringLiteral("-5"));
    QVERIFY(!ok->isEnabled());
    topUp->setChecked(true);
    amount->setText(QStringLiteral("50.000"));
    QVERIFY(ok->isEnabled());

    QSignalSpy adjusted(&dialog, &gui::SaldoDialog::adjusted);
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_COMPARE(adjusted.count(), 1);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));

    // The panel follows the engine's customerChanged: new saldo and a new ledger line.
    QTRY_COMPARE_WITH_TIMEOUT(m_customers->customer(customerRow(kDemoCustomer)).saldo, customer.saldo + 50000, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(panel->ledgerModel()->rowCount(), ledgerBefore + 1, 10000);
    bool found = false;
    for (int row = 0; row < panel->ledgerModel()->rowCount(); ++row) {
        const domain::LedgerEntry &e = panel->ledgerModel()->entry(row);
        if (e.delta == 50000 && e.actor == m_session->actor())
            found = true;
    }
    QVERIFY(found);
}

void TestMainWindow::translationsAreBundled()
{
    QVERIFY(QFile::exists(QStringLiteral(":/i18n/kedai_id.qm")));
    QVERIFY(QFile::exists(QStringLiteral(":/i18n/kedai_en.qm")));
    QCOMPARE(gui::ProductTableModel().headerData(gui::ProductTableModel::StockColumn, Qt::Horizontal).toString(),
             QStringLiteral("Stock"));
    gui::installTranslations(*qApp, QStringLiteral("id"));
    QCOMPARE(gui::ProductTableModel().headerData(gui::ProductTableModel::StockColumn, Qt::Horizontal).toString(),
             QStringLiteral("Stok"));
}

void TestMainWindow::languageSwitchesWithoutRestart()
{
    // What the application does when the owner picks another language: new translators, the
    // window built again. Nothing of the previous language is left behind.
    const QDateTime when(QDate(2026, 11, 21), QTime(14, 30));
    const auto dashboardTab = [](gui::MainWindow &window) {
        auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("tabs"));
        return tabs->tabText(tabs->indexOf(window.dashboardPanel()));
    };
    gui::installTranslations(*qApp, QStringLiteral("en"));
    {
        gui::MainWindow english(m_engine.get(), m_session.get());
        QCOMPARE(dashboardTab(english), QStringLiteral("&Dashboard"));
        QCOMPARE(gui::Labels::dateTime(when), QStringLiteral("21 Nov 2026 14:30"));
    }
    gui::installTranslations(*qApp, QStringLiteral("id"));
    gui::MainWindow indonesian(m_engine.get(), m_session.get());
    QCOMPARE(dashboardTab(indonesian), QStringLiteral("&Dasbor"));
    QCOMPARE(gui::Labels::dateTime(when), QStringLiteral("21 Nov 2026 14.30"));
    QCOMPARE(gui::Labels::dateTime(when.addMonths(-3)), QStringLiteral("21 Agu 2026 14.30"));
    // Exactly one Kedai translator and one Qt translator: the English ones were removed.
    QVERIFY(qApp->findChildren<QTranslator *>(QStringLiteral("kedaiTranslator"), Qt::FindDirectChildrenOnly).size()
            <= 2);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
