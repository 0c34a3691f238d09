// The Inventory panel on a real engine (demo shop, SQLite in a temporary dir): filters, the
// product dialog's refusals, importing a file with a preview that flags duplicates before
// anything is saved, voiding with a confirmation, a product with 100,000 stock items opening
// with one page, and what a staff account may not do (in the window and in the Engine).
#include "common/config.h"
#include "engine/engine.h"
#include "gui/async.h"
#include "gui/dialogs/productdialog.h"
#include "gui/dialogs/stockpastedialog.h"
#include "gui/labels.h"
#include "gui/models/producttablemodel.h"
#include "gui/models/stockitemmodel.h"
#include "gui/panels/inventorypanel.h"
#include "support/guisession.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>
#include <QTimer>

#include <memory>
#include <optional>
#include <vector>

using namespace kedai;
using test::waitFor;

namespace {

/// Answers the next modal message box (a confirmation) with `button`, once it is shown.
void answerNextMessageBox(QMessageBox::StandardButton button)
{
    auto *timer = new QTimer(qApp);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, button] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            timer->stop();
            timer->deleteLater();
            box->button(button)->click();
        }
    });
    timer->start(10);
}

} // namespace

class TestInventoryPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void filtersNarrowTheList();
    void productDialogRefusesTakenCodeAndZeroPrices();
    void csvColumnsAreRead_data();
    void csvColumnsAreRead();
    void importPreviewsBeforeSaving();
    void voidAsksFirst();
    void pagesArriveUnderTheTester();
    void hundredThousandItemsOpenWithOnePage();
    void staffCannotEditProducts();

private:
    template<typename T>
    T *child(const char *name) const
    {
        return m_panel->findChild<T *>(QString::fromLatin1(name));
    }
    std::optional<domain::Product> stockedProduct() const;
    bool selectAndWait(qint64 productId);
    /// SQL on the engine's database file, on a connection of the test's own.
    bool sql(const QString &statement, const QVariantList &args = {});

    QTemporaryDir m_dir;
    std::unique_ptr<engine::Engine> m_engine;
    std::unique_ptr<gui::Session> m_session;
    std::unique_ptr<gui::InventoryPanel> m_panel;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
};

void TestInventoryPanel::initTestCase()
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
    m_session = test::signIn(m_engine.get(), domain::StaffRole::Manager);
    QVERIFY(m_session);
    m_panel = std::make_unique<gui::InventoryPanel>(m_engine.get(), m_session.get());
    // Live testers: every reset, insert (page) and change below is checked as it happens.
    for (QAbstractItemModel *model :
         std::initializer_list<QAbstractItemModel *>{m_panel->productModel(), m_panel->productProxy(),
                                                     m_panel->stockModel()})
        m_testers.push_back(
            std::make_unique<QAbstractItemModelTester>(model, QAbstractItemModelTester::FailureReportingMode::QtTest));
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    QTRY_VERIFY(m_panel->hasLoaded());
}

void TestInventoryPanel::cleanupTestCase()
{
    m_testers.clear();
    m_panel.reset();
    if (m_engine)
        m_engine->stop();
    gui::drainPendingResults();
    m_engine.reset();
    QSqlDatabase::removeDatabase(QStringLiteral("tst-inventory"));
}

std::optional<domain::Product> TestInventoryPanel::stockedProduct() const
{
    for (const domain::Product &p : m_panel->productModel()->products()) {
        if (p.active && p.kind != domain::ProductKind::Ppob && p.stockAvailable > 0)
            return p;
    }
    return std::nullopt;
}

bool TestInventoryPanel::selectAndWait(qint64 productId)
{
    if (!m_panel->selectProduct(productId))
        return false;
    gui::StockItemModel *stock = m_panel->stockModel();
    return QTest::qWaitFor([&] { return stock->productId() == productId && !stock->isFetching(); }, 10000);
}

bool TestInventoryPanel::sql(const QString &statement, const QVariantList &args)
{
    const QString name = QStringLiteral("tst-inventory");
    QSqlDatabase db = QSqlDatabase::contains(name) ? QSqlDatabase::database(name)
                                                   : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    if (!db.isOpen()) {
        db.setDatabaseName(m_dir.filePath(QStringLiteral("kedai.db")));
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        if (!db.open())
            return false;
    }
    QSqlQuery q(db);
    q.prepare(statement);
    for (const QVariant &a : args)
        q.addBindValue(a);
    if (!q.exec()) {
        qWarning("%s", qPrintable(q.lastError().text()));
        return false;
    }
    return true;
}

void TestInventoryPanel::filtersNarrowTheList()
{
    QAbstractItemModel *view = child<QTableView>("productsView")->model();
    const int all = m_panel->productModel()->rowCount();
    QVERIFY(all >= 3);
    QCOMPARE(view->rowCount(), all);

    auto *category = child<QComboBox>("categoryFilter");
    QVERIFY(category->count() >= 3); // "All" and the demo's categories
    category->setCurrentIndex(1);
    const QString picked = category->currentText();
    QVERIFY(view->rowCount() >= 1 && view->rowCount() < all);
    for (int row = 0; row < view->rowCount(); ++row)
        QCOMPARE(view->index(row, gui::ProductTableModel::CategoryColumn).data().toString(), picked);
    category->setCurrentIndex(0);
    QCOMPARE(view->rowCount(), all);

    auto *state = child<QComboBox>("stateFilter");
    state->setCurrentIndex(state->findData(2)); // inactive: the demo shop has none
    QCOMPARE(view->rowCount(), 0);
    state->setCurrentIndex(0);

    auto *kind = child<QComboBox>("kindFilter");
    kind->setCurrentIndex(kind->findData(int(domain::ProductKind::Digital)));
    QVERIFY(view->rowCount() >= 1);
    for (int row = 0; row < view->rowCount(); ++row)
        QCOMPARE(view->index(row, gui::ProductTableModel::KindColumn).data().toString(),
                 gui::Labels::productKind(domain::ProductKind::Digital));
    kind->setCurrentIndex(0);

    // Low stock only: exactly the products at or under their threshold.
    int low = 0;
    for (const domain::Product &p : m_panel->productModel()->products())
        low += gui::ProductTableModel::isLowStock(p) ? 1 : 0;
    child<QCheckBox>("lowStockCheck")->setChecked(true);
    QCOMPARE(view->rowCount(), low);
    child<QCheckBox>("lowStockCheck")->setChecked(false);

    // Search and sort: the proxy sorts prices as numbers.
    child<QLineEdit>("searchEdit")->setText(m_panel->productModel()->product(0).code);
    QVERIFY(view->rowCount() >= 1 && view->rowCount() < all);
    child<QLineEdit>("searchEdit")->clear();
    view->sort(gui::ProductTableModel::BronzeColumn, Qt::AscendingOrder);
    for (int row = 1; row < view->rowCount(); ++row)
        QVERIFY(view->index(row - 1, gui::ProductTableModel::BronzeColumn)
                    .data(gui::ProductTableModel::SortRole)
                    .toLongLong()
                <= view->index(row, gui::ProductTableModel::BronzeColumn)
                       .data(gui::ProductTableModel::SortRole)
                       .toLongLong());
    view->sort(-1);
}

void TestInventoryPanel::productDialogRefusesTakenCodeAndZeroPrices()
{
    const QList<domain::Product> catalog = m_panel->productModel()->products();
    const QString taken = catalog.first().code;
    {
        gui::ProductDialog dialog(m_engine.get(), std::nullopt, m_session->actor(), catalog);
        dialog.show();
        auto *ok = dialog.findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))->button(QDialogButtonBox::Ok);
        auto *error = dialog.findChild<QLabel *>(QStringLiteral("errorLabel"));
        auto *categories = dialog.findChild<QComboBox *>(QStringLiteral("categoryCombo"));
        QVERIFY(categories->isEditable());
        QCOMPARE(categories->count(), m_panel->productModel()->categories().size());
        dialog.findChild<QLineEdit *>(QStringLiteral("codeEdit"))->setText(taken.toLower());
        dialog.findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("Produk"));
        for (const char *edit : {"bronzeEdit", "silverEdit", "goldEdit"})
            dialog.findChild<QLineEdit *>(QString::fromLatin1(edit))->setText(QStringLiteral("10000"));
        QVERIFY(!ok->isEnabled());
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(taken) && error->text().contains(QLatin1String("already used")),
                 qPrintable(error->text()));

        dialog.findChild<QLineEdit *>(QStringLiteral("codeEdit"))->setText(QStringLiteral("FRESH-1"));
        QVERIFY(ok->isEnabled());
        QVERIFY(!error->isVisible());
        dialog.findChild<QLineEdit *>(QStringLiteral("silverEdit"))->setText(QStringLiteral("0"));
        QVERIFY(!ok->isEnabled());
        QVERIFY(error->isVisible() && error->text().contains(QLatin1String("silver")));
        // Gold dearer than silver: allowed, with a warning.
        dialog.findChild<QLineEdit *>(QStringLiteral("silverEdit"))->setText(QStringLiteral("9000"));
        dialog.findChild<QLineEdit *>(QStringLiteral("goldEdit"))->setText(QStringLiteral("9500"));
        QVERIFY(ok->isEnabled());
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("warningLabel"))->isVisible());
    }
    {
        // A code taken since the list was loaded: the Engine refuses it, the dialog says so.
        gui::ProductDialog dialog(m_engine.get(), std::nullopt, m_session->actor());
        dialog.show();
        auto *ok = dialog.findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))->button(QDialogButtonBox::Ok);
        auto *error = dialog.findChild<QLabel *>(QStringLiteral("errorLabel"));
        dialog.findChild<QLineEdit *>(QStringLiteral("codeEdit"))->setText(taken);
        dialog.findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("Produk"));
        for (const char *edit : {"bronzeEdit", "silverEdit", "goldEdit"})
            dialog.findChild<QLineEdit *>(QString::fromLatin1(edit))->setText(QStringLiteral("10000"));
        QVERIFY(ok->isEnabled());
        QSignalSpy saved(&dialog, &gui::ProductDialog::saved);
        QTest::mouseClick(ok, Qt::LeftButton);
        QTRY_VERIFY(error->isVisible() && error->text().contains(QLatin1String("already used")));
        QCOMPARE(saved.count(), 0);
        QVERIFY(dialog.isVisible());
    }
}

void TestInventoryPanel::csvColumnsAreRead_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<bool>("csv");
    QTest::addColumn<int>("column");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("txt") << QByteArray("\xef\xbb\xbf"
                                       "a|1\r\n\r\n# note\n b|2 \n")
                         << false << 0 << QStringList{QStringLiteral("a|1"), QStringLiteral("b|2")};
    QTest::newRow("csv first column") << QByteArray("x@a.com|pw,Netflix\ny@a.com|pw,Netflix\n") << true << 0
                                      << QStringList{QStringLiteral("x@a.com|pw"), QStringLiteral("y@a.com|pw")};
    QTest::newRow("csv picked column, quotes")
        << QByteArray("1,\"VOUCHER, A\",x\n2,\"say \"\"hi\"\"\",y\n3\n") << true << 1
        << QStringList{QStringLiteral("VOUCHER, A"), QStringLiteral("say \"hi\"")};
    QTest::newRow("csv semicolons") << QByteArray("code;note\nAAA-1;x\nBBB-2;y") << true << 0
                                    << QStringList{QStringLiteral("code"), QStringLiteral("AAA-1"),
                                                   QStringLiteral("BBB-2")};
    QTest::newRow("csv one column") << QByteArray("K1\nK2\n\nK3") << true << 0
                                    << QStringList{QStringLiteral("K1"), QStringLiteral("K2"), QStringLiteral("K3")};
}

void TestInventoryPanel::csvColumnsAreRead()
{
    QFETCH(QByteArray, data);
    QFETCH(bool, csv);
    QFETCH(int, column);
    QFETCH(QStringList, expected);
    QCOMPARE(gui::StockPasteDialog::importedLines(data, csv, column), expected);
}

void TestInventoryPanel::importPreviewsBeforeSaving()
{
    const auto product = stockedProduct();
    QVERIFY(product);
    const auto existing = waitFor(m_engine->stockItemsPage(product->id, 0, 1, domain::StockStatus::Available));
    QVERIFY(existing && existing->size() == 1);
    const auto before = waitFor(m_engine->stockCounts(product->id));
    QVERIFY(before);

    QTemporaryFile file(m_dir.filePath(QStringLiteral("stock-XXXXXX.txt")));
    QVERIFY(file.open());
    const QByteArray fresh1 = "import.1@kedai.test|pw1|Profil 1|1111";
    const QByteArray fresh2 = "import.2@kedai.test|pw2|Profil 2|2222";
    file.write(existing->first().content.toUtf8() + '\n' + fresh1 + '\n' + fresh1 + "\n\n" + fresh2 + '\n');
    file.close();

    QVERIFY(selectAndWait(product->id));
    gui::StockPasteDialog *dialog = m_panel->addStockToSelected();
    QVERIFY(dialog);
    QPointer<gui::StockPasteDialog> guard(dialog);
    auto *preview = dialog->findChild<QListWidget *>(QStringLiteral("stockPreview"));
    auto *save = dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))->button(QDialogButtonBox::Save);
    QTRY_VERIFY(dialog->existingLoaded());
    QVERIFY(!save->isEnabled());
    dialog->importFile(file.fileName());
    // (A small file may be read and checked before importFile returns: only the end state counts.)
    QTRY_VERIFY(dialog->existingLoaded());
    using State = gui::StockPasteDialog::LineState;
    const QList<State> expected = {State::InStock, State::New, State::DuplicateInText, State::New};
    QCOMPARE(preview->count(), int(expected.size()));
    for (int i = 0; i < preview->count(); ++i)
        QCOMPARE(State(preview->item(i)->data(gui::StockPasteDialog::kStateRole).toInt()), expected.at(i));
    // Nothing is saved by the preview.
    QCOMPARE(waitFor(m_engine->stockCounts(product->id))->available, before->available);

    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(waitFor(m_engine->stockCounts(product->id))->available, before->available + 2, 10000);
    auto *result = dialog->findChild<QLabel *>(QStringLiteral("resultLabel"));
    QTRY_VERIFY(result->text().contains(QLatin1String("added 2")));
    QVERIFY2(result->text().contains(QLatin1String("1 duplicated in the text, 1 already in stock")),
             qPrintable(result->text()));
    // The panel follows by itself.
    QTRY_VERIFY_WITH_TIMEOUT(
        child<QLabel>("stockTitleLabel")->text().contains(QStringLiteral("%1 available").arg(before->available + 2)),
        10000);
    dialog->close();
    QTRY_VERIFY(guard.isNull());
}

void TestInventoryPanel::voidAsksFirst()
{
    const auto product = stockedProduct();
    QVERIFY(product);
    QVERIFY(selectAndWait(product->id));
    gui::StockItemModel *stock = m_panel->stockModel();
    QTRY_VERIFY(stock->rowCount() > 0);
    int row = 0;
    while (row < stock->rowCount() && stock->item(row).status != domain::StockStatus::Available)
        ++row;
    QVERIFY(row < stock->rowCount());
    const qint64 itemId = stock->item(row).id;
    auto *view = child<QTableView>("stockItemsView");
    auto *voidButton = child<QPushButton>("voidItemButton");

    view->selectRow(row);
    QVERIFY(voidButton->isEnabled());
    answerNextMessageBox(QMessageBox::No);
    QTest::mouseClick(voidButton, Qt::LeftButton);
    QTest::qWait(300);
    QCOMPARE(stock->item(stock->rowOfId(itemId)).status, domain::StockStatus::Available);

    answerNextMessageBox(QMessageBox::Yes);
    QTest::mouseClick(voidButton, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(stock->rowOfId(itemId) >= 0
                                 && stock->item(stock->rowOfId(itemId)).status == domain::StockStatus::Void,
                             10000);
    const auto voided = waitFor(m_engine->stockItemsPage(product->id, itemId - 1, 1));
    QVERIFY(voided && voided->size() == 1);
    QCOMPARE(voided->first().status, domain::StockStatus::Void);
}

void TestInventoryPanel::pagesArriveUnderTheTester()
{
    const auto created = waitFor(m_engine->saveProduct(
        [] {
            domain::Product p;
            p.code = QStringLiteral("MID");
            p.name = QStringLiteral("Voucher sedang");
            p.category = QStringLiteral("Voucher");
            p.priceBronze = p.priceSilver = p.priceGold = 1000;
            return p;
        }(),
        true, m_session->actor()));
    QVERIFY2(created, created ? "" : qPrintable(created.error().message));
    QVERIFY(sql(QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) "
                               "INSERT INTO stock_items (product_id, content, status, created_at) "
                               "SELECT ?, 'MID-' || i, 'available', '2026-11-21T00:00:00.000Z' FROM n"),
                {created->id}));
    m_panel->reload();
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->productModel()->rowOfId(created->id) >= 0, 10000);
    // The live tester asks for every page (fetchMore) and checks each insertion as it arrives.
    gui::StockItemModel *stock = m_panel->stockModel();
    QVERIFY(m_panel->selectProduct(created->id));
    QTRY_VERIFY_WITH_TIMEOUT(stock->productId() == created->id && stock->rowCount() == 1000 && !stock->hasMore(),
                             20000);
    for (int row = 1; row < stock->rowCount(); ++row)
        QVERIFY(stock->item(row - 1).id < stock->item(row).id);
}

void TestInventoryPanel::hundredThousandItemsOpenWithOnePage()
{
    // The live tester fetches every page by design; here the point is that nothing else does.
    m_testers.pop_back();
    domain::Product p;
    p.code = QStringLiteral("BULK");
    p.name = QStringLiteral("Bulk voucher");
    p.category = QStringLiteral("Voucher");
    p.priceBronze = p.priceSilver = p.priceGold = 1000;
    const auto created = waitFor(m_engine->saveProduct(p, true, m_session->actor()));
    QVERIFY2(created, created ? "" : qPrintable(created.error().message));
    QVERIFY(sql(QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) "
                               "INSERT INTO stock_items (product_id, content, status, created_at) "
                               "SELECT ?, 'BULK-' || i || '|secret', 'available', '2026-11-21T00:00:00.000Z' FROM n"),
                {created->id}));
    QVERIFY(sql(QStringLiteral("UPDATE stock_items SET status = 'sold' WHERE product_id = ? AND id IN "
                               "(SELECT id FROM stock_items WHERE product_id = ? ORDER BY id LIMIT 5)"),
                {created->id, created->id}));
    m_panel->reload();
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->productModel()->rowOfId(created->id) >= 0, 10000);

    gui::StockItemModel *stock = m_panel->stockModel();
    QVERIFY(m_panel->selectProduct(created->id));
    QTRY_VERIFY_WITH_TIMEOUT(stock->productId() == created->id && stock->rowCount() > 0 && !stock->isFetching(), 10000);
    // One page, not the whole stock: the rest comes as the view scrolls.
    QCOMPARE(stock->rowCount(), gui::StockItemModel::kPageSize);
    QVERIFY(stock->hasMore());
    QTest::qWait(300);
    QCOMPARE(stock->rowCount(), gui::StockItemModel::kPageSize);
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>("stockTitleLabel")->text().contains(QLatin1String("99995 available")),
                             10000);
    QVERIFY(child<QLabel>("stockTitleLabel")->text().contains(QLatin1String("5 sold")));
    // Sold items are masked even with the contents shown; available ones are shown in full.
    child<QCheckBox>("revealCheck")->setChecked(true);
    QCOMPARE(stock->index(0, gui::StockItemModel::ContentColumn).data().toString(),
             QStringLiteral("BUL") + QString(3, QChar(0x2022)));
    QCOMPARE(stock->index(5, gui::StockItemModel::ContentColumn).data().toString(), QStringLiteral("BULK-6|secret"));
    child<QCheckBox>("revealCheck")->setChecked(false);
    QCOMPARE(stock->index(5, gui::StockItemModel::ContentColumn).data().toString(),
             QStringLiteral("BUL") + QString(3, QChar(0x2022)));

    // Scrolling to the end asks for the next page, appended in id order.
    child<QTableView>("stockItemsView")->scrollToBottom();
    QTRY_VERIFY(stock->rowCount() == 2 * gui::StockItemModel::kPageSize && !stock->isFetching());
    for (int row = 1; row < stock->rowCount(); ++row)
        QVERIFY(stock->item(row - 1).id < stock->item(row).id);
    { // and the model is sound as it stands
        QAbstractItemModelTester tester(stock, QAbstractItemModelTester::FailureReportingMode::QtTest);
    }
    // The status filter pages in the store too.
    auto *status = child<QComboBox>("statusFilter");
    status->setCurrentIndex(status->findData(int(domain::StockStatus::Sold)));
    QTRY_VERIFY(stock->statusFilter() == domain::StockStatus::Sold && !stock->isFetching() && stock->rowCount() == 5);
    QVERIFY(!stock->hasMore());
    status->setCurrentIndex(0);
    QTRY_VERIFY(!stock->statusFilter() && !stock->isFetching() && stock->rowCount() == gui::StockItemModel::kPageSize);
}

void TestInventoryPanel::staffCannotEditProducts()
{
    auto staff = test::signIn(m_engine.get(), domain::StaffRole::Staff);
    QVERIFY(staff);
    gui::InventoryPanel panel(m_engine.get(), staff.get());
    QTRY_VERIFY(panel.hasLoaded());
    const auto product = stockedProduct();
    QVERIFY(product);
    QVERIFY(panel.selectProduct(product->id));
    const auto button = [&panel](const char *name) {
        return panel.findChild<QPushButton *>(QString::fromLatin1(name));
    };
    QVERIFY(!button("addButton")->isEnabled());
    QVERIFY(!button("editButton")->isEnabled());
    QVERIFY(!button("deactivateButton")->isEnabled());
    QVERIFY(button("pasteStockButton")->isEnabled()); // staff manage stock

    // The Engine refuses it too, whatever the window shows.
    domain::Product changed = *product;
    changed.priceBronze += 1000;
    const auto saved = waitFor(m_engine->saveProduct(changed, false, staff->actor()));
    QVERIFY(!saved);
    QCOMPARE(saved.error().code, QStringLiteral("auth.forbidden"));
    const auto deactivated = waitFor(m_engine->deactivateProduct(product->code, staff->actor()));
    QVERIFY(!deactivated);
    QCOMPARE(deactivated.error().code, QStringLiteral("auth.forbidden"));
    const auto added = waitFor(
        m_engine->addStock(product->id, {QStringLiteral("staff.added@kedai.test|pw")}, staff->actor()));
    QVERIFY2(added, added ? "" : qPrintable(added.error().message));
    QCOMPARE(added->added, 1);
    const auto anonymous = waitFor(
        m_engine->addStock(product->id, {QStringLiteral("x|y")}, QStringLiteral("staff:nobody")));
    QVERIFY(!anonymous);
    QCOMPARE(anonymous.error().code, QStringLiteral("auth.forbidden"));
}

QTEST_MAIN(TestInventoryPanel)
#include "tst_inventorypanel.moc"
