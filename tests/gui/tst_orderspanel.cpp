// The Orders tab on a real engine (demo shop, SQLite in a temporary dir, the simulator channel):
// filters, live purchases, the masked detail and its audited reveal, who may refund, refunds
// from the window and over WhatsApp, the CSV export, and 20,000 orders opening at once.
#include "common/config.h"
#include "common/money.h"
#include "engine/engine.h"
#include "gui/async.h"
#include "gui/dialogs/orderdetaildialog.h"
#include "gui/dialogs/refunddialog.h"
#include "gui/models/ordertablemodel.h"
#include "gui/panels/orderspanel.h"
#include "support/guisession.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace kedai;

namespace {

const QString kBuyer = QStringLiteral("628111000001");    // demo customer, Rp 500.000
const QString kReseller = QStringLiteral("628111000002"); // demo customer, Rp 1.000.000
const QString kOwnerNumber = QStringLiteral("628999000001");

store::AuditFilter auditFilter(const QString &actor, const QString &action)
{
    store::AuditFilter f;
    f.actor = actor;
    f.action = action;
    return f;
}

template<typename T>
T await(QFuture<T> future)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, 20000))
        return T{};
    return future.result();
}

} // namespace

class TestOrdersPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void purchaseAppearsLive();
    void filterChangesTheRows();
    void detailIsMaskedUntilRevealed();
    void staffCannotRefundOrReveal();
    void refundAsManager();
    void ownerRefundsOverWhatsApp();
    void csvExportWritesTheFilter();
    void twentyThousandOrdersOpenAtOnce();

private:
    /// The customer buys over the simulator; returns the order once the panel shows it.
    std::optional<domain::Order> buy(const QString &phone, const QString &code);
    std::optional<domain::Customer> customer(const QString &phone);
    /// A raw connection to the engine's SQLite file (for checks and bulk inserts).
    QSqlDatabase raw();
    QStringList deliveredItems(qint64 orderId);

    QTemporaryDir m_dir;
    std::unique_ptr<engine::Engine> m_engine;
    std::unique_ptr<gui::Session> m_owner;
    std::unique_ptr<gui::Session> m_manager;
    std::unique_ptr<gui::Session> m_staff;
    std::unique_ptr<gui::OrdersPanel> m_panel; ///< the manager's
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestOrdersPanel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    auto config = common::Config::load({{QStringLiteral("KEDAI_DATA_DIR"), m_dir.path()},
                                        {QStringLiteral("HTTP_ADDR"), QStringLiteral("127.0.0.1:0")},
                                        {QStringLiteral("KEDAI_DEMO"), QStringLiteral("1")},
                                        {QStringLiteral("RATE_LIMIT_BUY"), QStringLiteral("1000/60s")},
                                        {QStringLiteral("OWNER_NUMBERS"), kOwnerNumber}},
                                       {});
    QVERIFY2(config.ok(), config.ok() ? "" : qPrintable(config.error().message));
    m_engine = std::make_unique<engine::Engine>(config.value());
    const auto started = m_engine->start();
    QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
    m_owner = test::signIn(m_engine.get());
    m_manager = test::signIn(m_engine.get(), domain::StaffRole::Manager);
    m_staff = test::signIn(m_engine.get(), domain::StaffRole::Staff);
    QVERIFY(m_owner && m_manager && m_staff);

    // A few orders before the panel opens.
    for (const char *code : {"NF1", "VIU1", "ML86"})
        QVERIFY(await(m_engine->simulateMessage(kReseller, QStringLiteral("Reseller"),
                                                QStringLiteral("buy %1 1").arg(QLatin1String(code)))));
    QTRY_COMPARE_WITH_TIMEOUT(await(m_engine->orderCount({})).value(), qint64(3), 15000);

    m_panel = std::make_unique<gui::OrdersPanel>(m_engine.get(), m_manager.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(m_panel->orderModel(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_panel->resize(1100, 600);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    QTRY_VERIFY(m_panel->hasLoaded());
    QCOMPARE(m_panel->orderModel()->rowCount(), 3);
    QTRY_COMPARE(m_panel->orderModel()->totalCount(), qint64(3));
}

void TestOrdersPanel::cleanupTestCase()
{
    m_tester.reset();
    m_panel.reset();
    if (m_engine)
        m_engine->stop();
    gui::drainPendingResults();
    m_engine.reset();
    QSqlDatabase::removeDatabase(QStringLiteral("tst-orderspanel-raw"));
}

QSqlDatabase TestOrdersPanel::raw()
{
    const QString name = QStringLiteral("tst-orderspanel-raw");
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(m_dir.filePath(QStringLiteral("kedai.db")));
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    db.open();
    return db;
}

QStringList TestOrdersPanel::deliveredItems(qint64 orderId)
{
    QSqlQuery q(raw());
    q.prepare(QStringLiteral("SELECT content FROM stock_items WHERE order_id = ? ORDER BY id"));
    q.addBindValue(orderId);
    QStringList out;
    if (q.exec()) {
        while (q.next())
            out << q.value(0).toString();
    }
    return out;
}

std::optional<domain::Customer> TestOrdersPanel::customer(const QString &phone)
{
    const auto list = await(m_engine->customers(phone));
    if (!list)
        return std::nullopt;
    for (const domain::Customer &c : list.value()) {
        if (c.phone == phone)
            return c;
    }
    return std::nullopt;
}

std::optional<domain::Order> TestOrdersPanel::buy(const QString &phone, const QString &code)
{
    gui::OrderTableModel *model = m_panel->orderModel();
    const qint64 newestBefore = model->rowCount() > 0 ? model->order(0).id : 0;
    if (!await(m_engine->simulateMessage(phone, QString(), QStringLiteral("buy %1 1").arg(code))))
        return std::nullopt;
    if (!QTest::qWaitFor([&] { return model->rowCount() > 0 && model->order(0).id > newestBefore; }, 15000))
        return std::nullopt;
    return model->order(0);
}

void TestOrdersPanel::purchaseAppearsLive()
{
    gui::OrderTableModel *model = m_panel->orderModel();
    auto *view = m_panel->findChild<QTableView *>(QStringLiteral("ordersView"));
    QVERIFY(view);
    const int before = model->rowCount();
    // Someone is looking at the second row: it stays selected while orders arrive above it.
    const QString selectedRef = model->order(1).ref;
    QVERIFY(m_panel->selectRef(selectedRef));

    const auto order = buy(kBuyer, QStringLiteral("NF1"));
    QVERIFY(order);
    QCOMPARE(model->rowCount(), before + 1);
    QCOMPARE(order->customerPhone, kBuyer);
    QCOMPARE(order->productCode, QStringLiteral("NF1"));
    QCOMPARE(order->status, domain::OrderStatus::Delivered);
    QCOMPARE(order->total, common::Rupiah(35'000));
    QVERIFY(order->items.isEmpty()); // the list never holds contents
    QTRY_COMPARE(model->totalCount(), qint64(before + 1));
    const QModelIndexList selected = view->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().data(gui::OrderTableModel::RefRole).toString(), selectedRef);
    QCOMPARE(view->model()->index(0, 0).data(gui::OrderTableModel::RefRole).toString(), order->ref);
}

void TestOrdersPanel::filterChangesTheRows()
{
    gui::OrderTableModel *model = m_panel->orderModel();
    const int all = model->rowCount();
    QVERIFY(all >= 4);
    // Ctrl+F goes to the search; a phone narrows to that customer.
    QTest::keyClick(m_panel.get(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(m_panel->searchEdit()->hasFocus());
    QTest::keyClicks(m_panel->searchEdit(), QStringLiteral("08111000001")); // a local number works too
    QTRY_VERIFY_WITH_TIMEOUT(model->hasLoaded() && model->rowCount() == 1, 5000);
    QCOMPARE(model->order(0).customerPhone, kBuyer);
    QCOMPARE(model->totalCount(), qint64(1));
    m_panel->searchEdit()->clear();
    QTRY_VERIFY(model->hasLoaded() && model->rowCount() == all);

    auto *product = m_panel->findChild<QComboBox *>(QStringLiteral("productFilterCombo"));
    QTRY_VERIFY(product->count() > 1);
    product->setCurrentIndex(product->findText(QStringLiteral("VIU1"), Qt::MatchContains));
    QTRY_VERIFY(model->hasLoaded() && model->rowCount() == 1);
    QCOMPARE(model->order(0).productCode, QStringLiteral("VIU1"));

    auto *status = m_panel->findChild<QComboBox *>(QStringLiteral("statusFilterCombo"));
    status->setCurrentIndex(status->findData(int(domain::OrderStatus::Refunded)));
    QTRY_VERIFY(model->hasLoaded() && model->rowCount() == 0);
    QTRY_COMPARE(model->totalCount(), qint64(0));

    QTest::mouseClick(m_panel->findChild<QPushButton *>(QStringLiteral("clearFiltersButton")), Qt::LeftButton);
    QTRY_VERIFY(model->hasLoaded() && model->rowCount() == all);
    QCOMPARE(status->currentIndex(), 0);
}

void TestOrdersPanel::detailIsMaskedUntilRevealed()
{
    gui::OrderTableModel *model = m_panel->orderModel();
    const domain::Order order = model->order(0);
    const QStringList items = deliveredItems(order.id);
    QCOMPARE(items.size(), 1);

    // Enter on the selected row opens the detail.
    QVERIFY(m_panel->selectRef(order.ref));
    auto *view = m_panel->findChild<QTableView *>(QStringLiteral("ordersView"));
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Return);
    gui::OrderDetailDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_panel->findChild<gui::OrderDetailDialog *>()) != nullptr);
    QPointer<gui::OrderDetailDialog> guard(dialog);
    QTRY_VERIFY(dialog->hasLoaded());
    QVERIFY(dialog->detail()->order.items.isEmpty()); // not in memory before the reveal
    QCOMPARE(dialog->detail()->itemCount, 1);
    QVERIFY(dialog->itemsText().contains(gui::OrderDetailDialog::maskedItem()));
    QVERIFY(!dialog->itemsText().contains(items.first()));
    QVERIFY(dialog->revealButton()->isVisible() && dialog->revealButton()->isEnabled());

    const auto auditBefore = await(
        m_engine->auditLog(auditFilter(QString(), QStringLiteral("order.reveal")), m_owner->actor()));
    QVERIFY(auditBefore);
    QTest::mouseClick(dialog->revealButton(), Qt::LeftButton);
    QTRY_VERIFY(dialog->isRevealed());
    QVERIFY(dialog->itemsText().contains(items.first()));
    QVERIFY(!dialog->revealButton()->isEnabled());

    const auto audit = await(
        m_engine->auditLog(auditFilter(QString(), QStringLiteral("order.reveal")), m_owner->actor()));
    QVERIFY(audit);
    QCOMPARE(audit->size(), auditBefore->size() + 1);
    const store::AuditEntry &row = audit->first();
    QCOMPARE(row.actor, m_manager->actor());
    QCOMPARE(row.entity, QStringLiteral("order:") + order.ref);
    QVERIFY(!row.after.contains(items.first()) && !row.before.contains(items.first()));
    dialog->close();
    QTRY_VERIFY(guard.isNull());
}

void TestOrdersPanel::staffCannotRefundOrReveal()
{
    gui::OrdersPanel staffPanel(m_engine.get(), m_staff.get());
    staffPanel.show();
    QTRY_VERIFY(staffPanel.hasLoaded());
    const domain::Order order = staffPanel.orderModel()->order(0);
    QCOMPARE(order.status, domain::OrderStatus::Delivered);
    QVERIFY(staffPanel.selectRef(order.ref));
    auto *refund = staffPanel.findChild<QPushButton *>(QStringLiteral("refundButton"));
    QVERIFY(refund && !refund->isVisible() && !refund->isEnabled());
    QVERIFY(!staffPanel.refundSelected());
    auto *resend = staffPanel.findChild<QPushButton *>(QStringLiteral("resendButton"));
    QVERIFY(resend->isVisible() && resend->isEnabled()); // staff may resend

    gui::OrderDetailDialog *dialog = staffPanel.openDetail(order.ref);
    QPointer<gui::OrderDetailDialog> guard(dialog);
    QTRY_VERIFY(dialog->hasLoaded());
    QVERIFY(!dialog->revealButton()->isVisible() && !dialog->revealButton()->isEnabled());
    QVERIFY(!dialog->refundButton()->isVisible() && !dialog->refundButton()->isEnabled());
    QVERIFY(!dialog->refund());
    dialog->reveal(); // does nothing
    QTest::qWait(50);
    QVERIFY(!dialog->isRevealed());
    dialog->close();

    // The engine refuses the staff actor as well, whatever a window shows.
    const auto reveal = await(m_engine->revealOrderItems(order.ref, m_staff->actor()));
    QVERIFY(!reveal);
    QCOMPARE(reveal.error().code, QStringLiteral("auth.forbidden"));
    const auto refunded = await(m_engine->refundOrder(order.ref, QStringLiteral("try"), false, m_staff->actor()));
    QVERIFY(!refunded);
    QCOMPARE(refunded.error().code, QStringLiteral("auth.forbidden"));
    const auto detail = await(m_engine->orderDetail(order.ref));
    QVERIFY(detail && detail->has_value());
    QCOMPARE((*detail)->order.status, domain::OrderStatus::Delivered);

    // Resending is theirs: the delivery is queued to the customer again, audited.
    const auto resent = await(m_engine->resendDelivery(order.ref, m_staff->actor()));
    QVERIFY2(resent, resent ? "" : qPrintable(resent.error().message));
    QCOMPARE(resent->recipient, order.customerPhone);
    const auto audit = await(
        m_engine->auditLog(auditFilter(m_staff->actor(), QStringLiteral("order.resend")), m_owner->actor()));
    QVERIFY(audit && !audit->isEmpty());
    QTRY_VERIFY(guard.isNull());
}

void TestOrdersPanel::refundAsManager()
{
    gui::OrderTableModel *model = m_panel->orderModel();
    const auto order = buy(kBuyer, QStringLiteral("VIU1"));
    QVERIFY(order);
    const auto buyer = customer(kBuyer);
    QVERIFY(buyer);
    QVERIFY(m_panel->selectRef(order->ref));
    auto *refundButton = m_panel->findChild<QPushButton *>(QStringLiteral("refundButton"));
    QVERIFY(refundButton->isVisible());
    QTRY_VERIFY(refundButton->isEnabled());

    gui::RefundDialog *dialog = m_panel->refundSelected();
    QVERIFY(dialog);
    QPointer<gui::RefundDialog> guard(dialog);
    QVERIFY(!dialog->refundButton()->isEnabled());   // a reason is required
    QVERIFY(!dialog->returnItemsBox()->isChecked()); // off by default
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("akun tidak bisa login"));
    QVERIFY(dialog->refundButton()->isEnabled());
    QTest::mouseClick(dialog->refundButton(), Qt::LeftButton);
    QTRY_VERIFY(guard.isNull() || !guard->isVisible());

    // Live: the row turns refunded in place, the saldo is back.
    QTRY_COMPARE_WITH_TIMEOUT(model->order(model->rowOfRef(order->ref)).status, domain::OrderStatus::Refunded, 10000);
    const auto after = customer(kBuyer);
    QVERIFY(after);
    QCOMPARE(after->saldo, buyer->saldo + order->total);
    const auto ledger = await(m_engine->ledger(buyer->id));
    QVERIFY(ledger);
    QCOMPARE(ledger->first().kind, domain::LedgerKind::Refund);
    QCOMPARE(ledger->first().reference, order->ref);
    QCOMPARE(ledger->first().actor, m_manager->actor());
    QCOMPARE(ledger->first().note, QStringLiteral("akun tidak bisa login"));
    QCOMPARE(deliveredItems(order->id).size(), 1); // the items stayed with the order
    QVERIFY(!refundButton->isEnabled());
    // A second time is refused by the engine too.
    const auto again = await(m_engine->refundOrder(order->ref, QStringLiteral("again"), false, m_owner->actor()));
    QVERIFY(!again);
    QCOMPARE(again.error().code, QStringLiteral("order.already_refunded"));
}

void TestOrdersPanel::ownerRefundsOverWhatsApp()
{
    gui::OrderTableModel *model = m_panel->orderModel();
    const auto order = buy(kReseller, QStringLiteral("FF100"));
    QVERIFY(order);
    const auto reseller = customer(kReseller);
    QVERIFY(reseller);
    QVERIFY(await(m_engine->simulateMessage(kOwnerNumber, QStringLiteral("Owner"),
                                            QStringLiteral("refund %1 salah kirim").arg(order->ref.toLower()))));
    QTRY_COMPARE_WITH_TIMEOUT(model->order(model->rowOfRef(order->ref)).status, domain::OrderStatus::Refunded, 10000);
    QTRY_COMPARE(customer(kReseller)->saldo, reseller->saldo + order->total);
    const auto owner = customer(kOwnerNumber);
    QVERIFY(owner);
    QString reply;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const auto thread = await(m_engine->conversationMessages(owner->id));
            if (!thread || thread->isEmpty() || !thread->last().outbound)
                return false;
            reply = thread->last().text;
            return true;
        }(),
        10000);
    QVERIFY2(reply.contains(order->ref) && reply.contains(common::formatRupiah(order->total)), qPrintable(reply));
    // Twice: refused politely, nothing changes.
    QVERIFY(await(
        m_engine->simulateMessage(kOwnerNumber, QStringLiteral("Owner"), QStringLiteral("refund %1").arg(order->ref))));
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const auto thread = await(m_engine->conversationMessages(owner->id));
            return thread && !thread->isEmpty() && thread->last().outbound && thread->last().text != reply;
        }(),
        10000);
    QCOMPARE(customer(kReseller)->saldo, reseller->saldo + order->total);
}

void TestOrdersPanel::csvExportWritesTheFilter()
{
    gui::OrderTableModel *model = m_panel->orderModel();
    auto *status = m_panel->findChild<QComboBox *>(QStringLiteral("statusFilterCombo"));
    status->setCurrentIndex(status->findData(int(domain::OrderStatus::Delivered)));
    QTRY_VERIFY(model->hasLoaded());
    const qint64 expected = await(m_engine->orderCount(m_panel->currentFilter())).value();
    QVERIFY(expected >= 3);

    const QString path = m_dir.filePath(QStringLiteral("orders.csv"));
    QSignalSpy finished(m_panel.get(), &gui::OrdersPanel::exportFinished);
    m_panel->exportCsv(path);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QCOMPARE(finished.first().at(0).toBool(), true);
    QCOMPARE(finished.first().at(1).toLongLong(), expected);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
    const QStringList lines = QString::fromUtf8(bytes.mid(3)).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), expected + 1);
    QVERIFY(lines.first().startsWith(QStringLiteral("ref,created,")));
    for (int i = 1; i < lines.size(); ++i)
        QVERIFY2(lines.at(i).contains(QStringLiteral(",delivered,")), qPrintable(lines.at(i)));
    // Never the delivered items.
    for (int row = 0; row < model->rowCount(); ++row) {
        for (const QString &item : deliveredItems(model->order(row).id))
            QVERIFY(!bytes.contains(item.toUtf8()));
    }
    const auto audit = await(
        m_engine->auditLog(auditFilter(m_manager->actor(), QStringLiteral("order.export")), m_owner->actor()));
    QVERIFY(audit && !audit->isEmpty());
    status->setCurrentIndex(0);
    QTRY_VERIFY(model->hasLoaded());
}

void TestOrdersPanel::twentyThousandOrdersOpenAtOnce()
{
    constexpr int kOrders = 20'000;
    // The other panel would start reading the bulk too (its tester fetches every page).
    m_tester.reset();
    m_panel.reset();
    const auto buyer = customer(kBuyer);
    QVERIFY(buyer);
    QSqlDatabase db = raw();
    QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
    QSqlQuery q(db);
    QVERIFY(q.exec(QStringLiteral("SELECT id FROM products WHERE code = 'GP50'")) && q.next());
    const qint64 productId = q.value(0).toLongLong();
    QVERIFY(q.exec(QStringLiteral("BEGIN IMMEDIATE")));
    const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-30);
    for (int chunk = 0; chunk < kOrders; chunk += 500) {
        QString sql = QStringLiteral("INSERT INTO orders (ref, customer_id, product_id, qty, unit_price, total, "
                                     "unique_code, payable, method, status, created_at) VALUES ");
        for (int i = chunk; i < chunk + 500; ++i) {
            sql += QStringLiteral("%1('BULK%2', %3, %4, 1, 52000, 52000, 0, 52000, 'saldo', 'delivered', '%5')")
                       .arg(i == chunk ? QString() : QStringLiteral(","))
                       .arg(i, 8, 10, QLatin1Char('0'))
                       .arg(buyer->id)
                       .arg(productId)
                       .arg(start.addSecs(i * 60).toString(Qt::ISODateWithMs));
        }
        QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
    }
    QVERIFY(q.exec(QStringLiteral("COMMIT")));
    const qint64 total = await(m_engine->orderCount({})).value();
    QVERIFY(total > kOrders);

    QElapsedTimer timer;
    timer.start();
    gui::OrdersPanel panel(m_engine.get(), m_owner.get());
    panel.resize(1000, 500);
    panel.show();
    QTRY_VERIFY_WITH_TIMEOUT(panel.hasLoaded(), 5000);
    const qint64 firstPageMs = timer.elapsed();
    qInfo("first page of %lld orders shown after %lld ms", total, firstPageMs);
    QVERIFY2(firstPageMs < 1000, qPrintable(QString::number(firstPageMs)));
    gui::OrderTableModel *model = panel.orderModel();
    QTest::qWait(200); // nothing more is loaded until someone scrolls
    QCOMPARE(model->rowCount(), gui::OrderTableModel::kPageSize);
    QTRY_COMPARE(model->totalCount(), total);
    QVERIFY(panel.findChild<QLabel *>(QStringLiteral("countLabel"))->text().contains(QLocale().toString(total)));

    // Scrolling to the end loads the next page, one at a time.
    auto *view = panel.findChild<QTableView *>(QStringLiteral("ordersView"));
    for (int page = 2; page <= 4; ++page) {
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() >= page * gui::OrderTableModel::kPageSize
                                     || (view->scrollToBottom(), false),
                                 5000);
        QCOMPARE(model->rowCount(), page * gui::OrderTableModel::kPageSize); // one page per scroll
    }
    for (int row = 1; row < model->rowCount(); ++row)
        QVERIFY(model->order(row).id < model->order(row - 1).id);
    // A new order while far down: inserted at the top, the rows in view stay in view.
    const int topRow = view->rowAt(0);
    QVERIFY(topRow > 0);
    const QString topRef = model->order(topRow).ref;
    QVERIFY(await(m_engine->simulateMessage(kBuyer, QString(), QStringLiteral("buy ML86 1"))));
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 4 * gui::OrderTableModel::kPageSize + 1, 10000);
    QTRY_COMPARE(model->order(view->rowAt(0)).ref, topRef);

    // Under the tester: more pages arrive asynchronously, and a filter change lands while one
    // is on its way.
    {
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto fetch = [model] {
            if (model->canFetchMore({}))
                model->fetchMore({}); // what the view does at the bottom
            return false;
        };
        for (int i = 0; i < 3; ++i) {
            const int before = model->rowCount();
            QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > before || fetch(), 5000);
        }
        fetch();
        QVERIFY(model->isFetching());
        panel.searchEdit()->setText(QStringLiteral("bulk00001999")); // a ref, any case
        panel.applyFilter();
        QTRY_VERIFY_WITH_TIMEOUT(panel.hasLoaded() && model->rowCount() == 1, 5000);
        QCOMPARE(model->order(0).ref, QStringLiteral("BULK00001999"));
        panel.searchEdit()->clear();
        panel.applyFilter();
        QTRY_VERIFY_WITH_TIMEOUT(panel.hasLoaded() && model->rowCount() >= 2 * gui::OrderTableModel::kPageSize, 20000);
    }
}

QTEST_MAIN(TestOrdersPanel)
#include "tst_orderspanel.moc"
