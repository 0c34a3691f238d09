#include "store/database.h"
#include "store/migrator.h"

#include "storetestutil.h"

#include <QDir>
#include <QSemaphore>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <vector>

using namespace kedai::store;

class TestMigrations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();

    void freshDatabaseHasLatestSchema();
    void reopenIsIdempotent();
    void concurrentFirstOpensMigrateOnce();
    void createsMissingFolder();
    void pragmasAreSetOnEveryConnection();
    void badUrlsAreRefused_data();
    void badUrlsAreRefused();
    void newerSchemaIsRefused();
    void splitStatements_data();
    void splitStatements();
    void eachThreadGetsItsOwnConnection();
    void destroyingTheDatabaseRemovesConnections();
    void nestedTransactionsAreSavepoints();
};

/// Skips the row of a test that only concerns SQLite (files, pragmas) or no database at all.
/// The number of migrations in resources/sql/<backend>/.
constexpr int kLatestVersion = 4;

#define KEDAI_SQLITE_ROW_ONLY(why) \
    do { \
        QFETCH_GLOBAL(QString, backend); \
        if (backend != QLatin1String("sqlite")) \
            QSKIP(why); \
    } while (false)

void TestMigrations::initTestCase_data()
{
    test::addBackendRows();
}

void TestMigrations::freshDatabaseHasLatestSchema()
{
    QFETCH_GLOBAL(QString, backend);
    KEDAI_SKIP_UNAVAILABLE(backend);
    test::TestDatabase store(backend, false);
    auto db = store.open();
    QVERIFY(db);
    auto version = db->schemaVersion();
    QVERIFY(version);
    QCOMPARE(*version, kLatestVersion);
    QCOMPARE(test::count(*db, QStringLiteral("schema_version")), kLatestVersion);
    for (const char *table : {"customers", "customer_identities", "products", "stock_items", "orders", "ledger",
                              "inbox", "outbox", "settings", "audit_log", "qris_payments", "payment_notifications"})
        QVERIFY2(test::tableExists(*db, QString::fromLatin1(table)), table);
    QVERIFY(db->ping());
    if (store.isPostgres()) {
        QCOMPARE(db->backend(), Database::Backend::Postgres);
        QVERIFY(db->displayUrl().startsWith(QLatin1String("postgresql://")));
        QVERIFY(db->displayUrl().contains(QStringLiteral("schema=") + store.schema()));
        // The tables went into the test's schema, not into public.
        QCOMPARE(test::count(*db, QStringLiteral("information_schema.tables"),
                             QStringLiteral("table_schema = ? AND table_name = 'outbox'"), {store.schema()}),
                 1);
    } else {
        QVERIFY(db->displayUrl().startsWith(QLatin1String("sqlite:///")));
    }
}

void TestMigrations::reopenIsIdempotent()
{
    QFETCH_GLOBAL(QString, backend);
    KEDAI_SKIP_UNAVAILABLE(backend);
    test::TestDatabase store(backend, false);
    {
        auto db = store.open();
        QVERIFY(db);
        test::seedProduct(db, QStringLiteral("NF1"), 2);
    }
    for (int i = 0; i < 2; ++i) {
        auto db = store.open();
        QVERIFY(db);
        QCOMPARE(*db->schemaVersion(), kLatestVersion);
        QCOMPARE(test::count(*db, QStringLiteral("schema_version")), kLatestVersion);
        QCOMPARE(test::count(*db, QStringLiteral("products")), 1);
        QCOMPARE(test::count(*db, QStringLiteral("stock_items")), 2);
    }
}

void TestMigrations::concurrentFirstOpensMigrateOnce()
{
    // Two kedaid processes started together on an empty database: one migrates, the other waits
    // for it and finds the schema ready.
    QFETCH_GLOBAL(QString, backend);
    KEDAI_SKIP_UNAVAILABLE(backend);
    test::TestDatabase store(backend, false);
    constexpr int kOpeners = 4;
    std::vector<QString> errors(kOpeners);
    QSemaphore go;
    std::vector<std::unique_ptr<QThread>> threads;
    for (int i = 0; i < kOpeners; ++i) {
        threads.emplace_back(QThread::create([&, i] {
            go.acquire();
            auto db = Database::open(store.url());
            errors[i] = db ? QString() : db.error().code + QStringLiteral(": ") + db.error().message;
        }));
        threads.back()->start();
    }
    go.release(kOpeners);
    for (auto &t : threads)
        QVERIFY(t->wait(60'000));
    for (const QString &error : errors)
        QVERIFY2(error.isEmpty(), qPrintable(error));
    auto db = store.open();
    QVERIFY(db);
    QCOMPARE(test::count(*db, QStringLiteral("schema_version")), kLatestVersion);
}

void TestMigrations::createsMissingFolder()
{
    KEDAI_SQLITE_ROW_ONLY("SQLite only: a database file");
    QTemporaryDir dir;
    auto db = test::openFreshDb(dir.filePath(QStringLiteral("a/b/kedai.db")));
    QVERIFY(db);
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("a/b/kedai.db"))));
}

void TestMigrations::pragmasAreSetOnEveryConnection()
{
    KEDAI_SQLITE_ROW_ONLY("SQLite only: PRAGMAs");
    test::TestDatabase store(QStringLiteral("sqlite"));
    auto db = store.open();
    QVERIFY(db);
    auto check = [&db](QStringList &out) {
        for (const char *p : {"journal_mode", "synchronous", "busy_timeout", "foreign_keys"}) {
            QSqlQuery q(db->connection());
            if (q.exec(QStringLiteral("PRAGMA ") + QString::fromLatin1(p)) && q.next())
                out << q.value(0).toString().toLower();
        }
    };
    QStringList mainThread;
    check(mainThread);
    QStringList otherThread;
    std::unique_ptr<QThread> t(QThread::create([&] { check(otherThread); }));
    t->start();
    QVERIFY(t->wait(10'000));
    // synchronous NORMAL is 1.
    const QStringList expected{QStringLiteral("wal"), QStringLiteral("1"), QStringLiteral("10000"),
                               QStringLiteral("1")};
    QCOMPARE(mainThread, expected);
    QCOMPARE(otherThread, expected);
}

void TestMigrations::badUrlsAreRefused_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("code");
    QTest::newRow("empty") << QString() << QStringLiteral("store.bad_url");
    QTest::newRow("mysql") << QStringLiteral("mysql://localhost/kedai") << QStringLiteral("store.bad_url");
    QTest::newRow("plain path") << QStringLiteral("/tmp/kedai.db") << QStringLiteral("store.bad_url");
    QTest::newRow("no path") << QStringLiteral("sqlite://") << QStringLiteral("store.bad_url");
    QTest::newRow("memory") << QStringLiteral("sqlite://:memory:") << QStringLiteral("store.bad_url");
    QTest::newRow("unwritable") << QStringLiteral("sqlite:///proc/kedai/kedai.db")
                                << QStringLiteral("store.open_failed");
}

void TestMigrations::badUrlsAreRefused()
{
    KEDAI_SQLITE_ROW_ONLY("opens no database: runs in the sqlite row");
    QFETCH(QString, url);
    QFETCH(QString, code);
    auto db = Database::open(url);
    QVERIFY(!db);
    QCOMPARE(db.error().code, code);
    QVERIFY(!db.error().message.isEmpty());
}

void TestMigrations::newerSchemaIsRefused()
{
    QFETCH_GLOBAL(QString, backend);
    KEDAI_SKIP_UNAVAILABLE(backend);
    test::TestDatabase store(backend);
    {
        auto db = store.open();
        QVERIFY(db);
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO schema_version (version, name, applied_at) "
                                      "VALUES (9999, '9999_future.sql', '2030-01-01T00:00:00.000Z')")));
    }
    auto db = Database::open(store.url());
    QVERIFY(!db);
    QCOMPARE(db.error().code, QStringLiteral("store.schema_too_new"));
}

void TestMigrations::splitStatements_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QStringList>("statements");
    QTest::newRow("two") << QStringLiteral("CREATE TABLE a (x);\nCREATE TABLE b (y);\n")
                         << QStringList{QStringLiteral("CREATE TABLE a (x)"), QStringLiteral("CREATE TABLE b (y)")};
    QTest::newRow("no final semicolon") << QStringLiteral("SELECT 1") << QStringList{QStringLiteral("SELECT 1")};
    QTest::newRow("semicolon in string") << QStringLiteral("INSERT INTO t VALUES ('a;b', 'it''s;');SELECT 2;")
                                         << QStringList{QStringLiteral("INSERT INTO t VALUES ('a;b', 'it''s;')"),
                                                        QStringLiteral("SELECT 2")};
    QTest::newRow("semicolon in identifier")
        << QStringLiteral("SELECT \"a;b\" FROM t;") << QStringList{QStringLiteral("SELECT \"a;b\" FROM t")};
    QTest::newRow("comments") << QStringLiteral("-- header; with semicolon\nSELECT 1; /* block; */ SELECT 2;\n-- end")
                              << QStringList{QStringLiteral("SELECT 1"), QStringLiteral("SELECT 2")};
    QTest::newRow("only comments") << QStringLiteral("-- nothing here;\n/* nor; here */\n;;") << QStringList{};
    QTest::newRow("dash in string") << QStringLiteral("SELECT '--not a comment';")
                                    << QStringList{QStringLiteral("SELECT '--not a comment'")};
}

void TestMigrations::splitStatements()
{
    KEDAI_SQLITE_ROW_ONLY("opens no database: runs in the sqlite row");
    QFETCH(QString, script);
    QFETCH(QStringList, statements);
    QCOMPARE(Migrator::splitStatements(script), statements);
}

void TestMigrations::eachThreadGetsItsOwnConnection()
{
    QFETCH_GLOBAL(QString, backend);
    KEDAI_SKIP_UNAVAILABLE(backend);
    test::TestDatabase store(backend);
    auto db = store.open();
    QVERIFY(db);
    const QString mainName = db->connection().connectionName();
    QCOMPARE(db->connection().connectionName(), mainName); // reused on the same thread

    QString threadName;
    bool pinged = false;
    std::unique_ptr<QThread> t(QThread::create([&] {
        threadName = db->connection().connectionName();
        pinged = db->ping();
    }));
    t->start();
    QVERIFY(t->wait(10'000));
    QVERIFY(pinged);
    QVERIFY(!threadName.isEmpty());
    QVERIFY(threadName != mainName);
    QVERIFY2(!QSqlDatabase::contains(threadName), "the thread's connection outlived the thread");
    QVERIFY(QSqlDatabase::contains(mainName));
}

void TestMigrations::destroyingTheDatabaseRemovesConnections()
{
    QFETCH_GLOBAL(QString, backend);
    KEDAI_SKIP_UNAVAILABLE(backend);
    test::TestDatabase store(backend);
    auto db = store.open();
    QVERIFY(db);
    Database *raw = db.get();
    const QString mainName = db->connection().connectionName();

    QSemaphore connected;
    QSemaphore release;
    QString threadName;
    bool reconnectFailed = false;
    std::unique_ptr<QThread> t(QThread::create([&] {
        threadName = raw->connection().connectionName();
        connected.release();
        release.acquire();
        reconnectFailed = !QSqlDatabase::contains(threadName);
    }));
    t->start();
    QVERIFY(connected.tryAcquire(1, 10'000));
    QVERIFY(QSqlDatabase::contains(threadName));
    db.reset(); // while the other thread is still alive
    QVERIFY(!QSqlDatabase::contains(mainName));
    QVERIFY(!QSqlDatabase::contains(threadName));
    release.release();
    QVERIFY(t->wait(10'000));
    QVERIFY(reconnectFailed);

    // A new instance on the same database works and gets fresh connections.
    auto again = store.open();
    QVERIFY(again);
    QVERIFY(again->connection().connectionName() != mainName);
    QVERIFY(again->ping());
}

void TestMigrations::nestedTransactionsAreSavepoints()
{
    QFETCH_GLOBAL(QString, backend);
    KEDAI_SKIP_UNAVAILABLE(backend);
    test::TestDatabase store(backend);
    auto db = store.open();
    QVERIFY(db);
    auto insert = [&db](const QString &key) {
        QSqlQuery q(db->connection());
        q.prepare(QStringLiteral("INSERT INTO settings (key, value, updated_at) VALUES (?, 'v', 'x')"));
        q.addBindValue(key);
        return q.exec();
    };
    {
        Transaction outer(*db, db->connection());
        QVERIFY(outer.begun());
        QVERIFY(insert(QStringLiteral("outer")));
        {
            Transaction inner(*db, db->connection());
            QVERIFY(inner.begun());
            QVERIFY(insert(QStringLiteral("rolled-back")));
        } // inner rolls back only its own work
        {
            Transaction inner(*db, db->connection());
            QVERIFY(inner.begun());
            QVERIFY(insert(QStringLiteral("kept")));
            QVERIFY(inner.commit());
        }
        QVERIFY(outer.commit());
    }
    QCOMPARE(test::count(*db, QStringLiteral("settings")), 2);
    QCOMPARE(test::count(*db, QStringLiteral("settings"), QStringLiteral("key = 'rolled-back'")), 0);

    {
        Transaction outer(*db, db->connection());
        QVERIFY(insert(QStringLiteral("dropped")));
        Transaction inner(*db, db->connection());
        QVERIFY(insert(QStringLiteral("dropped too")));
        QVERIFY(inner.commit());
    } // outer not committed: everything goes
    QCOMPARE(test::count(*db, QStringLiteral("settings")), 2);

    // A fresh top-level transaction still works afterwards (depth bookkeeping is balanced).
    Transaction tx(*db, db->connection());
    QVERIFY(tx.begun());
    QVERIFY(tx.commit());
    QVERIFY(!tx.commit()); // twice is an error, not a crash
}

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
