#include "store/settingsrepository.h"

#include "storetestutil.h"

#include <QTest>

using namespace kedai::store;

class TestSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void valueFallsBackThenPersists();
    void secretsAreMaskedInTheAuditLog();
    void auditJoinsTheCallersTransaction();
    void auditLogIsNewestFirst();

private:
    std::unique_ptr<test::TestDatabase> m_store;
    std::shared_ptr<Database> m_db;
};

void TestSettings::initTestCase_data()
{
    test::addBackendRows();
}

void TestSettings::init()
{
    KEDAI_OPEN_TEST_DB(m_store, m_db);
}

void TestSettings::cleanup()
{
    m_db.reset();
    m_store.reset();
}

void TestSettings::valueFallsBackThenPersists()
{
    SettingsRepository settings(m_db);
    QCOMPARE(*settings.value(QStringLiteral("shop.name"), QStringLiteral("Kedai")), QStringLiteral("Kedai"));
    QVERIFY(settings.setValue(QStringLiteral("shop.name"), QStringLiteral("Toko Ana"), QStringLiteral("staff:ana")));
    QVERIFY(settings.setValue(QStringLiteral("shop.name"), QStringLiteral("Toko Budi"), QStringLiteral("staff:ana")));
    QVERIFY(settings.setValue(QStringLiteral("greeting"), QString(), QStringLiteral("staff:ana"))); // empty is a value
    QCOMPARE(*settings.value(QStringLiteral("shop.name")), QStringLiteral("Toko Budi"));
    QCOMPARE(*settings.value(QStringLiteral("greeting"), QStringLiteral("fallback")), QString());
    QCOMPARE(settings.setValue(QStringLiteral(" "), QStringLiteral("x"), {}).error().code,
             QStringLiteral("settings.invalid"));

    m_db.reset();
    m_db = m_store->open();
    QCOMPARE(*SettingsRepository(m_db).value(QStringLiteral("shop.name")), QStringLiteral("Toko Budi"));
}

void TestSettings::secretsAreMaskedInTheAuditLog()
{
    SettingsRepository settings(m_db);
    QVERIFY(settings.setValue(QStringLiteral("WA_ACCESS_TOKEN"), QStringLiteral("EAAG-very-secret"),
                              QStringLiteral("owner")));
    QVERIFY(settings.setValue(QStringLiteral("WA_ACCESS_TOKEN"), QStringLiteral("EAAG-newer-secret"),
                              QStringLiteral("owner")));
    QCOMPARE(*settings.value(QStringLiteral("WA_ACCESS_TOKEN")), QStringLiteral("EAAG-newer-secret"));
    const auto log = *settings.auditLog();
    QCOMPARE(log.size(), 2);
    for (const AuditEntry &e : log) {
        QCOMPARE(e.action, QStringLiteral("setting.set"));
        QVERIFY(!e.before.contains(QLatin1String("secret")));
        QVERIFY(!e.after.contains(QLatin1String("secret")));
    }
    QVERIFY(log.first().after.contains(QLatin1String("***")));
}

void TestSettings::auditJoinsTheCallersTransaction()
{
    SettingsRepository settings(m_db);
    {
        Transaction tx(*m_db, m_db->connection());
        QVERIFY(
            settings.audit(QStringLiteral("staff:x"), QStringLiteral("test.rollback"), QStringLiteral("e"), {}, {}));
    }
    {
        Transaction tx(*m_db, m_db->connection());
        QVERIFY(settings.audit(QStringLiteral("staff:x"), QStringLiteral("test.commit"), QStringLiteral("e"),
                               QStringLiteral("{\"a\":1}"), {}));
        QVERIFY(tx.commit());
    }
    const auto log = *settings.auditLog();
    QCOMPARE(log.size(), 1);
    QCOMPARE(log.first().action, QStringLiteral("test.commit"));
    QCOMPARE(log.first().before, QStringLiteral("{\"a\":1}"));
    QVERIFY(log.first().after.isEmpty());
}

void TestSettings::auditLogIsNewestFirst()
{
    SettingsRepository settings(m_db);
    for (int i = 0; i < 5; ++i)
        QVERIFY(settings.audit({}, QStringLiteral("step.%1").arg(i), {}, {}, {}));
    const auto log = *settings.auditLog(3);
    QCOMPARE(log.size(), 3);
    QCOMPARE(log.at(0).action, QStringLiteral("step.4"));
    QCOMPARE(log.at(2).action, QStringLiteral("step.2"));
    QCOMPARE(log.at(0).actor, QStringLiteral("system"));
}

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"
