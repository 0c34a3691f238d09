// What each desktop role may do (issue 6): staff handle stock, orders and resends; managers also
// prices, refunds and saldo; the owner also settings, accounts and backups.
#include "domain/staff.h"

#include <QTest>

using namespace kedai::domain;

Q_DECLARE_METATYPE(kedai::domain::StaffRole)
Q_DECLARE_METATYPE(kedai::domain::Permission)

class TestStaffRoles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roleAllows_data();
    void roleAllows();
    void roleNamesRoundTrip();
    void usernames_data();
    void usernames();
    void actor();
};

void TestStaffRoles::roleAllows_data()
{
    QTest::addColumn<StaffRole>("role");
    QTest::addColumn<Permission>("permission");
    QTest::addColumn<bool>("allowed");
    struct Row
    {
        const char *name;
        Permission permission;
        bool staff, manager, owner;
    };
    const Row rows[] = {
        {"manage stock", Permission::ManageStock, true, true, true},
        {"resend delivery", Permission::ResendDelivery, true, true, true},
        {"reply to customers", Permission::ReplyToCustomers, true, true, true},
        {"edit products and prices", Permission::EditProducts, false, true, true},
        {"reveal items", Permission::RevealItems, false, true, true},
        {"refund", Permission::Refund, false, true, true},
        {"adjust saldo", Permission::AdjustSaldo, false, true, true},
        {"manage customers", Permission::ManageCustomers, false, true, true},
        {"confirm payments", Permission::ConfirmPayments, false, true, true},
        {"view audit", Permission::ViewAudit, false, true, true},
        {"edit settings", Permission::EditSettings, false, false, true},
        {"manage staff", Permission::ManageStaff, false, false, true},
        {"backups", Permission::Backups, false, false, true},
    };
    for (const Row &r : rows) {
        QTest::addRow("staff: %s", r.name) << StaffRole::Staff << r.permission << r.staff;
        QTest::addRow("manager: %s", r.name) << StaffRole::Manager << r.permission << r.manager;
        QTest::addRow("owner: %s", r.name) << StaffRole::Owner << r.permission << r.owner;
    }
}

void TestStaffRoles::roleAllows()
{
    QFETCH(StaffRole, role);
    QFETCH(Permission, permission);
    QFETCH(bool, allowed);
    QCOMPARE(kedai::domain::roleAllows(role, permission), allowed);
}

void TestStaffRoles::roleNamesRoundTrip()
{
    for (const StaffRole role : {StaffRole::Staff, StaffRole::Manager, StaffRole::Owner})
        QCOMPARE(parseStaffRole(staffRoleName(role)), std::optional<StaffRole>(role));
    QCOMPARE(parseStaffRole(" Manager "), std::optional<StaffRole>(StaffRole::Manager));
    QVERIFY(!parseStaffRole("admin"));
    QVERIFY(!parseStaffRole(""));
}

void TestStaffRoles::usernames_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("stored");
    QTest::newRow("plain") << "rina"
                           << "rina";
    QTest::newRow("upper case and spaces") << "  Rina.S "
                                           << "rina.s";
    QTest::newRow("digits, dash, underscore") << "kasir_2-b"
                                              << "kasir_2-b";
    QTest::newRow("too short") << "ab"
                               << "";
    QTest::newRow("too long") << QString(33, QLatin1Char('a')) << "";
    QTest::newRow("32 is fine") << QString(32, QLatin1Char('a')) << QString(32, QLatin1Char('a'));
    QTest::newRow("inner space") << "rina s"
                                 << "";
    QTest::newRow("colon") << "staff:rina"
                           << "";
    QTest::newRow("accent") << QString::fromUtf8("réné") << "";
}

void TestStaffRoles::usernames()
{
    QFETCH(QString, text);
    QFETCH(QString, stored);
    QCOMPARE(normalizedUsername(text), stored);
}

void TestStaffRoles::actor()
{
    QCOMPARE(staffActor("rina"), QStringLiteral("staff:rina"));
}

QTEST_GUILESS_MAIN(TestStaffRoles)
#include "tst_staffroles.moc"
