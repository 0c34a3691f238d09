#include "domain/stockline.h"
#include "store/catalogrepository.h"
#include "store/purchaseservice.h"
#include "store/settingsrepository.h"

#include "storetestutil.h"

#include <QTest>

using namespace kedai;
using namespace kedai::store;

class TestCatalog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void createStoresNormalisedProduct();
    void duplicateCodeIsRefused();
    void invalidProductIsRefused_data();
    void invalidProductIsRefused();
    void updateKeepsCodeAndId();
    void setPrice();
    void setPriceRefusesBadPrice_data();
    void setPriceRefusesBadPrice();
    void unknownCodeIsNotFound();
    void deactivateHidesFromCatalog();
    void addStockSkipsDuplicatesAndRejects();
    void addStockToUnknownProductFails();
    void voidedLineCanBeAddedAgain();
    void voidUnsoldLeavesSoldItems();
    void voidItem();
    void listIsOrderedAndCounts();
    void writesAreAuditedWithoutContent();

private:
    std::unique_ptr<test::TestDatabase> m_store;
    std::shared_ptr<Database> m_db;
    const QString m_actor = QStringLiteral("staff:ana");
};

void TestCatalog::initTestCase_data()
{
    test::addBackendRows();
}

void TestCatalog::init()
{
    KEDAI_OPEN_TEST_DB(m_store, m_db);
}

void TestCatalog::cleanup()
{
    m_db.reset();
    m_store.reset();
}

void TestCatalog::createStoresNormalisedProduct()
{
    CatalogRepository catalog(m_db);
    domain::Product p = test::makeProduct(QStringLiteral("  nf1 "), 35'000, 33'000, 30'000);
    p.name = QStringLiteral("  Netflix 1 bulan ");
    p.description = QStringLiteral("Akun sharing");
    p.kind = domain::ProductKind::Counted;
    auto created = catalog.create(p, m_actor);
    KEDAI_VERIFY_OK(created);
    QVERIFY(created->id > 0);
    QCOMPARE(created->code, QStringLiteral("NF1"));
    QCOMPARE(created->name, QStringLiteral("Netflix 1 bulan"));
    QCOMPARE(created->priceFor(domain::Tier::Silver), 33'000);
    QCOMPARE(created->kind, domain::ProductKind::Counted);
    QCOMPARE(created->stockAvailable, 0);

    auto byCode = catalog.byCode(QStringLiteral("nf1"));
    QVERIFY(byCode && byCode->has_value());
    QCOMPARE((*byCode)->id, created->id);
    QCOMPARE((*byCode)->description, QStringLiteral("Akun sharing"));
    auto missing = catalog.byId(created->id + 100);
    QVERIFY(missing && !missing->has_value());
}

void TestCatalog::duplicateCodeIsRefused()
{
    CatalogRepository catalog(m_db);
    QVERIFY(catalog.create(test::makeProduct(QStringLiteral("NF1")), m_actor));
    auto again = catalog.create(test::makeProduct(QStringLiteral("nf1")), m_actor);
    QVERIFY(!again);
    QCOMPARE(again.error().code, QStringLiteral("catalog.duplicate_code"));
    QCOMPARE(again.error().details.value(QStringLiteral("code")).toString(), QStringLiteral("NF1"));
    QCOMPARE(test::count(*m_db, QStringLiteral("products")), 1);
}

void TestCatalog::invalidProductIsRefused_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("name");
    QTest::addColumn<qint64>("bronze");
    QTest::addColumn<qint64>("gold");
    QTest::addColumn<QString>("field");
    QTest::newRow("empty code") << QString() << QStringLiteral("X") << 1000LL << 1000LL << QStringLiteral("code");
    QTest::newRow("space in code") << QStringLiteral("NF 1") << QStringLiteral("X") << 1000LL << 1000LL
                                   << QStringLiteral("code");
    QTest::newRow("code too long") << QStringLiteral("A").repeated(21) << QStringLiteral("X") << 1000LL << 1000LL
                                   << QStringLiteral("code");
    QTest::newRow("symbol in code") << QStringLiteral("NF1;DROP") << QStringLiteral("X") << 1000LL << 1000LL
                                    << QStringLiteral("code");
    QTest::newRow("empty name") << QStringLiteral("NF1") << QStringLiteral("   ") << 1000LL << 1000LL
                                << QStringLiteral("name");
    QTest::newRow("name too long") << QStringLiteral("NF1") << QStringLiteral("n").repeated(201) << 1000LL << 1000LL
                                   << QStringLiteral("name");
    QTest::newRow("zero price") << QStringLiteral("NF1") << QStringLiteral("X") << 0LL << 1000LL
                                << QStringLiteral("price_bronze");
    QTest::newRow("negative price") << QStringLiteral("NF1") << QStringLiteral("X") << 1000LL << -5LL
                                    << QStringLiteral("price_gold");
    QTest::newRow("price above max") << QStringLiteral("NF1") << QStringLiteral("X") << common::kMaxRupiah + 1 << 1000LL
                                     << QStringLiteral("price_bronze");
}

void TestCatalog::invalidProductIsRefused()
{
    QFETCH(QString, code);
    QFETCH(QString, name);
    QFETCH(qint64, bronze);
    QFETCH(qint64, gold);
    QFETCH(QString, field);
    domain::Product p = test::makeProduct(code, bronze, 1000, gold);
    p.name = name;
    auto created = CatalogRepository(m_db).create(p, m_actor);
    QVERIFY(!created);
    QCOMPARE(created.error().code, QStringLiteral("catalog.invalid"));
    QCOMPARE(created.error().details.value(QStringLiteral("field")).toString(), field);
    QVERIFY(!created.error().message.isEmpty());
    QCOMPARE(test::count(*m_db, QStringLiteral("products")), 0);
    QCOMPARE(test::count(*m_db, QStringLiteral("audit_log")), 0);
}

void TestCatalog::updateKeepsCodeAndId()
{
    CatalogRepository catalog(m_db);
    auto created = catalog.create(test::makeProduct(QStringLiteral("VIU")), m_actor);
    QVERIFY(created);
    domain::Product changed = *created;
    changed.code = QStringLiteral("OTHER");
    changed.name = QStringLiteral("Viu Premium");
    changed.terms = QStringLiteral("No refunds");
    changed.priceGold = 7'500;
    changed.lowStockThreshold = 10;
    auto updated = catalog.update(changed, m_actor);
    KEDAI_VERIFY_OK(updated);
    QCOMPARE(updated->id, created->id);
    QCOMPARE(updated->code, QStringLiteral("VIU"));
    QCOMPARE(updated->name, QStringLiteral("Viu Premium"));
    QCOMPARE(updated->terms, QStringLiteral("No refunds"));
    QCOMPARE(updated->priceGold, 7'500);
    QCOMPARE(updated->lowStockThreshold, 10);

    changed.name.clear();
    auto bad = catalog.update(changed, m_actor);
    QVERIFY(!bad);
    QCOMPARE(bad.error().code, QStringLiteral("catalog.invalid"));

    domain::Product ghost = test::makeProduct(QStringLiteral("GHOST"));
    ghost.id = 9999;
    QCOMPARE(catalog.update(ghost, m_actor).error().code, QStringLiteral("catalog.not_found"));
}

void TestCatalog::setPrice()
{
    CatalogRepository catalog(m_db);
    QVERIFY(catalog.create(test::makeProduct(QStringLiteral("NF1"), 10'000, 9'000, 8'000), m_actor));
    auto p = catalog.setPrice(QStringLiteral("nf1"), domain::Tier::Gold, 7'000, m_actor);
    QVERIFY(p);
    QCOMPARE(p->priceGold, 7'000);
    QCOMPARE(p->priceBronze, 10'000);
    QCOMPARE(p->priceSilver, 9'000);
    auto d = catalog.setDescription(QStringLiteral("NF1"), QStringLiteral("1 profil, 30 hari"), m_actor);
    QVERIFY(d);
    QCOMPARE(d->description, QStringLiteral("1 profil, 30 hari"));
}

void TestCatalog::setPriceRefusesBadPrice_data()
{
    QTest::addColumn<qint64>("price");
    QTest::newRow("zero") << 0LL;
    QTest::newRow("negative") << -1LL;
    QTest::newRow("above max") << common::kMaxRupiah + 1;
}

void TestCatalog::setPriceRefusesBadPrice()
{
    QFETCH(qint64, price);
    CatalogRepository catalog(m_db);
    QVERIFY(catalog.create(test::makeProduct(QStringLiteral("NF1")), m_actor));
    auto p = catalog.setPrice(QStringLiteral("NF1"), domain::Tier::Bronze, price, m_actor);
    QVERIFY(!p);
    QCOMPARE(p.error().code, QStringLiteral("catalog.invalid"));
    QCOMPARE(catalog.byCode(QStringLiteral("NF1"))->value().priceBronze, 10'000);
}

void TestCatalog::unknownCodeIsNotFound()
{
    CatalogRepository catalog(m_db);
    QCOMPARE(catalog.setPrice(QStringLiteral("NOPE"), domain::Tier::Bronze, 1000, m_actor).error().code,
             QStringLiteral("catalog.not_found"));
    QCOMPARE(catalog.setDescription(QStringLiteral("NOPE"), QStringLiteral("x"), m_actor).error().code,
             QStringLiteral("catalog.not_found"));
    QCOMPARE(catalog.deactivate(QStringLiteral("NOPE"), m_actor).error().code, QStringLiteral("catalog.not_found"));
}

void TestCatalog::deactivateHidesFromCatalog()
{
    CatalogRepository catalog(m_db);
    QVERIFY(catalog.create(test::makeProduct(QStringLiteral("A1")), m_actor));
    QVERIFY(catalog.create(test::makeProduct(QStringLiteral("B1")), m_actor));
    QVERIFY(catalog.deactivate(QStringLiteral("a1"), m_actor));
    QVERIFY(catalog.deactivate(QStringLiteral("A1"), m_actor)); // idempotent
    auto active = catalog.list();
    QVERIFY(active);
    QCOMPARE(active->size(), 1);
    QCOMPARE(active->first().code, QStringLiteral("B1"));
    auto all = catalog.list(true);
    QCOMPARE(all->size(), 2);
    QCOMPARE(catalog.byCode(QStringLiteral("A1"))->value().active, false);
}

void TestCatalog::addStockSkipsDuplicatesAndRejects()
{
    CatalogRepository catalog(m_db);
    auto p = catalog.create(test::makeProduct(QStringLiteral("NF1")), m_actor);
    QVERIFY(p);
    QVERIFY(catalog.addStock(p->id, {QStringLiteral("old@x.com|pw")}, m_actor));

    const QString tooLong = QStringLiteral("x").repeated(domain::StockLine::kMaxLength + 1);
    const QString longest = QStringLiteral("y").repeated(domain::StockLine::kMaxLength);
    const QStringList lines{QStringLiteral("a@x.com|pw1"),
                            QStringLiteral("  a@x.com|pw1  "),
                            QStringLiteral("b@x.com|pw2"),
                            QStringLiteral("old@x.com|pw"),
                            QString(),
                            tooLong,
                            QStringLiteral("two\nlines"),
                            longest,
                            QStringLiteral("b@x.com|pw2")};
    auto added = catalog.addStock(p->id, lines, m_actor);
    KEDAI_VERIFY_OK(added);
    QCOMPARE(added->added, 3);
    QCOMPARE(added->duplicatesInInput, (QStringList{QStringLiteral("a@x.com|pw1"), QStringLiteral("b@x.com|pw2")}));
    QCOMPARE(added->duplicatesExisting, QStringList{QStringLiteral("old@x.com|pw")});
    QCOMPARE(added->rejected, (QStringList{tooLong, QStringLiteral("two\nlines")}));

    auto contents = catalog.existingContents(p->id);
    QVERIFY(contents);
    QCOMPARE(*contents, (QStringList{QStringLiteral("old@x.com|pw"), QStringLiteral("a@x.com|pw1"),
                                     QStringLiteral("b@x.com|pw2"), longest}));
    QCOMPARE(catalog.byId(p->id)->value().stockAvailable, 4);
}

void TestCatalog::addStockToUnknownProductFails()
{
    auto added = CatalogRepository(m_db).addStock(4242, {QStringLiteral("x")}, m_actor);
    QVERIFY(!added);
    QCOMPARE(added.error().code, QStringLiteral("catalog.not_found"));
    QCOMPARE(test::count(*m_db, QStringLiteral("stock_items")), 0);
}

void TestCatalog::voidedLineCanBeAddedAgain()
{
    CatalogRepository catalog(m_db);
    auto p = test::seedProduct(m_db, QStringLiteral("NF1"), 0);
    QVERIFY(catalog.addStock(p.id, {QStringLiteral("same")}, m_actor));
    QCOMPARE(*catalog.voidUnsold(p.id, m_actor), 1);
    auto again = catalog.addStock(p.id, {QStringLiteral("same")}, m_actor);
    QVERIFY(again);
    QCOMPARE(again->added, 1);
    QVERIFY(again->duplicatesExisting.isEmpty());
}

void TestCatalog::voidUnsoldLeavesSoldItems()
{
    auto p = test::seedProduct(m_db, QStringLiteral("NF1"), 5);
    auto buyer = test::seedCustomer(m_db, QStringLiteral("628111"), 100'000);
    auto sale = PurchaseService(m_db).purchaseWithSaldo({buyer.id, QStringLiteral("NF1"), 2,
                                                         QStringLiteral("customer:628111")},
                                                        {});
    KEDAI_VERIFY_OK(sale);

    CatalogRepository catalog(m_db);
    auto voided = catalog.voidUnsold(p.id, m_actor);
    QVERIFY(voided);
    QCOMPARE(*voided, 3);
    QCOMPARE(test::count(*m_db, QStringLiteral("stock_items"), QStringLiteral("status = 'sold'")), 2);
    QCOMPARE(test::count(*m_db, QStringLiteral("stock_items"), QStringLiteral("status = 'void'")), 3);
    auto after = catalog.byId(p.id)->value();
    QCOMPARE(after.stockAvailable, 0);
    QCOMPARE(after.sold, 2);
    QCOMPARE(catalog.stockItems(p.id)->size(), 0);
    QCOMPARE(catalog.stockItems(p.id, true)->size(), 5);
    QCOMPARE(*catalog.voidUnsold(p.id, m_actor), 0);
}

void TestCatalog::voidItem()
{
    auto p = test::seedProduct(m_db, QStringLiteral("NF1"), 2);
    auto buyer = test::seedCustomer(m_db, QStringLiteral("628111"), 100'000);
    QVERIFY(PurchaseService(m_db).purchaseWithSaldo({buyer.id, QStringLiteral("NF1"), 1, {}}, {}));
    CatalogRepository catalog(m_db);
    const auto items = *catalog.stockItems(p.id, true);
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.at(0).status, domain::StockStatus::Sold);
    QCOMPARE(items.at(1).status, domain::StockStatus::Available);

    auto sold = catalog.voidItem(items.at(0).id, m_actor);
    QVERIFY(!sold);
    QCOMPARE(sold.error().code, QStringLiteral("catalog.item_not_voidable"));
    QCOMPARE(*catalog.voidItem(items.at(1).id, m_actor), 1);
    QCOMPARE(*catalog.voidItem(items.at(1).id, m_actor), 0);
    QCOMPARE(catalog.voidItem(99999, m_actor).error().code, QStringLiteral("catalog.item_not_found"));
}

void TestCatalog::listIsOrderedAndCounts()
{
    CatalogRepository catalog(m_db);
    domain::Product game = test::makeProduct(QStringLiteral("ML86"));
    game.category = QStringLiteral("Games");
    QVERIFY(catalog.create(game, m_actor));
    test::seedProduct(m_db, QStringLiteral("VIU"), 3);
    test::seedProduct(m_db, QStringLiteral("NF1"), 4);
    auto list = catalog.list();
    QVERIFY(list);
    QStringList codes;
    for (const auto &p : *list)
        codes << p.code;
    QCOMPARE(codes, (QStringList{QStringLiteral("ML86"), QStringLiteral("NF1"), QStringLiteral("VIU")}));
    QCOMPARE(list->at(1).stockAvailable, 4);
    QCOMPARE(list->at(2).stockAvailable, 3);
    QCOMPARE(list->at(0).stockAvailable, 0);
    QCOMPARE(list->at(0).sold, 0);
}

void TestCatalog::writesAreAuditedWithoutContent()
{
    CatalogRepository catalog(m_db);
    auto p = catalog.create(test::makeProduct(QStringLiteral("NF1")), m_actor);
    QVERIFY(p);
    QVERIFY(catalog.addStock(p->id, {QStringLiteral("secret@mail.com|hunter2")}, m_actor));
    QVERIFY(catalog.setPrice(QStringLiteral("NF1"), domain::Tier::Silver, 5'000, m_actor));
    QVERIFY(catalog.voidUnsold(p->id, m_actor));
    auto log = SettingsRepository(m_db).auditLog();
    QVERIFY(log);
    QStringList actions;
    for (const AuditEntry &e : *log) {
        actions.prepend(e.action);
        QCOMPARE(e.actor, m_actor);
        QCOMPARE(e.entity, QStringLiteral("product:NF1"));
        QVERIFY(!e.after.contains(QLatin1String("hunter2")));
        QVERIFY(e.at.isValid());
    }
    QCOMPARE(actions, (QStringList{QStringLiteral("product.create"), QStringLiteral("stock.add"),
                                   QStringLiteral("product.set_price"), QStringLiteral("stock.void_unsold")}));
}

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
