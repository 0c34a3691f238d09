// A working day in the real MainWindow (issue 6), offscreen on a real engine with the demo shop:
// the owner creates a product, pastes stock (the preview flags a duplicate line), a customer
// buys it through the simulator and Orders, Inventory and the Dashboard follow without anyone
// pressing refresh; the owner refunds the order and tops up a customer; every one of those
// changes is in the Audit panel with the owner's name. A staff account cannot open Settings or
// refund, in the window and in the engine.
#include "common/config.h"
#include "engine/engine.h"
#include "gui/async.h"
#include "gui/dialogs/productdialog.h"
#include "gui/dialogs/refunddialog.h"
#include "gui/dialogs/saldodialog.h"
#include "gui/dialogs/stockpastedialog.h"
#include "gui/mainwindow.h"
#include "gui/models/audittablemodel.h"
#include "gui/models/ordertablemodel.h"
#include "gui/models/producttablemodel.h"
#include "gui/panels/auditpanel.h"
#include "gui/panels/customerspanel.h"
#include "gui/panels/dashboardpanel.h"
#include "gui/panels/inventorypanel.h"
#include "gui/panels/orderspanel.h"
#include "gui/panels/settingspanel.h"
#include "support/guisession.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace kedai;

namespace {

const QString kBuyer = QStringLiteral("628111000001"); // the demo customer, with saldo
const QString kCode = QStringLiteral("FLOW1");
constexpr common::Rupiah kPrice = 12'500;

/// The visible dialog of type T that `parent` opened (dialogs are opened with open(), not exec()).
template<typename T>
T *openDialog(QWidget *parent)
{
    for (T *dialog : parent->findChildren<T *>()) {
        if (dialog->isVisible())
            return dialog;
    }
    return nullptr;
}

} // namespace

class TestDesktopFlow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void aWorkingDayIsLiveAndAudited();
    void staffCannotOpenSettingsOrRefund();

private:
    template<typename T>
    T *child(const char *name) const
    {
        return m_window->findChild<T *>(QString::fromLatin1(name));
    }
    /// The audit rows the panel shows, as "actor action entity" lines.
    QStringList auditLines() const;

    QTemporaryDir m_dir;
    std::unique_ptr<engine::Engine> m_engine;
    std::unique_ptr<gui::Session> m_session;
    std::unique_ptr<gui::MainWindow> m_window;
    QString m_refundedRef;
};

void TestDesktopFlow::initTestCase()
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
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestDesktopFlow::cleanupTestCase()
{
    m_window.reset();
    if (m_engine)
        m_engine->stop();
    gui::drainPendingResults();
}

QStringList TestDesktopFlow::auditLines() const
{
    QStringList lines;
    gui::AuditTableModel *model = m_window->auditPanel()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const store::AuditEntry &e = model->entry(row);
        lines << e.actor + QLatin1Char(' ') + e.action + QLatin1Char(' ') + e.entity;
    }
    return lines;
}

void TestDesktopFlow::aWorkingDayIsLiveAndAudited()
{
    auto *tabs = child<QTabWidget>("tabs");
    gui::InventoryPanel *inventory = m_window->inventoryPanel();
    gui::DashboardPanel *dashboard = m_window->dashboardPanel();
    QTRY_VERIFY_WITH_TIMEOUT(inventory->hasLoaded(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(dashboard->hasLoaded(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->ordersPanel()->hasLoaded(), 10000);
    const store::DashboardStats before = dashboard->stats();

    // 1. A new product through the Inventory tab's dialog.
    tabs->setCurrentWidget(inventory);
    QTest::mouseClick(inventory->findChild<QPushButton *>(QStringLiteral("addButton")), Qt::LeftButton);
    auto *productDialog = openDialog<gui::ProductDialog>(inventory);
    QVERIFY(productDialog);
    productDialog->findChild<QLineEdit *>(QStringLiteral("codeEdit"))->setText(kCode);
    productDialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("Voucher Alur Kerja"));
    for (const char *edit : {"bronzeEdit", "silverEdit", "goldEdit"})
        productDialog->findChild<QLineEdit *>(QString::fromLatin1(edit))->setText(QString::number(kPrice));
    auto *ok = productDialog->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))->button(QDialogButtonBox::Ok);
    QVERIFY2(ok->isEnabled(), qPrintable(productDialog->validationError()));
    QTest::mouseClick(ok, Qt::LeftButton);
    const auto productRow = [&] {
        for (int row = 0; row < inventory->productModel()->rowCount(); ++row) {
            if (inventory->productModel()->product(row).code == kCode)
                return row;
        }
        return -1;
    };
    QTRY_VERIFY_WITH_TIMEOUT(productRow() >= 0, 10000);
    const domain::Product product = inventory->productModel()->product(productRow());
    QCOMPARE(product.stockAvailable, 0);

    // 2. Stock pasted with a line twice: the preview flags it before anything is saved.
    QVERIFY(inventory->selectProduct(product.id));
    QTest::mouseClick(inventory->findChild<QPushButton *>(QStringLiteral("pasteStockButton")), Qt::LeftButton);
    auto *paste = openDialog<gui::StockPasteDialog>(inventory);
    QVERIFY(paste);
    QTRY_VERIFY_WITH_TIMEOUT(paste->existingLoaded(), 10000);
    paste->findChild<QPlainTextEdit *>(QStringLiteral("stockText"))
        ->setPlainText(QStringLiteral("FLOW-AAA-111\nFLOW-BBB-222\nFLOW-AAA-111\nFLOW-CCC-333\n"));
    auto *preview = paste->findChild<QListWidget *>(QStringLiteral("stockPreview"));
    QVERIFY(preview);
    const auto flagged = [&] {
        int duplicates = 0;
        for (int i = 0; i < preview->count(); ++i) {
            if (preview->item(i)->data(gui::StockPasteDialog::kStateRole).toInt()
                == int(gui::StockPasteDialog::LineState::DuplicateInText))
                ++duplicates;
        }
        return duplicates;
    };
    QTRY_COMPARE_WITH_TIMEOUT(flagged(), 1, 10000);
    QCOMPARE(test::waitFor(m_engine->existingStock(product.id))->size(), 0); // nothing saved yet
    QTest::mouseClick(paste->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))->button(QDialogButtonBox::Save),
                      Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(inventory->productModel()->product(productRow()).stockAvailable, 3, 10000);

    // 3. A customer buys it through the simulator: Orders, Inventory and the Dashboard follow.
    auto bought = test::waitFor(m_engine->simulateMessage(kBuyer, QString(), QStringLiteral("buy %1 1").arg(kCode)));
    QVERIFY(bought);
    gui::OrderTableModel *orders = m_window->ordersPanel()->orderModel();
    const auto orderRow = [&] {
        for (int row = 0; row < orders->rowCount(); ++row) {
            if (orders->order(row).productCode == kCode)
                return row;
        }
        return -1;
    };
    QTRY_VERIFY_WITH_TIMEOUT(orderRow() >= 0, 15000);
    const domain::Order order = orders->order(orderRow());
    QCOMPARE(order.status, domain::OrderStatus::Delivered);
    QCOMPARE(order.total, kPrice);
    QTRY_COMPARE_WITH_TIMEOUT(inventory->productModel()->product(productRow()).stockAvailable, 2, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(dashboard->stats().ordersToday, before.ordersToday + 1, 10000);
    QCOMPARE(dashboard->stats().revenueToday, before.revenueToday + kPrice);
    QCOMPARE(dashboard->stats().itemsSoldToday, before.itemsSoldToday + 1);

    // 4. The owner refunds it from the Orders tab: back to saldo, the order says so.
    tabs->setCurrentWidget(m_window->ordersPanel());
    QVERIFY(m_window->ordersPanel()->selectRef(order.ref));
    gui::RefundDialog *refund = m_window->ordersPanel()->refundSelected();
    QVERIFY(refund);
    refund->reasonEdit()->setText(QStringLiteral("akun tidak bisa login"));
    QVERIFY2(refund->refundButton()->isEnabled(), qPrintable(refund->validationError()));
    QTest::mouseClick(refund->refundButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(orders->order(orderRow()).status, domain::OrderStatus::Refunded, 10000);
    m_refundedRef = order.ref;
    QTRY_COMPARE_WITH_TIMEOUT(dashboard->stats().revenueToday, before.revenueToday, 10000);

    // 5. A top-up from the Customers tab, with a reason.
    gui::CustomersPanel *customers = m_window->customersPanel();
    tabs->setCurrentWidget(customers);
    QTRY_VERIFY_WITH_TIMEOUT(customers->hasLoaded(), 10000);
    auto found = test::waitFor(m_engine->customers(kBuyer));
    QVERIFY(found && !found->isEmpty());
    const domain::Customer buyer = found->first();
    QTRY_VERIFY_WITH_TIMEOUT(customers->selectCustomer(buyer.id), 10000);
    QTest::mouseClick(customers->findChild<QPushButton *>(QStringLiteral("saldoButton")), Qt::LeftButton);
    auto *saldo = openDialog<gui::SaldoDialog>(customers);
    QVERIFY(saldo);
    saldo->findChild<QLineEdit *>(QStringLiteral("amountEdit"))->setText(QStringLiteral("25000"));
    saldo->findChild<QLineEdit *>(QStringLiteral("reasonEdit"))->setText(QStringLiteral("transfer BCA"));
    QTest::mouseClick(saldo->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))->button(QDialogButtonBox::Ok),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(test::waitFor(m_engine->customers(kBuyer))->first().saldo == buyer.saldo + 25'000, 10000);

    // 6. Each change is in the Audit panel, by the signed-in owner.
    QVERIFY(m_window->isTabShown(m_window->auditPanel()));
    tabs->setCurrentWidget(m_window->auditPanel());
    const QString me = m_session->actor();
    const QStringList expected = {me + QStringLiteral(" product.create product:") + kCode,
                                  me + QStringLiteral(" stock.add product:") + kCode,
                                  QStringLiteral(" order.purchase order:") + order.ref,
                                  me + QStringLiteral(" order.refund order:") + order.ref};
    const auto hasAll = [&] {
        const QStringList lines = auditLines();
        for (const QString &want : expected) {
            if (!std::any_of(lines.cbegin(), lines.cend(), [&](const QString &l) { return l.contains(want); }))
                return false;
        }
        // The top-up is a ledger row written by the owner.
        return std::any_of(lines.cbegin(), lines.cend(),
                           [&](const QString &l) { return l.startsWith(me + QStringLiteral(" ledger.post")); });
    };
    QTRY_VERIFY2_WITH_TIMEOUT(hasAll(), qPrintable(auditLines().mid(0, 20).join(QLatin1Char('\n'))), 15000);
    // The top-up's reason is in its audit row, so the panel's text search finds it.
    m_window->auditPanel()->searchEdit()->setText(QStringLiteral("transfer BCA"));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->auditPanel()->model()->rowCount() == 1
                                 && m_window->auditPanel()->model()->entry(0).action == QLatin1String("ledger.post"),
                             15000);
    m_window->auditPanel()->searchEdit()->clear();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->auditPanel()->model()->rowCount() > 1, 15000);
    // The duplicate pasted line was saved once: the audit row counts three items.
    for (int row = 0; row < m_window->auditPanel()->model()->rowCount(); ++row) {
        const store::AuditEntry &e = m_window->auditPanel()->model()->entry(row);
        if (e.action == QLatin1String("stock.add") && e.entity.endsWith(kCode))
            QVERIFY2(e.after.contains(QLatin1String("3")), qPrintable(e.after));
    }
}

void TestDesktopFlow::staffCannotOpenSettingsOrRefund()
{
    QVERIFY(!m_refundedRef.isEmpty());
    auto staff = test::signIn(m_engine.get(), domain::StaffRole::Staff);
    QVERIFY(staff);
    gui::MainWindow window(m_engine.get(), staff.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("tabs"));

    // Settings (and the audit trail) are not among the tabs, not even by shortcut.
    QVERIFY(!window.isTabShown(window.settingsPanel()));
    QVERIFY(!window.isTabShown(window.auditPanel()));
    QVERIFY(window.isTabShown(window.ordersPanel()));
    QTest::keyClick(&window, Qt::Key_0, Qt::ControlModifier);
    QVERIFY(tabs->currentWidget() != window.settingsPanel());

    // Refund is not offered for a delivered order...
    const auto purchased = test::waitFor(
        m_engine->simulateMessage(kBuyer, QString(), QStringLiteral("buy %1 1").arg(kCode)));
    QVERIFY(purchased);
    gui::OrdersPanel *orders = window.ordersPanel();
    tabs->setCurrentWidget(orders);
    QString ref;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int row = 0; row < orders->orderModel()->rowCount(); ++row) {
                const domain::Order &o = orders->orderModel()->order(row);
                if (o.productCode == kCode && o.status == domain::OrderStatus::Delivered) {
                    ref = o.ref;
                    return true;
                }
            }
            return false;
        }(),
        15000);
    QVERIFY(orders->selectRef(ref));
    auto *refundButton = orders->findChild<QPushButton *>(QStringLiteral("refundButton"));
    QVERIFY(refundButton);
    QVERIFY(!refundButton->isEnabled() || !refundButton->isVisible());
    QVERIFY(orders->refundSelected() == nullptr);

    // ...and the engine refuses it for a staff actor, changing nothing.
    const auto refused = test::waitFor(m_engine->refundOrder(ref, QStringLiteral("coba"), false, staff->actor()));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, QStringLiteral("auth.forbidden"));
    const auto order = test::waitFor(m_engine->orderByRef(ref));
    QVERIFY(order && order->has_value());
    QCOMPARE((*order)->status, domain::OrderStatus::Delivered);
    const auto setting = test::waitFor(
        m_engine->setSetting(QStringLiteral("bot_pause_min"), QStringLiteral("5"), staff->actor()));
    QVERIFY(!setting);
    QCOMPARE(setting.error().code, QStringLiteral("auth.forbidden"));
}

QTEST_MAIN(TestDesktopFlow)
#include "tst_desktopflow.moc"
