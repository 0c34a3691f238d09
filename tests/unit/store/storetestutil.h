#pragma once

// Shared set-up for the store tests: a fresh database per test on SQLite (a file in a
// QTemporaryDir, copied from a migrated template) or PostgreSQL (a schema of its own in
// TEST_DATABASE_URL, dropped afterwards, so tests never see each other's rows and can run in
// parallel), and small seeding helpers.

#include "store/catalogrepository.h"
#include "store/customerrepository.h"
#include "store/database.h"
#include "store/postgresurl.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

/// QVERIFY on a Result, printing the error message when it failed.
// The expression runs once (QVERIFY2 evaluates its description on both branches in Qt 6.4).
#define KEDAI_VERIFY_OK(result) \
    do { \
        const auto &kedaiVerifyOk_ = (result); \
        QVERIFY2(bool(kedaiVerifyOk_), bool(kedaiVerifyOk_) ? "" : qPrintable(kedaiVerifyOk_.error().message)); \
    } while (false)

/// In a test function or init(): skips the PostgreSQL row when no server was given.
#define KEDAI_SKIP_UNAVAILABLE(backend) \
    do { \
        if (!kedai::store::test::isAvailable(backend)) \
            QSKIP("TEST_DATABASE_URL is not set: the PostgreSQL rows are skipped (make test sets it)"); \
    } while (false)

/// In init(): a fresh database for the current global "backend" row (see addBackendRows()).
#define KEDAI_OPEN_TEST_DB(fixture, database) \
    do { \
        QFETCH_GLOBAL(QString, backend); \
        KEDAI_SKIP_UNAVAILABLE(backend); \
        (fixture) = std::make_unique<kedai::store::test::TestDatabase>(backend); \
        (database) = (fixture)->open(); \
        QVERIFY(database); \
    } while (false)

namespace kedai::store::test {

inline QString postgresUrl()
{
    return qEnvironmentVariable("TEST_DATABASE_URL");
}

inline bool isAvailable(const QString &backend)
{
    return backend != QLatin1String("postgres") || !postgresUrl().isEmpty();
}

/// The "backend" column for a _data() function (initTestCase_data() makes it global): "sqlite"
/// and "postgres", or those listed in KEDAI_TEST_BACKENDS. ctest runs every store test once per
/// backend, so the SQLite run stays a fast `unit` test and the PostgreSQL run is `integration`.
inline void addBackendRows()
{
    QTest::addColumn<QString>("backend");
    const QStringList wanted = qEnvironmentVariable("KEDAI_TEST_BACKENDS", QStringLiteral("sqlite,postgres"))
                                   .split(QLatin1Char(','));
    for (const char *backend : {"sqlite", "postgres"}) {
        if (wanted.contains(QLatin1String(backend)))
            QTest::newRow(backend) << QString::fromLatin1(backend);
    }
}

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

/// Runs `sql` on a connection of its own to TEST_DATABASE_URL (outside any test schema).
inline bool postgresAdmin(const QString &sql)
{
    const QString name = QStringLiteral("kedai-test-admin");
    QSqlDatabase admin = QSqlDatabase::contains(name) ? QSqlDatabase::database(name, false)
                                                      : QSqlDatabase::addDatabase("QPSQL", name);
    if (!admin.isOpen()) {
        const auto url = PostgresUrl::parse(postgresUrl());
        if (!url)
            return false;
        admin.setHostName(url->host);
        admin.setPort(url->port);
        admin.setDatabaseName(url->database);
        admin.setUserName(url->user);
        admin.setPassword(url->password);
        admin.setConnectOptions(QStringLiteral("options='-c client_min_messages=warning'")); // no DROP notices
        if (!admin.open()) {
            qWarning("cannot connect to TEST_DATABASE_URL: %s", qPrintable(admin.lastError().text()));
            return false;
        }
    }
    QSqlQuery q(admin);
    if (!q.exec(sql)) {
        qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return false;
    }
    return true;
}

/// One test's database. open() creates and migrates it; every later open() is another
/// Database instance on the same data (a restart, or a second kedaid process).
class TestDatabase
{
public:
    explicit TestDatabase(QString backend, bool fromTemplate = true)
        : m_backend(std::move(backend)), m_fromTemplate(fromTemplate)
    {
        if (isPostgres()) {
            m_schema = QStringLiteral("kedai_t_") + QString::number(QRandomGenerator::global()->generate64(), 36);
            const QString base = postgresUrl();
            m_url = base + (base.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?'))
                    + QStringLiteral("schema=") + m_schema;
        } else {
            m_url = QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("kedai.db"));
        }
    }
    ~TestDatabase()
    {
        if (isPostgres())
            postgresAdmin(QStringLiteral("DROP SCHEMA IF EXISTS ") + m_schema + QStringLiteral(" CASCADE"));
    }
    TestDatabase(const TestDatabase &) = delete;
    TestDatabase &operator=(const TestDatabase &) = delete;

    bool isPostgres() const { return m_backend == QLatin1String("postgres"); }
    const QString &url() const { return m_url; }
    const QString &schema() const { return m_schema; }

    std::shared_ptr<Database> open()
    {
        const QString file = m_dir.filePath(QStringLiteral("kedai.db"));
        if (!isPostgres() && m_fromTemplate && !QFileInfo::exists(file) && !templateDbPath().isEmpty())
            QFile::copy(templateDbPath(), file);
        auto db = Database::open(m_url);
        if (!db) {
            qWarning("Database::open failed: %s", qPrintable(db.error().message));
            return {};
        }
        return *db;
    }

private:
    QString m_backend;
    bool m_fromTemplate = true;
    QTemporaryDir m_dir;
    QString m_schema;
    QString m_url;
};

/// Whether `table` exists in the database's schema.
inline bool tableExists(Database &db, const QString &table)
{
    QSqlQuery q(db.connection());
    q.prepare(db.backend() == Database::Backend::Sqlite
                  ? QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?")
                  : QStringLiteral("SELECT CASE WHEN to_regclass(?) IS NULL THEN 0 ELSE 1 END"));
    q.addBindValue(table);
    return q.exec() && q.next() && q.value(0).toInt() == 1;
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

/// Runs a statement on the calling thread's connection; false (with a warning) on error.
inline bool exec(Database &db, const QString &sql, const QVariantList &args = {})
{
    QSqlQuery q(db.connection());
    bool ok = q.prepare(sql);
    for (const QVariant &a : args)
        q.addBindValue(a);
    ok = ok && q.exec();
    if (!ok)
        qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
    return ok;
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
