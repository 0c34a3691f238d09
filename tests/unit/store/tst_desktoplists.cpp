// The store side of the desktop's Inventory and Customers panels (issue 6): stock items and
// customers a page at a time (keyset paging), counts per status, the import preview's check,
// and the blocked customer's one reply, also when messages are handled at the same time.
#include "store/catalogrepository.h"
#include "store/customerrepository.h"

#include "storetestutil.h"

#include <QSemaphore>
#include <QSet>
#include <QTest>
#include <QThread>

#include <atomic>
#include <vector>

using namespace kedai;
using namespace kedai::store;

class TestDesktopLists : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void stockPagesCoverEveryItemOnce();
    void stockPagesFilterByStatusAndMaskSold();
    void stockCountsPerStatus();
    void linesInStockFindsOnlyThisProductsLiveItems();
    void customerPagesAndSearch();
    void blockedNoticeIsClaimedOncePerBlock();
    void blockedNoticeOnceUnderConcurrency();

private:
    std::unique_ptr<test::TestDatabase> m_store;
    std::shared_ptr<Database> m_db;
};

void TestDesktopLists::initTestCase_data()
{
    test::addBackendRows();
}

void TestDesktopLists::init()
{
    KEDAI_OPEN_TEST_DB(m_store, m_db);
}

void TestDesktopLists::cleanup()
{
    m_db.reset();
    m_store.reset();
}

void TestDesktopLists::stockPagesCoverEveryItemOnce()
{
    constexpr int kItems = 5000;
    const auto product = test::seedProduct(m_db, QStringLiteral("BIG"), kItems);
    const auto other = test::seedProduct(m_db, QStringLiteral("OTHER"), 3);
    QVERIFY(product.id > 0 && other.id > 0);
    CatalogRepository catalog(m_db);

    QSet<qint64> seen;
    qint64 after = 0;
    qint64 lastId = 0;
    int pages = 0;
    for (;;) {
        auto page = catalog.stockItemsPage(product.id, after, 700);
        KEDAI_VERIFY_OK(page);
        ++pages;
        for (const domain::StockItem &item : page.value()) {
            QCOMPARE(item.productId, product.id);
            QVERIFY2(item.id > lastId, "pages come in id order without overlap");
            lastId = item.id;
            seen.insert(item.id);
        }
        if (page->size() < 700)
            break;
        after = page->constLast().id;
    }
    QCOMPARE(seen.size(), kItems);
    QCOMPARE(pages, kItems / 700 + 1);
    // The limit is bounded: a page is never the whole stock by accident.
    auto huge = catalog.stockItemsPage(product.id, 0, 1'000'000);
    KEDAI_VERIFY_OK(huge);
    QCOMPARE(huge->size(), 5000);
    auto none = catalog.stockItemsPage(product.id, lastId, 100);
    KEDAI_VERIFY_OK(none);
    QVERIFY(none->isEmpty());
}

void TestDesktopLists::stockPagesFilterByStatusAndMaskSold()
{
    const auto product = test::seedProduct(m_db, QStringLiteral("MIX"), 20);
    CatalogRepository catalog(m_db);
    auto all = catalog.stockItemsPage(product.id, 0, 100);
    KEDAI_VERIFY_OK(all);
    QCOMPARE(all->size(), 20);
    const QString soldContent = all->at(0).content;
    QVERIFY(test::exec(*m_db, QStringLiteral("UPDATE stock_items SET status = 'sold' WHERE id IN (?, ?)"),
                       {all->at(0).id, all->at(1).id}));
    KEDAI_VERIFY_OK(catalog.voidItem(all->at(2).id, QStringLiteral("staff:test")));

    auto sold = catalog.stockItemsPage(product.id, 0, 100, domain::StockStatus::Sold);
    KEDAI_VERIFY_OK(sold);
    QCOMPARE(sold->size(), 2);
    QCOMPARE(sold->at(0).status, domain::StockStatus::Sold);
    // A delivered credential never leaves the store whole.
    QCOMPARE(sold->at(0).content, soldContent.left(3));
    auto available = catalog.stockItemsPage(product.id, 0, 100, domain::StockStatus::Available);
    KEDAI_VERIFY_OK(available);
    QCOMPARE(available->size(), 17);
    QVERIFY(available->at(0).content.contains(QLatin1Char('|'))); // staff manage these: in full
    auto voided = catalog.stockItemsPage(product.id, 0, 100, domain::StockStatus::Void);
    KEDAI_VERIFY_OK(voided);
    QCOMPARE(voided->size(), 1);
    // Paging within a filter.
    auto second = catalog.stockItemsPage(product.id, available->at(9).id, 5, domain::StockStatus::Available);
    KEDAI_VERIFY_OK(second);
    QCOMPARE(second->size(), 5);
    QCOMPARE(second->at(0).id, available->at(10).id);
}

void TestDesktopLists::stockCountsPerStatus()
{
    const auto product = test::seedProduct(m_db, QStringLiteral("CNT"), 10);
    test::seedProduct(m_db, QStringLiteral("CNT2"), 4);
    CatalogRepository catalog(m_db);
    auto items = catalog.stockItemsPage(product.id, 0, 100);
    KEDAI_VERIFY_OK(items);
    QVERIFY(
        test::exec(*m_db, QStringLiteral("UPDATE stock_items SET status = 'sold' WHERE id = ?"), {items->at(0).id}));
    QVERIFY(test::exec(*m_db, QStringLiteral("UPDATE stock_items SET status = 'reserved' WHERE id IN (?, ?)"),
                       {items->at(1).id, items->at(2).id}));
    KEDAI_VERIFY_OK(catalog.voidItem(items->at(3).id, QStringLiteral("staff:test")));
    auto counts = catalog.stockCounts(product.id);
    KEDAI_VERIFY_OK(counts);
    QCOMPARE(counts->available, 6);
    QCOMPARE(counts->reserved, 2);
    QCOMPARE(counts->sold, 1);
    QCOMPARE(counts->voided, 1);
    QCOMPARE(counts->total(), 10);
    QCOMPARE(counts->of(domain::StockStatus::Reserved), 2);
    auto empty = catalog.stockCounts(999'999);
    KEDAI_VERIFY_OK(empty);
    QCOMPARE(empty->total(), 0);
}

void TestDesktopLists::linesInStockFindsOnlyThisProductsLiveItems()
{
    const auto product = test::seedProduct(m_db, QStringLiteral("DUP"), 1200);
    test::seedProduct(m_db, QStringLiteral("ELSE"), 5);
    CatalogRepository catalog(m_db);
    auto first = catalog.stockItemsPage(product.id, 0, 1);
    KEDAI_VERIFY_OK(first);
    KEDAI_VERIFY_OK(catalog.voidItem(first->at(0).id, QStringLiteral("staff:test")));

    QStringList lines;
    for (int i = 0; i < 1200; ++i) // more than one IN (...) chunk
        lines << QStringLiteral("DUP-item-%1|pw%1").arg(i);
    lines << QStringLiteral("ELSE-item-1|pw1") << QStringLiteral("brand-new|x") << QStringLiteral("it's \"quoted\"");
    auto found = catalog.linesInStock(product.id, lines);
    KEDAI_VERIFY_OK(found);
    QCOMPARE(found->size(), 1199); // the void one is not stock any more; other products do not count
    QVERIFY(!found->contains(QStringLiteral("DUP-item-0|pw0")));
    QVERIFY(found->contains(QStringLiteral("DUP-item-1199|pw1199")));
    QVERIFY(!found->contains(QStringLiteral("ELSE-item-1|pw1")));
    auto nothing = catalog.linesInStock(product.id, {});
    KEDAI_VERIFY_OK(nothing);
    QVERIFY(nothing->isEmpty());
}

void TestDesktopLists::customerPagesAndSearch()
{
    for (int i = 0; i < 45; ++i)
        test::seedCustomer(m_db, QStringLiteral("62811%1").arg(1000 + i), 0);
    CustomerRepository customers(m_db);
    QList<qint64> ids;
    qint64 before = 0;
    for (;;) {
        auto page = customers.page({}, before, 10);
        KEDAI_VERIFY_OK(page);
        for (const domain::Customer &c : page.value()) {
            QVERIFY2(ids.isEmpty() || c.id < ids.constLast(), "newest first, no overlap");
            ids << c.id;
        }
        if (page->size() < 10)
            break;
        before = page->constLast().id;
    }
    QCOMPARE(ids.size(), 45);
    // Search in the store, paged the same way: 628111020..029 match "62811102".
    auto match = customers.page(QStringLiteral("62811102"), 0, 5);
    KEDAI_VERIFY_OK(match);
    QCOMPARE(match->size(), 5);
    auto rest = customers.page(QStringLiteral("62811102"), match->constLast().id, 50);
    KEDAI_VERIFY_OK(rest);
    QCOMPARE(match->size() + rest->size(), 10);
    for (const auto &c : rest.value())
        QVERIFY(c.phone.startsWith(QLatin1String("62811102")));
    // A local number finds the normalised one.
    auto local = customers.page(QStringLiteral("0811-1044"), 0, 10);
    KEDAI_VERIFY_OK(local);
    QCOMPARE(local->size(), 1);
    QCOMPARE(local->first().phone, QStringLiteral("628111044"));
}

void TestDesktopLists::blockedNoticeIsClaimedOncePerBlock()
{
    const auto c = test::seedCustomer(m_db, QStringLiteral("628222"), 0);
    CustomerRepository customers(m_db);
    auto notBlocked = customers.claimBlockedNotice(c.id);
    KEDAI_VERIFY_OK(notBlocked);
    QVERIFY2(!*notBlocked, "only a blocked customer is told");

    KEDAI_VERIFY_OK(customers.setBlocked(c.id, true, QStringLiteral("staff:test")));
    QCOMPARE(customers.claimBlockedNotice(c.id).value(), true);
    QCOMPARE(customers.claimBlockedNotice(c.id).value(), false);
    QCOMPARE(customers.claimBlockedNotice(c.id).value(), false);
    // Blocking again while blocked changes nothing: still told once.
    KEDAI_VERIFY_OK(customers.setBlocked(c.id, true, QStringLiteral("staff:test")));
    QCOMPARE(customers.claimBlockedNotice(c.id).value(), false);

    // Unblocking clears it, so the next block is told once again.
    KEDAI_VERIFY_OK(customers.setBlocked(c.id, false, QStringLiteral("staff:test")));
    QCOMPARE(test::count(*m_db, QStringLiteral("customers"), QStringLiteral("id = ? AND blocked_notified_at IS NULL"),
                         {c.id}),
             1);
    QCOMPARE(customers.claimBlockedNotice(c.id).value(), false);
    KEDAI_VERIFY_OK(customers.setBlocked(c.id, true, QStringLiteral("staff:test")));
    QCOMPARE(customers.claimBlockedNotice(c.id).value(), true);
    QCOMPARE(customers.claimBlockedNotice(c.id).value(), false);
}

void TestDesktopLists::blockedNoticeOnceUnderConcurrency()
{
    constexpr int kThreads = 8;
    const auto c = test::seedCustomer(m_db, QStringLiteral("628333"), 0);
    KEDAI_VERIFY_OK(CustomerRepository(m_db).setBlocked(c.id, true, QStringLiteral("staff:test")));
    for (int round = 0; round < 3; ++round) {
        QSemaphore ready;
        QSemaphore go;
        std::atomic<int> winners{0};
        std::atomic<int> errors{0};
        std::vector<std::unique_ptr<QThread>> threads;
        for (int i = 0; i < kThreads; ++i) {
            threads.emplace_back(QThread::create([this, &ready, &go, &winners, &errors, id = c.id] {
                CustomerRepository customers(m_db);
                (void)customers.byId(id); // the connection is open before the race starts
                ready.release();
                go.acquire();
                auto claimed = customers.claimBlockedNotice(id);
                if (!claimed)
                    ++errors;
                else if (*claimed)
                    ++winners;
            }));
            threads.back()->start();
        }
        ready.acquire(kThreads);
        go.release(kThreads);
        for (auto &t : threads)
            QVERIFY(t->wait(30'000));
        QCOMPARE(errors.load(), 0);
        QCOMPARE(winners.load(), 1);
        // Unblock and block again: the next race has one winner again.
        KEDAI_VERIFY_OK(CustomerRepository(m_db).setBlocked(c.id, false, QStringLiteral("staff:test")));
        KEDAI_VERIFY_OK(CustomerRepository(m_db).setBlocked(c.id, true, QStringLiteral("staff:test")));
    }
}

QTEST_GUILESS_MAIN(TestDesktopLists)
#include "tst_desktoplists.moc"
