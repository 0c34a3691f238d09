#pragma once

// Shared set-up for the store tests: a fresh SQLite file per test and small seeding helpers.

#include "store/catalogrepository.h"
#include "store/customerrepository.h"
#include "store/database.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

/// QVERIFY on a Result, printing the error message when it failed.
#define KEDAI_VERIFY_OK(result) QVERIFY2((result), (result) ? "" : qPrintable((result).error().message))

namespace kedai::store::test {

/// Opens a new database file through all the migrations (what a first start does).
inline std::shared_ptr<Database> openFreshDb(const QString &path)
{
    auto db = Database::open(QStringLiteral("sqlite://") + path);
    if (!db) {
        qWarning("Database::open failed: %s", qPrintable(db.error().message));
        return {};
    }
    return *db;
}

/// A migrated database made once per test process. Copying it is much faster than migrating a
/// new file for every test function (switching to WAL and the first checkpoint cost fsyncs).
inline QString templateDbPath()
{
    static QTemporaryDir dir;
    static const QString path = [] {
        const QString p = dir.filePath(QStringLiteral("template.db"));
        // Destroyed at once: the connections close and the WAL is checkpointed into the file.
        return openFreshDb(p) ? p : QString();
    }();
    return path;
}

/// The test's database: a copy of the migrated template unless the file exists already.
inline std::shared_ptr<Database> openDb(const QTemporaryDir &dir, const QString &file = QStringLiteral("kedai.db"))
{
    const QString target = dir.filePath(file);
    if (!QFileInfo::exists(target) && !templateDbPath().isEmpty()) {
        QDir().mkpath(QFileInfo(target).absolutePath());
        QFile::copy(templateDbPath(), target);
    }
    auto db = Database::open(QStringLiteral("sqlite://") + target);
    if (!db) {
        qWarning("Database::open failed: %s", qPrintable(db.error().message));
        return {};
    }
    return *db;
}

/// One integer from SQL run on the calling thread's connection (-1 on error).
inline qint64 scalar(Database &db, const QString &sql, const QVariantList &args = {})
{
    QSqlQuery q(db.connection());
    if (!q.prepare(sql))
        return -1;
    for (const QVariant &a : args)
        q.addBindValue(a);
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

inline qint64 count(Database &db, const QString &table, const QString &where = {}, const QVariantList &args = {})
{
    return scalar(db,
                  QStringLiteral("SELECT COUNT(*) FROM ") + table
                      + (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where),
                  args);
}

inline domain::Product makeProduct(const QString &code, common::Rupiah bronze = 10'000, common::Rupiah silver = 9'000,
                                   common::Rupiah gold = 8'000)
{
    domain::Product p;
    p.code = code;
    p.name = QStringLiteral("Product ") + code;
    p.category = QStringLiteral("Streaming");
    p.priceBronze = bronze;
    p.priceSilver = silver;
    p.priceGold = gold;
    return p;
}

/// A product with `items` stock lines "<code>-item-<n>|pw<n>".
inline domain::Product seedProduct(const std::shared_ptr<Database> &db, const QString &code, int items,
                                   common::Rupiah bronze = 10'000)
{
    CatalogRepository catalog(db);
    auto p = catalog.create(makeProduct(code, bronze, bronze, bronze), QStringLiteral("staff:test"));
    if (!p) {
        qWarning("seedProduct: %s", qPrintable(p.error().message));
        return {};
    }
    QStringList lines;
    for (int i = 0; i < items; ++i)
        lines << QStringLiteral("%1-item-%2|pw%2").arg(code).arg(i);
    if (items > 0) {
        auto added = catalog.addStock(p->id, lines, QStringLiteral("staff:test"));
        if (!added || added->added != items)
            qWarning("seedProduct: addStock failed");
    }
    return *catalog.byId(p->id).value();
}

/// A simulator customer with `saldo` credited through the ledger (so the invariant holds).
inline domain::Customer seedCustomer(const std::shared_ptr<Database> &db, const QString &phone, common::Rupiah saldo,
                                     domain::Tier tier = domain::Tier::Bronze)
{
    CustomerRepository customers(db);
    auto c = customers.ensure(QStringLiteral("simulator"), phone, phone, QStringLiteral("Test ") + phone);
    if (!c) {
        qWarning("seedCustomer: %s", qPrintable(c.error().message));
        return {};
    }
    if (saldo > 0
        && !customers.postLedger(c->id, saldo, domain::LedgerKind::Topup, QStringLiteral("staff:test"), QString(),
                                 QStringLiteral("seed")))
        qWarning("seedCustomer: postLedger failed");
    if (tier != domain::Tier::Bronze && !customers.setTier(c->id, tier, QStringLiteral("staff:test")))
        qWarning("seedCustomer: setTier failed");
    return *customers.byId(c->id).value();
}

} // namespace kedai::store::test
