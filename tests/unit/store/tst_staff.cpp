// Desktop accounts and the audit trail on both backends: creating accounts, the last owner,
// sign-in with lockout and re-hashing (through the Engine on the same database), that no
// password hash reaches the audit log, and the Audit panel's filters with keyset paging.
#include "common/config.h"
#include "common/passwordhash.h"
#include "engine/engine.h"
#include "store/settingsrepository.h"
#include "store/staffrepository.h"

#include "storetestutil.h"

#include <QFuture>
#include <QTest>

#include <sodium.h>

using namespace kedai;
using namespace kedai::store;
using domain::StaffRole;

namespace {

const QString kOwner = QStringLiteral("staff:owner");

template<typename T>
T await(QFuture<T> future)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, 30000))
        return T{};
    return future.result();
}

QString hashOf(const QString &password)
{
    auto h = common::PasswordHash::hash(password);
    return h ? *h : QString();
}

} // namespace

class TestStaff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void initTestCase();
    void init();
    void cleanup();

    void createAndList();
    void duplicateUsernameIsRefused();
    void invalidUsernamesAreRefused_data();
    void invalidUsernamesAreRefused();
    void firstOwnerOnlyOnce();
    void lastOwnerIsProtected();
    void loginLocksAfterFiveFailures();
    void inactiveAccountCannotSignIn();
    void weakHashIsRehashedAtLogin();
    void engineChecksPermissions();
    void passwordHashNeverInAuditLog();
    void auditFilters();
    void auditKeysetPaging();

private:
    std::unique_ptr<engine::Engine> startEngine();

    std::unique_ptr<test::TestDatabase> m_store;
    std::shared_ptr<Database> m_db;
    QTemporaryDir m_dataDir;
    QString m_ownerHash;
};

void TestStaff::initTestCase_data()
{
    test::addBackendRows();
}

void TestStaff::initTestCase()
{
    m_ownerHash = hashOf("owner-password"); // Argon2id costs a moment: once
    QVERIFY(m_ownerHash.startsWith("$argon2id$"));
}

void TestStaff::init()
{
    KEDAI_OPEN_TEST_DB(m_store, m_db);
}

void TestStaff::cleanup()
{
    m_db.reset();
    m_store.reset();
}

std::unique_ptr<engine::Engine> TestStaff::startEngine()
{
    auto config = common::Config::load({{"KEDAI_DATA_DIR", m_dataDir.path()},
                                        {"DATABASE_URL", m_store->url()},
                                        {"HTTP_ADDR", "127.0.0.1:0"},
                                        {"KEDAI_SHARDS", "1"}},
                                       {});
    if (!config) {
        qWarning("config: %s", qPrintable(config.error().message));
        return {};
    }
    auto engine = std::make_unique<engine::Engine>(config.value());
    if (auto started = engine->start(); !started) {
        qWarning("engine: %s", qPrintable(started.error().message));
        return {};
    }
    return engine;
}

void TestStaff::createAndList()
{
    StaffRepository staff(m_db);
    QCOMPARE(*staff.count(), 0);
    const auto owner = staff.create("Owner", "Ibu Sari", StaffRole::Owner, m_ownerHash, kOwner, true);
    KEDAI_VERIFY_OK(owner);
    QCOMPARE(owner->username, QStringLiteral("owner"));
    QCOMPARE(owner->displayName, QStringLiteral("Ibu Sari"));
    QVERIFY(owner->active);
    QVERIFY(owner->createdAt.isValid());
    KEDAI_VERIFY_OK(staff.create("rina", "Rina", StaffRole::Staff, m_ownerHash, kOwner));
    KEDAI_VERIFY_OK(staff.create("budi", "", StaffRole::Manager, m_ownerHash, kOwner));
    const auto list = staff.list();
    KEDAI_VERIFY_OK(list);
    QCOMPARE(list->size(), 3);
    QCOMPARE(list->at(0).username, QStringLiteral("budi")); // by username
    QCOMPARE(list->at(0).role, StaffRole::Manager);
    QCOMPARE(*staff.count(), 3);
    QCOMPARE(**staff.activeRole("RINA"), StaffRole::Staff);
    QCOMPARE(test::count(*m_db, "audit_log", "action = 'staff.create' AND actor = ?", {kOwner}), 3);
}

void TestStaff::duplicateUsernameIsRefused()
{
    StaffRepository staff(m_db);
    KEDAI_VERIFY_OK(staff.create("rina", "Rina", StaffRole::Staff, m_ownerHash, kOwner));
    const auto again = staff.create(" RINA ", "Other Rina", StaffRole::Manager, m_ownerHash, kOwner);
    QVERIFY(!again);
    QCOMPARE(again.error().code, QStringLiteral("staff.username_taken"));
    QCOMPARE(again.error().details.value("username").toString(), QStringLiteral("rina"));
    QCOMPARE(*staff.count(), 1);
    QCOMPARE(staff.list()->first().displayName, QStringLiteral("Rina"));
}

void TestStaff::invalidUsernamesAreRefused_data()
{
    QTest::addColumn<QString>("username");
    QTest::newRow("empty") << "";
    QTest::newRow("two characters") << "ab";
    QTest::newRow("space inside") << "rina sari";
    QTest::newRow("colon") << "staff:rina";
    QTest::newRow("quote") << "rina'--";
    QTest::newRow("33 characters") << QString(33, QLatin1Char('r'));
}

void TestStaff::invalidUsernamesAreRefused()
{
    QFETCH(QString, username);
    StaffRepository staff(m_db);
    const auto created = staff.create(username, "x", StaffRole::Staff, m_ownerHash, kOwner);
    QVERIFY(!created);
    QCOMPARE(created.error().code, QStringLiteral("staff.username_invalid"));
    QCOMPARE(*staff.count(), 0);
}

void TestStaff::firstOwnerOnlyOnce()
{
    StaffRepository staff(m_db);
    KEDAI_VERIFY_OK(staff.create("owner", "Owner", StaffRole::Owner, m_ownerHash, kOwner, true));
    const auto second = staff.create("thief", "Thief", StaffRole::Owner, m_ownerHash, "staff:thief", true);
    QVERIFY(!second);
    QCOMPARE(second.error().code, QStringLiteral("staff.already_set_up"));
    QCOMPARE(*staff.count(), 1);
}

void TestStaff::lastOwnerIsProtected()
{
    StaffRepository staff(m_db);
    const auto owner = *staff.create("owner", "Owner", StaffRole::Owner, m_ownerHash, kOwner, true);
    for (const auto &[role, active] : {std::pair{StaffRole::Manager, true}, std::pair{StaffRole::Owner, false}}) {
        const auto refused = staff.update(owner.id, "Owner", role, active, kOwner);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, QStringLiteral("staff.last_owner"));
    }
    KEDAI_VERIFY_OK(staff.update(owner.id, "Ibu Sari", StaffRole::Owner, true, kOwner)); // a rename is fine

    // An inactive second owner does not count; an active one does.
    const auto second = *staff.create("budi", "Budi", StaffRole::Owner, m_ownerHash, kOwner);
    KEDAI_VERIFY_OK(staff.update(second.id, "Budi", StaffRole::Owner, false, kOwner));
    QCOMPARE(staff.update(owner.id, "Ibu Sari", StaffRole::Manager, true, kOwner).error().code,
             QStringLiteral("staff.last_owner"));
    KEDAI_VERIFY_OK(staff.update(second.id, "Budi", StaffRole::Owner, true, kOwner));
    const auto demoted = staff.update(owner.id, "Ibu Sari", StaffRole::Manager, true, kOwner);
    KEDAI_VERIFY_OK(demoted);
    QCOMPARE(demoted->role, StaffRole::Manager);
    QCOMPARE(staff.update(second.id, "Budi", StaffRole::Staff, true, kOwner).error().code,
             QStringLiteral("staff.last_owner"));
}

void TestStaff::loginLocksAfterFiveFailures()
{
    auto engine = startEngine();
    QVERIFY(engine);
    KEDAI_VERIFY_OK(await(engine->createFirstOwner("owner", "Owner", "owner-password")));
    // An unknown name gets the same answer as a wrong password.
    QCOMPARE(await(engine->login("nobody", "owner-password")).error().code, QStringLiteral("auth.failed"));
    for (int i = 0; i < 5; ++i)
        QCOMPARE(await(engine->login("owner", "wrong-password")).error().code, QStringLiteral("auth.failed"));
    const auto locked = await(engine->login("owner", "owner-password"));
    QVERIFY(!locked);
    QCOMPARE(locked.error().code, QStringLiteral("auth.locked"));
    const QDateTime until = locked.error().details.value("until").toDateTime();
    QVERIFY(until > QDateTime::currentDateTimeUtc().addSecs(4 * 60));
    QVERIFY(until <= QDateTime::currentDateTimeUtc().addSecs(5 * 60 + 5));
    QCOMPARE(test::count(*m_db, "audit_log", "action = 'staff.login_failed'"), 5);

    // Once the time has passed, the right password works and the count starts again.
    QVERIFY(test::exec(*m_db, "UPDATE staff_users SET locked_until = '2000-01-01T00:00:00.000Z'"));
    const auto ok = await(engine->login("owner", "owner-password"));
    KEDAI_VERIFY_OK(ok);
    QVERIFY(ok->lastLoginAt.isValid());
    QCOMPARE(test::scalar(*m_db, "SELECT failed_logins FROM staff_users WHERE username = 'owner'"), 0);
    engine->stop();
}

void TestStaff::inactiveAccountCannotSignIn()
{
    auto engine = startEngine();
    QVERIFY(engine);
    KEDAI_VERIFY_OK(await(engine->createFirstOwner("owner", "Owner", "owner-password")));
    const auto rina = await(engine->createStaffUser("rina", "Rina", StaffRole::Staff, "rina-password", kOwner));
    KEDAI_VERIFY_OK(rina);
    KEDAI_VERIFY_OK(await(engine->updateStaffUser(rina->id, "Rina", StaffRole::Staff, false, kOwner)));
    QCOMPARE(await(engine->login("rina", "rina-password")).error().code, QStringLiteral("auth.inactive"));
    // A wrong password for a switched-off account says no more than for any other.
    QCOMPARE(await(engine->login("rina", "wrong-password")).error().code, QStringLiteral("auth.failed"));
    engine->stop();
}

void TestStaff::weakHashIsRehashedAtLogin()
{
    QVERIFY(sodium_init() >= 0);
    char out[crypto_pwhash_STRBYTES];
    const QByteArray password = "owner-password";
    QCOMPARE(crypto_pwhash_str_alg(out, password.constData(), quint64(password.size()), crypto_pwhash_OPSLIMIT_MIN,
                                   crypto_pwhash_MEMLIMIT_MIN, crypto_pwhash_ALG_ARGON2ID13),
             0);
    const QString weak = QString::fromLatin1(out);
    StaffRepository staff(m_db);
    KEDAI_VERIFY_OK(staff.create("owner", "Owner", StaffRole::Owner, weak, kOwner, true));

    auto engine = startEngine();
    QVERIFY(engine);
    KEDAI_VERIFY_OK(await(engine->login("owner", "owner-password")));
    const auto creds = staff.credentials("owner");
    KEDAI_VERIFY_OK(creds);
    QVERIFY((*creds)->passwordHash != weak);
    QVERIFY(!common::PasswordHash::needsRehash((*creds)->passwordHash));
    QVERIFY(common::PasswordHash::verify((*creds)->passwordHash, "owner-password"));
    engine->stop();
}

void TestStaff::engineChecksPermissions()
{
    auto engine = startEngine();
    QVERIFY(engine);
    KEDAI_VERIFY_OK(await(engine->createFirstOwner("owner", "Owner", "owner-password")));
    const auto rina = await(engine->createStaffUser("rina", "Rina", StaffRole::Staff, "rina-password", kOwner));
    KEDAI_VERIFY_OK(rina);
    const QString asRina = domain::staffActor("rina");
    QCOMPARE(await(engine->createStaffUser("eve", "Eve", StaffRole::Owner, "eve-password", asRina)).error().code,
             QStringLiteral("auth.forbidden"));
    QCOMPARE(await(engine->auditLog(AuditFilter{}, asRina)).error().code, QStringLiteral("auth.forbidden"));
    QCOMPARE(await(engine->createStaffUser("eve", "Eve", StaffRole::Staff, "short", kOwner)).error().code,
             QStringLiteral("auth.password_too_short"));
    // Her own password, with the current one; not without it.
    QCOMPARE(await(engine->setStaffPassword(rina->id, "new-rina-password", "wrong", asRina)).error().code,
             QStringLiteral("auth.failed"));
    KEDAI_VERIFY_OK(await(engine->setStaffPassword(rina->id, "new-rina-password", "rina-password", asRina)));
    KEDAI_VERIFY_OK(await(engine->login("rina", "new-rina-password")));
    engine->stop();
}

void TestStaff::passwordHashNeverInAuditLog()
{
    auto engine = startEngine();
    QVERIFY(engine);
    KEDAI_VERIFY_OK(await(engine->createFirstOwner("owner", "Owner", "owner-password")));
    const auto rina = await(engine->createStaffUser("rina", "Rina", StaffRole::Staff, "rina-password", kOwner));
    KEDAI_VERIFY_OK(rina);
    KEDAI_VERIFY_OK(await(engine->setStaffPassword(rina->id, "rina-password-2", {}, kOwner)));
    KEDAI_VERIFY_OK(await(engine->login("rina", "rina-password-2")));
    QVERIFY(!await(engine->login("rina", "rina-password")));
    engine->stop();

    QVERIFY(test::count(*m_db, "audit_log") >= 5);
    QCOMPARE(test::count(*m_db, "audit_log",
                         "COALESCE(\"before\", '') LIKE '%argon2%' OR COALESCE(\"after\", '') LIKE '%argon2%' "
                         "OR COALESCE(\"before\", '') LIKE '%password-2%' OR COALESCE(\"after\", '') LIKE "
                         "'%rina-password%'"),
             0);
    QCOMPARE(test::count(*m_db, "audit_log", "action = 'staff.password'"), 1);
}

void TestStaff::auditFilters()
{
    SettingsRepository settings(m_db);
    QVERIFY(settings.audit("staff:rina", "stock.add", "product:NF1", {}, R"({"added":3})"));
    QVERIFY(settings.audit("staff:rina", "stock.void", "product:NF1", {}, R"({"item":7})"));
    QVERIFY(
        settings.audit("staff:budi", "ledger.post", "customer:12", {}, R"({"delta":50000,"note":"Bonus Lebaran"})"));
    QVERIFY(
        settings.audit("628111000009", "product.set_price", "product:VIU", R"({"price":10000})", R"({"price":12000})"));
    QVERIFY(settings.audit("system", "order.purchase", "order:KD-1", {}, R"({"total":35000})"));
    // Dates: the first two rows were "yesterday".
    QVERIFY(test::exec(*m_db, "UPDATE audit_log SET at = '2026-01-10T10:00:00.000Z' WHERE action LIKE 'stock.%'"));
    QVERIFY(test::exec(*m_db, "UPDATE audit_log SET at = '2026-01-11T10:00:00.000Z' WHERE action NOT LIKE 'stock.%'"));

    auto run = [&](const AuditFilter &f) {
        QStringList actions;
        const auto rows = settings.auditLog(f);
        if (!rows)
            return QStringList({rows.error().message});
        for (const AuditEntry &e : rows.value())
            actions << e.action;
        return actions;
    };
    AuditFilter f;
    QCOMPARE(run(f), QStringList({"order.purchase", "product.set_price", "ledger.post", "stock.void", "stock.add"}));
    f.actor = "staff:rina";
    QCOMPARE(run(f), QStringList({"stock.void", "stock.add"}));
    f = {};
    f.action = "stock.";
    QCOMPARE(run(f), QStringList({"stock.void", "stock.add"}));
    f.action = "stock.add";
    QCOMPARE(run(f), QStringList({"stock.add"}));
    f.action = "st%"; // LIKE wildcards are text
    QCOMPARE(run(f), QStringList());
    f = {};
    f.text = "lebaran"; // case-insensitive, in before/after
    QCOMPARE(run(f), QStringList({"ledger.post"}));
    f.text = "VIU"; // in the entity
    QCOMPARE(run(f), QStringList({"product.set_price"}));
    f = {};
    f.from = QDateTime(QDate(2026, 1, 11), QTime(0, 0), Qt::UTC);
    QCOMPARE(run(f).size(), 3);
    f.from = {};
    f.to = QDateTime(QDate(2026, 1, 11), QTime(0, 0), Qt::UTC);
    QCOMPARE(run(f), QStringList({"stock.void", "stock.add"}));
    f.actor = "staff:budi";
    QCOMPARE(run(f), QStringList());

    const auto facets = settings.auditFacets();
    KEDAI_VERIFY_OK(facets);
    QCOMPARE(facets->first, QStringList({"628111000009", "staff:budi", "staff:rina", "system"}));
    QCOMPARE(facets->second.size(), 5);
}

void TestStaff::auditKeysetPaging()
{
    SettingsRepository settings(m_db);
    for (int i = 0; i < 7; ++i)
        QVERIFY(settings.audit("staff:rina", "stock.add", QStringLiteral("product:P%1").arg(i), {}, {}));
    QVERIFY(settings.audit("staff:budi", "stock.add", "product:other", {}, {}));
    AuditFilter f;
    f.actor = "staff:rina";
    f.limit = 3;
    QStringList seen;
    for (int page = 0; page < 5; ++page) {
        const auto rows = settings.auditLog(f);
        KEDAI_VERIFY_OK(rows);
        if (rows->isEmpty())
            break;
        QVERIFY(rows->size() <= 3);
        for (const AuditEntry &e : *rows)
            seen << e.entity;
        f.beforeId = rows->constLast().id;
    }
    QCOMPARE(seen, QStringList({"product:P6", "product:P5", "product:P4", "product:P3", "product:P2", "product:P1",
                                "product:P0"}));
}

QTEST_GUILESS_MAIN(TestStaff)
#include "tst_staff.moc"
