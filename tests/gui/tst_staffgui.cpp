// Sign-in, accounts, the idle lock and the Audit panel on a real engine (demo shop, SQLite in a
// temporary dir, no account yet): the first run creates the owner, the sign-in dialog explains
// a wrong password, the owner adds a staff account, the window locks itself when left alone
// and opens again with the password, and the audit trail shows who did what.
#include "common/config.h"
#include "engine/engine.h"
#include "gui/async.h"
#include "gui/dialogs/changepassworddialog.h"
#include "gui/dialogs/firstrundialog.h"
#include "gui/dialogs/lockdialog.h"
#include "gui/dialogs/passwordfields.h"
#include "gui/dialogs/signindialog.h"
#include "gui/dialogs/staffaccountsdialog.h"
#include "gui/idlelock.h"
#include "gui/mainwindow.h"
#include "gui/models/audittablemodel.h"
#include "gui/models/stafftablemodel.h"
#include "gui/panels/auditpanel.h"
#include "gui/session.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace kedai;

namespace {

const QString kOwnerPassword = QStringLiteral("toko-sari-2026");
const QString kRinaPassword = QStringLiteral("rina-kasir-01");

template<typename T>
T await(QFuture<T> future)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, 20000))
        return T{};
    return future.result();
}

void typeInto(QLineEdit *edit, const QString &text)
{
    edit->clear();
    QTest::keyClicks(edit, text);
}

/// Rows of the audit model as "actor action".
QStringList auditRows(const gui::AuditTableModel *model)
{
    QStringList rows;
    for (int row = 0; row < model->rowCount(); ++row)
        rows << model->entry(row).actor + QLatin1Char(' ') + model->entry(row).action;
    return rows;
}

} // namespace

class TestStaffGui : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void firstRunCreatesTheOwner();
    void signInExplainsAWrongPassword();
    void staffAccountsAddsAStaffUser();
    void ownPasswordChange();
    void idleLockLocksAndUnlocks();
    void lockScreenSwitchesUser();
    void auditPanelListsAndFilters();
    void auditPanelNeedsManager();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<engine::Engine> m_engine;
    std::unique_ptr<gui::Session> m_session; ///< the owner, once signed in
    qint64 m_rinaId = 0;
};

void TestStaffGui::initTestCase()
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
    QCOMPARE(*await(m_engine->staffAccountCount()), 0);
}

void TestStaffGui::cleanupTestCase()
{
    if (m_engine)
        m_engine->stop();
    gui::drainPendingResults();
    m_engine.reset();
}

void TestStaffGui::firstRunCreatesTheOwner()
{
    gui::FirstRunDialog dialog(m_engine.get());
    dialog.open();
    QCOMPARE(dialog.usernameEdit()->text(), QStringLiteral("owner"));
    typeInto(dialog.displayNameEdit(), QStringLiteral("Ibu Sari"));
    typeInto(dialog.passwordFields()->passwordEdit(), QStringLiteral("short"));
    QVERIFY(!dialog.createButton()->isEnabled());
    QVERIFY(dialog.passwordFields()->hintLabel()->text().contains(QStringLiteral("8")));
    typeInto(dialog.passwordFields()->passwordEdit(), kOwnerPassword);
    typeInto(dialog.passwordFields()->repeatEdit(), kOwnerPassword + QStringLiteral("x"));
    QVERIFY(!dialog.createButton()->isEnabled()); // the two differ
    QVERIFY(dialog.passwordFields()->hintLabel()->text().contains(QStringLiteral("not the same")));
    typeInto(dialog.passwordFields()->repeatEdit(), kOwnerPassword);
    QVERIFY(dialog.createButton()->isEnabled());

    QTest::mouseClick(dialog.createButton(), Qt::LeftButton);
    QVERIFY(dialog.isBusy()); // Argon2id runs on a worker; the dialog waits without freezing
    QVERIFY(!dialog.usernameEdit()->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 20000);
    QCOMPARE(dialog.user().username, QStringLiteral("owner"));
    QCOMPARE(dialog.user().displayName, QStringLiteral("Ibu Sari"));
    QCOMPARE(dialog.user().role, domain::StaffRole::Owner);
    QCOMPARE(*await(m_engine->staffAccountCount()), 1);
}

void TestStaffGui::signInExplainsAWrongPassword()
{
    gui::SignInDialog dialog(m_engine.get());
    dialog.open();
    QVERIFY(!dialog.signInButton()->isEnabled());
    typeInto(dialog.usernameEdit(), QStringLiteral("Owner"));
    typeInto(dialog.passwordEdit(), QStringLiteral("not-the-password"));
    QTest::mouseClick(dialog.signInButton(), Qt::LeftButton);
    QVERIFY(dialog.isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), 20000);
    QVERIFY(dialog.errorLabel()->isVisible());
    QVERIFY2(dialog.errorLabel()->text().contains(QStringLiteral("Wrong username or password")),
             qPrintable(dialog.errorLabel()->text()));
    QVERIFY(dialog.isVisible());

    typeInto(dialog.passwordEdit(), kOwnerPassword);
    QTest::keyClick(dialog.passwordEdit(), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 20000);
    QCOMPARE(dialog.user().username, QStringLiteral("owner"));
    m_session = std::make_unique<gui::Session>(dialog.user());
    QVERIFY(m_session->can(domain::Permission::ManageStaff));
}

void TestStaffGui::staffAccountsAddsAStaffUser()
{
    QVERIFY(m_session);
    gui::StaffAccountsDialog dialog(m_engine.get(), m_session.get());
    QAbstractItemModelTester tester(dialog.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    dialog.open();
    QTRY_VERIFY(dialog.hasLoaded());
    QCOMPARE(dialog.model()->rowCount(), 1);

    QTest::mouseClick(dialog.newButton(), Qt::LeftButton);
    typeInto(dialog.usernameEdit(), QStringLiteral("rina"));
    typeInto(dialog.displayNameEdit(), QStringLiteral("Rina"));
    dialog.setRole(domain::StaffRole::Staff);
    typeInto(dialog.passwordFields()->passwordEdit(), kRinaPassword);
    typeInto(dialog.passwordFields()->repeatEdit(), kRinaPassword);
    QVERIFY(dialog.saveButton()->isEnabled());
    QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog.model()->rowCount(), 2, 20000);
    const int row = dialog.model()->index(0, 0).data().toString() == QStringLiteral("owner") ? 1 : 0;
    const domain::StaffUser rina = dialog.model()->user(row);
    QCOMPARE(rina.username, QStringLiteral("rina"));
    QCOMPARE(rina.role, domain::StaffRole::Staff);
    QCOMPARE(dialog.model()->index(row, gui::StaffTableModel::RoleColumn).data().toString(), QStringLiteral("Staff"));
    m_rinaId = rina.id;
    QVERIFY(!dialog.errorLabel()->isVisible());

    // The same name again is explained.
    QTest::mouseClick(dialog.newButton(), Qt::LeftButton);
    typeInto(dialog.usernameEdit(), QStringLiteral("RINA"));
    typeInto(dialog.passwordFields()->passwordEdit(), kRinaPassword);
    typeInto(dialog.passwordFields()->repeatEdit(), kRinaPassword);
    QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.errorLabel()->isVisible(), 20000);
    QVERIFY2(dialog.errorLabel()->text().contains(QStringLiteral("is taken")), qPrintable(dialog.errorLabel()->text()));

    // The only owner cannot demote themselves.
    QTRY_VERIFY(!dialog.isBusy());
    QVERIFY(dialog.selectUser(m_session->user().id));
    dialog.setRole(domain::StaffRole::Manager);
    QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), 20000);
    QVERIFY2(dialog.errorLabel()->text().contains(QStringLiteral("only owner")),
             qPrintable(dialog.errorLabel()->text()));
    QCOMPARE(m_session->role(), domain::StaffRole::Owner);

    // The owner sets Rina's password.
    QVERIFY(dialog.selectUser(m_rinaId));
    auto *set = dialog.openSetPassword();
    QVERIFY(set);
    QVERIFY(set->currentPasswordEdit()->isHidden());
    typeInto(set->passwordFields()->passwordEdit(), kRinaPassword + QStringLiteral("!"));
    typeInto(set->passwordFields()->repeatEdit(), kRinaPassword + QStringLiteral("!"));
    QTest::mouseClick(set->saveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.statusLabel()->text().contains(QStringLiteral("password was changed")), 20000);
    QVERIFY(await(m_engine->login(QStringLiteral("rina"), kRinaPassword + QStringLiteral("!"))).ok());
}

void TestStaffGui::ownPasswordChange()
{
    auto rina = await(m_engine->login(QStringLiteral("rina"), kRinaPassword + QStringLiteral("!")));
    QVERIFY(rina.ok());
    gui::Session session(rina.value());
    gui::ChangePasswordDialog dialog(m_engine.get(), &session, session.user());
    dialog.open();
    QVERIFY(!dialog.currentPasswordEdit()->isHidden());
    typeInto(dialog.currentPasswordEdit(), QStringLiteral("wrong-current"));
    typeInto(dialog.passwordFields()->passwordEdit(), kRinaPassword);
    typeInto(dialog.passwordFields()->repeatEdit(), kRinaPassword);
    QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.errorLabel()->isVisible(), 20000);
    QVERIFY(dialog.errorLabel()->text().contains(QStringLiteral("current password is wrong")));
    typeInto(dialog.currentPasswordEdit(), kRinaPassword + QStringLiteral("!"));
    QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 20000);
    QVERIFY(await(m_engine->login(QStringLiteral("rina"), kRinaPassword)).ok());
}

void TestStaffGui::idleLockLocksAndUnlocks()
{
    QVERIFY(m_session);
    gui::Session session(m_session->user());
    gui::MainWindow window(m_engine.get(), &session);
    gui::IdleLock *lock = window.idleLock(); // started by the window with the shop setting
    QSignalSpy locked(lock, &gui::IdleLock::locked);
    QSignalSpy unlocked(lock, &gui::IdleLock::unlocked);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.centralWidget()->isVisible());
    QVERIFY(lock);
    lock->setTimeoutMs(1000);
    QTest::qWait(400);
    QVERIFY(!lock->isLocked());
    QTRY_VERIFY_WITH_TIMEOUT(lock->isLocked(), 5000);
    QCOMPARE(locked.count(), 1);
    QVERIFY(!window.centralWidget()->isVisible());
    gui::LockDialog *dialog = lock->lockDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->windowModality(), Qt::WindowModal);
    dialog->reject(); // Escape does not open the window
    QVERIFY(dialog->isVisible());

    typeInto(dialog->passwordEdit(), QStringLiteral("guess-guess"));
    QTest::mouseClick(dialog->unlockButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->errorLabel()->isVisible(), 20000);
    QVERIFY(lock->isLocked());
    QVERIFY(!window.centralWidget()->isVisible());

    typeInto(dialog->passwordEdit(), kOwnerPassword);
    QTest::mouseClick(dialog->unlockButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(unlocked.count(), 1, 20000);
    QVERIFY(!lock->isLocked());
    QVERIFY(window.centralWidget()->isVisible());
    QCOMPARE(session.user().username, QStringLiteral("owner"));
    lock->setTimeoutMs(0); // never: nothing locks while the window is closed
    QTest::qWait(1200);
    QVERIFY(!lock->isLocked());
}

void TestStaffGui::lockScreenSwitchesUser()
{
    QVERIFY(m_session);
    gui::Session session(m_session->user());
    QSignalSpy changed(&session, &gui::Session::changed);
    gui::MainWindow window(m_engine.get(), &session);
    gui::IdleLock &lock = *window.idleLock();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    lock.setTimeoutMs(0);
    lock.lockNow();
    QVERIFY(lock.isLocked());
    gui::LockDialog *dialog = lock.lockDialog();
    QVERIFY(dialog);
    QVERIFY(!dialog->usernameEdit()->isEnabled());
    QTest::mouseClick(dialog->switchUserButton(), Qt::LeftButton);
    QVERIFY(dialog->usernameEdit()->isEnabled());
    typeInto(dialog->usernameEdit(), QStringLiteral("rina"));
    typeInto(dialog->passwordEdit(), kRinaPassword);
    QTest::mouseClick(dialog->unlockButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!lock.isLocked(), 20000);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(session.user().username, QStringLiteral("rina"));
    QCOMPARE(session.actor(), QStringLiteral("staff:rina"));
    QVERIFY(!session.can(domain::Permission::ViewAudit));
}

void TestStaffGui::auditPanelListsAndFilters()
{
    QVERIFY(m_session);
    const auto customers = await(m_engine->customers(QStringLiteral("628111000001")));
    QVERIFY(customers.ok() && !customers->isEmpty());
    const qint64 customerId = customers->first().id;
    QVERIFY(await(m_engine->adjustSaldo(customerId, 10'000, QStringLiteral("Bonus Lebaran"), m_session->actor())).ok());

    gui::AuditPanel panel(m_engine.get(), m_session.get());
    QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QTRY_VERIFY(panel.model()->hasLoaded());
    QTRY_VERIFY(panel.facetsLoaded());
    QVERIFY(panel.model()->loadError().isEmpty());
    QStringList rows = auditRows(panel.model());
    QVERIFY2(rows.contains(QStringLiteral("staff:owner staff.login")), qPrintable(rows.join(u'\n')));
    QVERIFY2(rows.contains(QStringLiteral("staff:owner ledger.post")), qPrintable(rows.join(u'\n')));
    QVERIFY(rows.contains(QStringLiteral("staff:rina staff.login")));
    // Friendly names, the raw action in the tooltip.
    const int ledgerRow = int(rows.indexOf(QStringLiteral("staff:owner ledger.post")));
    const QAbstractItemModel *m = panel.model();
    QCOMPARE(m->index(ledgerRow, gui::AuditTableModel::ActionColumn).data().toString(),
             QStringLiteral("Saldo changed"));
    QCOMPARE(m->index(ledgerRow, gui::AuditTableModel::ActorColumn).data().toString(), QStringLiteral("owner"));
    QVERIFY(
        m->index(ledgerRow, gui::AuditTableModel::ChangeColumn).data().toString().contains(QStringLiteral("10000")));
    // No password hash anywhere.
    for (int row = 0; row < m->rowCount(); ++row)
        QVERIFY(
            !m->index(row, gui::AuditTableModel::ChangeColumn).data().toString().contains(QStringLiteral("argon2")));
    panel.view()->selectRow(ledgerRow);
    const QString detail = panel.detailView()->toPlainText();
    QVERIFY2(detail.contains(QStringLiteral("\"delta\": 10000")), qPrintable(detail));
    QVERIFY(detail.contains(QStringLiteral("staff:owner")));

    // Who.
    QVERIFY(gui::AuditPanel::selectData(panel.actorCombo(), QStringLiteral("staff:rina")));
    QTRY_VERIFY(panel.model()->hasLoaded() && panel.model()->rowCount() > 0
                && !auditRows(panel.model()).join(u'\n').contains(QStringLiteral("staff:owner")));
    for (const QString &r : auditRows(panel.model()))
        QVERIFY2(r.startsWith(QStringLiteral("staff:rina ")), qPrintable(r));
    // What (a kind of action), together with who = everyone.
    QVERIFY(gui::AuditPanel::selectData(panel.actorCombo(), QString()));
    QVERIFY(gui::AuditPanel::selectData(panel.actionCombo(), QStringLiteral("ledger.")));
    const auto onlyLedger = [&] {
        const QStringList shown = auditRows(panel.model());
        return !panel.model()->isFetching() && shown.contains(QStringLiteral("staff:owner ledger.post"))
               && shown.filter(QStringLiteral(" ledger.post")).size() == shown.size();
    };
    QTRY_VERIFY(onlyLedger());
    QTest::qWait(200); // and it stays so (no late answer of an older filter)
    QVERIFY2(onlyLedger(), qPrintable(auditRows(panel.model()).join(u'\n')));
    const int before = panel.model()->rowCount();

    // Live: a new change appears at the top without pressing anything.
    QVERIFY(await(m_engine->adjustSaldo(customerId, -5'000, QStringLiteral("Koreksi"), m_session->actor())).ok());
    QTRY_COMPARE_WITH_TIMEOUT(panel.model()->rowCount(), before + 1, 10000);
    QVERIFY(panel.model()->entry(0).after.contains(QStringLiteral("-5000")));

    // Text, then paging: two rows a page, the rest as the view asks for more.
    QVERIFY(gui::AuditPanel::selectData(panel.actionCombo(), QString()));
    typeInto(panel.searchEdit(), QStringLiteral("-5000"));
    QTRY_COMPARE(panel.model()->rowCount(), 1);
    panel.searchEdit()->clear();
    panel.model()->setPageSize(2);
    panel.reload();
    // The view has room for more than two rows, so it asks for the next pages by itself.
    QTRY_VERIFY(panel.model()->rowCount() >= 6);
    for (int row = 1; row < panel.model()->rowCount(); ++row)
        QVERIFY2(panel.model()->entry(row - 1).id > panel.model()->entry(row).id, // no repeat
                 qPrintable(QStringLiteral("row %1: %2 after %3")
                                .arg(row)
                                .arg(panel.model()->entry(row).id)
                                .arg(panel.model()->entry(row - 1).id)));
}

void TestStaffGui::auditPanelNeedsManager()
{
    auto rina = await(m_engine->login(QStringLiteral("rina"), kRinaPassword));
    QVERIFY(rina.ok());
    gui::Session session(rina.value());
    gui::AuditPanel panel(m_engine.get(), &session);
    panel.show();
    QVERIFY(panel.messageLabel()->isVisible());
    QVERIFY(!panel.view()->isVisible());
    QCOMPARE(panel.model()->rowCount(), 0);
    auto owner = m_session->user();
    session.switchUser(owner);
    QVERIFY(panel.view()->isVisible());
    QTRY_VERIFY(panel.model()->rowCount() > 0);
}

QTEST_MAIN(TestStaffGui)
#include "tst_staffgui.moc"
