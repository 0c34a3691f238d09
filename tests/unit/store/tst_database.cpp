#include "store/customerrepository.h"
#include "store/database.h"
#include "store/messagerepository.h"

#include "storetestutil.h"

#include <QTest>
#include <QThread>
#include <QUrl>

#include <functional>

using namespace kedai;
using namespace kedai::store;

/// What Database adds around the connections: PostgreSQL URLs, reconnecting, advisory locks,
/// exact money and values that reach the server as written.
class TestStoreDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();

    void badPostgresUrlsAreRefused_data();
    void badPostgresUrlsAreRefused();
    void unreachableServerGivesAClearError();
    void displayUrlHidesThePassword();
    void reconnectsAfterTheSessionIsKilled();
    void advisoryLockHasOneHolder();
    void advisoryLocksAreScopedToTheSchema();
    void moneyIsExactBeyondDoublePrecision();
    void awkwardTextIsStoredVerbatim();
};

namespace {
const QString kPassword = QStringLiteral("s3cr3t-pw");

/// Skips the row of a test that needs no database server at all (it runs in the sqlite row).
#define KEDAI_NO_SERVER_ROW_ONLY() \
    do { \
        QFETCH_GLOBAL(QString, backend); \
        if (backend != QLatin1String("sqlite")) \
            QSKIP("needs no database server: runs in the sqlite row"); \
    } while (false)

#define KEDAI_POSTGRES_ROW_ONLY() \
    do { \
        QFETCH_GLOBAL(QString, backend); \
        if (backend != QLatin1String("postgres")) \
            QSKIP("PostgreSQL only"); \
        KEDAI_SKIP_UNAVAILABLE(backend); \
    } while (false)
} // namespace

void TestStoreDatabase::initTestCase_data()
{
    test::addBackendRows();
}

void TestStoreDatabase::badPostgresUrlsAreRefused_data()
{
    QTest::addColumn<QString>("url");
    const QString base = QStringLiteral("postgresql://kedai:%1@db.local:5432/kedai").arg(kPassword);
    QTest::newRow("no database") << QStringLiteral("postgresql://kedai:%1@db.local:5432/").arg(kPassword);
    QTest::newRow("no host") << QStringLiteral("postgres://kedai:%1@/kedai").arg(kPassword);
    QTest::newRow("upper-case schema") << base + QStringLiteral("?schema=Shop");
    QTest::newRow("schema injection") << base + QStringLiteral("?schema=x%3Bdrop%20table%20orders");
    QTest::newRow("empty schema") << base + QStringLiteral("?schema=");
    QTest::newRow("bad sslmode") << base + QStringLiteral("?sslmode=maybe");
    QTest::newRow("zero timeout") << base + QStringLiteral("?connect_timeout=0");
    QTest::newRow("unknown option") << base + QStringLiteral("?search_path=public");
}

void TestStoreDatabase::badPostgresUrlsAreRefused()
{
    KEDAI_NO_SERVER_ROW_ONLY();
    QFETCH(QString, url);
    auto db = Database::open(url);
    QVERIFY(!db);
    QCOMPARE(db.error().code, QStringLiteral("store.bad_url"));
    QVERIFY(db.error().message.contains(QLatin1String("postgresql://")));
    QVERIFY2(!db.error().message.contains(kPassword), qPrintable(db.error().message));
}

void TestStoreDatabase::unreachableServerGivesAClearError()
{
    KEDAI_NO_SERVER_ROW_ONLY();
    // Port 1 on loopback: nobody listens, the connection is refused at once.
    auto db = Database::open(QStringLiteral("postgresql://kedai:%1@127.0.0.1:1/kedai").arg(kPassword));
    QVERIFY(!db);
    QCOMPARE(db.error().code, QStringLiteral("store.open_failed"));
    const QString message = db.error().message;
    QVERIFY2(message.startsWith(QLatin1String("Cannot connect to PostgreSQL at 127.0.0.1:1: ")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("DATABASE_URL")), qPrintable(message));
    QVERIFY2(!message.contains(kPassword), qPrintable(message));
}

void TestStoreDatabase::displayUrlHidesThePassword()
{
    KEDAI_POSTGRES_ROW_ONLY();
    test::TestDatabase store(QStringLiteral("postgres"));
    QUrl url(store.url());
    url.setPassword(kPassword); // the test server trusts loopback: any password will do
    auto db = Database::open(url.toString());
    KEDAI_VERIFY_OK(db);
    const QString shown = (*db)->displayUrl();
    QVERIFY2(!shown.contains(kPassword), qPrintable(shown));
    QVERIFY2(shown.startsWith(QStringLiteral("postgresql://") + url.userName() + QLatin1Char('@') + url.host()),
             qPrintable(shown));
    QVERIFY(shown.contains(QStringLiteral("schema=") + store.schema()));
}

void TestStoreDatabase::reconnectsAfterTheSessionIsKilled()
{
    KEDAI_POSTGRES_ROW_ONLY();
    test::TestDatabase store(QStringLiteral("postgres"));
    auto db = store.open();
    QVERIFY(db);
    const auto customer = test::seedCustomer(db, QStringLiteral("628111"), 10'000);
    CustomerRepository customers(db);
    const auto kill = [&db] {
        const qint64 pid = test::scalar(*db, QStringLiteral("SELECT pg_backend_pid()"));
        // As a server restart does to every session; the second argument waits for it to end.
        return pid > 0 && test::postgresAdmin(QStringLiteral("SELECT pg_terminate_backend(%1, 10000)").arg(pid));
    };

    // A transaction starts on a new session by itself: nothing had happened in it yet.
    QVERIFY(kill());
    auto topup = customers.postLedger(customer.id, 5'000, domain::LedgerKind::Topup, QStringLiteral("staff:x"), {}, {});
    KEDAI_VERIFY_OK(topup);

    // A single statement meets the dead session and fails (it may have run: not repeated
    // blindly); the next call reconnects.
    QVERIFY(kill());
    (void)customers.byId(customer.id);
    auto back = customers.byId(customer.id);
    KEDAI_VERIFY_OK(back);
    QCOMPARE(back->value().saldo, 15'000);

    // A health check recovers by itself: ping() reconnects once when its round trip fails.
    QVERIFY(kill());
    QVERIFY(db->ping());
    QCOMPARE(customers.byId(customer.id)->value().saldo, 15'000);

    // Lost inside a transaction: the rest of it fails, and never continues on a new session.
    const QString bump = QStringLiteral("UPDATE customers SET saldo = saldo + 1 WHERE id = ?");
    {
        Transaction tx(*db, db->connection());
        QVERIFY(tx.begun());
        QVERIFY(test::exec(*db, bump, {customer.id}));
        QVERIFY(kill());
        QVERIFY(!test::exec(*db, bump, {customer.id}));
        QVERIFY(!tx.commit());
    }
    QCOMPARE(customers.byId(customer.id)->value().saldo, 15'000);
    QVERIFY(customers.ledgerMismatches()->isEmpty());
}

void TestStoreDatabase::advisoryLockHasOneHolder()
{
    QFETCH_GLOBAL(QString, backend);
    KEDAI_SKIP_UNAVAILABLE(backend);
    test::TestDatabase store(backend);
    auto a = store.open();
    auto b = store.open(); // as a second kedaid on the same database
    QVERIFY(a && b);
    const auto onAnotherThread = [](const std::function<void()> &body) {
        std::unique_ptr<QThread> t(QThread::create(body));
        t->start();
        return t->wait(30'000);
    };

    QVERIFY(a->tryAdvisoryLock(42));
    QVERIFY(a->tryAdvisoryLock(42)); // still ours
    QVERIFY(!b->tryAdvisoryLock(42));
    QVERIFY(b->tryAdvisoryLock(43)); // another key is another lock
    bool otherThread = true;
    QVERIFY(onAnotherThread([&] { otherThread = a->tryAdvisoryLock(42); }));
    QVERIFY2(!otherThread, "the holder is a thread's connection, not the whole instance");

    a->advisoryUnlock(42); // once: taking it twice did not stack
    QVERIFY(b->tryAdvisoryLock(42));
    b->advisoryUnlock(42);
    b->advisoryUnlock(43);
    b->advisoryUnlock(43); // not held: nothing happens

    // The lock goes with the thread that held it, and with a destroyed instance.
    bool took = false;
    QVERIFY(onAnotherThread([&] { took = a->tryAdvisoryLock(7); }));
    QVERIFY(took);
    QTRY_VERIFY(b->tryAdvisoryLock(7));
    QVERIFY(a->tryAdvisoryLock(8));
    a.reset();
    QTRY_VERIFY(b->tryAdvisoryLock(8));
}

void TestStoreDatabase::advisoryLocksAreScopedToTheSchema()
{
    KEDAI_POSTGRES_ROW_ONLY();
    // Two shops in two schemas of one database each run their own sweeper.
    test::TestDatabase shopA(QStringLiteral("postgres"));
    test::TestDatabase shopB(QStringLiteral("postgres"));
    auto a = shopA.open();
    auto b = shopB.open();
    QVERIFY(a && b);
    QVERIFY(a->tryAdvisoryLock(42));
    QVERIFY(b->tryAdvisoryLock(42));
}

void TestStoreDatabase::moneyIsExactBeyondDoublePrecision()
{
    QFETCH_GLOBAL(QString, backend);
    KEDAI_SKIP_UNAVAILABLE(backend);
    test::TestDatabase store(backend);
    auto db = store.open();
    QVERIFY(db);
    // 2^53 + 1 is the first integer a double cannot hold: read through a double it becomes 2^53.
    constexpr qint64 kBig = (qint64(1) << 53) + 1;
    const auto c = test::seedCustomer(db, QStringLiteral("628111"), 0);
    QVERIFY(test::exec(*db, QStringLiteral("UPDATE customers SET saldo = ? WHERE id = ?"), {kBig, c.id}));
    for (qint64 delta : {kBig - 1, qint64(1)}) {
        QVERIFY(
            test::exec(*db,
                       QStringLiteral("INSERT INTO ledger (customer_id, delta, balance_after, kind, actor, "
                                      "created_at) VALUES (?, ?, ?, 'adjustment', 'test', '2026-01-01T00:00:00.000Z')"),
                       {c.id, delta, kBig}));
    }
    CustomerRepository customers(db);
    QCOMPARE(customers.byId(c.id)->value().saldo, kBig);
    QVERIFY(customers.ledgerMismatches()->isEmpty());
    // SUM(bigint) is numeric on PostgreSQL: the connection reads numerics as exact text.
    QCOMPARE(test::scalar(*db, QStringLiteral("SELECT SUM(delta) FROM ledger WHERE customer_id = ?"), {c.id}), kBig);

    QVERIFY(test::exec(*db, QStringLiteral("UPDATE customers SET saldo = saldo + 1 WHERE id = ?"), {c.id}));
    QCOMPARE(*customers.ledgerMismatches(), QList<qint64>{c.id});
}

void TestStoreDatabase::awkwardTextIsStoredVerbatim()
{
    // On PostgreSQL the values are written into the statement (see sql::run): quotes,
    // backslashes, question marks and comment markers must arrive as plain text.
    QFETCH_GLOBAL(QString, backend);
    KEDAI_SKIP_UNAVAILABLE(backend);
    test::TestDatabase store(backend);
    auto db = store.open();
    QVERIFY(db);
    const QStringList texts{QStringLiteral("it's a 'quoted' \"word\""), QStringLiteral("back\\slash \\' \\\\"),
                            QStringLiteral("? ?? $1 -- not a comment /* nor this */ ;"),
                            QStringLiteral("E'\\x41' %_ \u00e9\u00e8 \U0001F600"), QStringLiteral("line\nbreak\ttab")};
    MessageRepository messages(db);
    for (int i = 0; i < texts.size(); ++i) {
        domain::InboundMessage m;
        m.channel = QStringLiteral("simulator");
        m.externalId = QStringLiteral("id-%1").arg(i);
        m.from = QStringLiteral("628?'");
        m.text = texts.at(i);
        auto id = messages.insertInbound(m);
        KEDAI_VERIFY_OK(id);
        QVERIFY(id->has_value());
    }
    auto stored = messages.unprocessedInbound();
    QVERIFY(stored);
    QCOMPARE(stored->size(), texts.size());
    for (int i = 0; i < texts.size(); ++i) {
        QCOMPARE(stored->at(i).text, texts.at(i));
        QCOMPARE(stored->at(i).from, QStringLiteral("628?'"));
    }
    // A NUL cannot be stored in PostgreSQL text: the message is kept, not refused.
    domain::InboundMessage nul;
    nul.channel = QStringLiteral("simulator");
    nul.externalId = QStringLiteral("nul");
    nul.from = QStringLiteral("628");
    nul.text = QStringLiteral("a") + QChar(0) + QStringLiteral("b");
    auto id = messages.insertInbound(nul);
    KEDAI_VERIFY_OK(id);
    QVERIFY(id->has_value());
    QCOMPARE(messages.unprocessedInbound()->size(), texts.size() + 1);
}

QTEST_GUILESS_MAIN(TestStoreDatabase)
#include "tst_database.moc"
