// The Customers panel on a real engine (demo shop, SQLite in a temporary dir, the simulator
// channel): search in the store, pages of a long list, tier, blocking with a confirmation (the
// bot then answers once), and what a staff account may not do (in the window and the Engine).
#include "common/config.h"
#include "engine/engine.h"
#include "gui/async.h"
#include "gui/models/customertablemodel.h"
#include "gui/models/ledgertablemodel.h"
#include "gui/panels/customerspanel.h"
#include "support/guisession.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>
#include <optional>
#include <vector>

using namespace kedai;
using test::waitFor;

namespace {

/// Answers the next modal message box (a confirmation) with `button`, once it is shown.
void answerNextMessageBox(QMessageBox::StandardButton button)
{
    auto *timer = new QTimer(qApp);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, button] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            timer->stop();
            timer->deleteLater();
            box->button(button)->click();
        }
    });
    timer->start(10);
}

} // namespace

class TestCustomersPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void searchRunsInTheStore();
    void longListsArriveInPages();
    void tierChange();
    void blockedCustomerIsAnsweredOnce();
    void staffCannotChangeSaldoOrBlock();

private:
    template<typename T>
    T *child(const char *name) const
    {
        return m_panel->findChild<T *>(QString::fromLatin1(name));
    }
    /// The simulated customer writes; returns them once the store has them.
    std::optional<domain::Customer> customerWrites(const QString &phone, const QString &name, const QString &text);
    std::optional<domain::Customer> byPhone(const QString &phone);
    /// (inbound, outbound) messages of the customer.
    QPair<int, int> messageCounts(qint64 customerId);
    bool selectAndWait(qint64 customerId);

    QTemporaryDir m_dir;
    std::unique_ptr<engine::Engine> m_engine;
    std::unique_ptr<gui::Session> m_session;
    std::unique_ptr<gui::CustomersPanel> m_panel;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
};

void TestCustomersPanel::initTestCase()
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
    m_session = test::signIn(m_engine.get(), domain::StaffRole::Manager);
    QVERIFY(m_session);
    m_panel = std::make_unique<gui::CustomersPanel>(m_engine.get(), m_session.get());
    for (QAbstractItemModel *model : std::initializer_list<QAbstractItemModel *>{
             m_panel->customerModel(), child<QTableView>("customersView")->model(), m_panel->ledgerModel()})
        m_testers.push_back(
            std::make_unique<QAbstractItemModelTester>(model, QAbstractItemModelTester::FailureReportingMode::QtTest));
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    QTRY_VERIFY(m_panel->hasLoaded());
}

void TestCustomersPanel::cleanupTestCase()
{
    m_testers.clear();
    m_panel.reset();
    if (m_engine)
        m_engine->stop();
    gui::drainPendingResults();
    m_engine.reset();
    QSqlDatabase::removeDatabase(QStringLiteral("tst-customers"));
}

std::optional<domain::Customer> TestCustomersPanel::byPhone(const QString &phone)
{
    const auto page = waitFor(m_engine->customersPage(phone, 0, 10));
    if (!page)
        return std::nullopt;
    for (const domain::Customer &c : page.value()) {
        if (c.phone == phone)
            return c;
    }
    return std::nullopt;
}

std::optional<domain::Customer> TestCustomersPanel::customerWrites(const QString &phone, const QString &name,
                                                                   const QString &text)
{
    if (!waitFor(m_engine->simulateMessage(phone, name, text)))
        return std::nullopt;
    std::optional<domain::Customer> customer;
    if (!QTest::qWaitFor([&] { return (customer = byPhone(phone)).has_value(); }, 10000))
        return std::nullopt;
    return customer;
}

QPair<int, int> TestCustomersPanel::messageCounts(qint64 customerId)
{
    const auto messages = waitFor(m_engine->conversationMessages(customerId));
    QPair<int, int> counts{0, 0};
    for (const auto &m : messages.value())
        ++(m.outbound ? counts.second : counts.first);
    return counts;
}

bool TestCustomersPanel::selectAndWait(qint64 customerId)
{
    return QTest::qWaitFor(
        [&] {
            if (m_panel->customerModel()->rowOfId(customerId) < 0)
                m_panel->reload();
            return m_panel->selectCustomer(customerId);
        },
        10000);
}

void TestCustomersPanel::searchRunsInTheStore()
{
    QVERIFY(customerWrites(QStringLiteral("628555000101"), QStringLiteral("Rara Cari"), QStringLiteral("halo")));
    QVERIFY(customerWrites(QStringLiteral("628555000102"), QStringLiteral("Rara Cari Dua"), QStringLiteral("halo")));
    gui::CustomerTableModel *model = m_panel->customerModel();
    child<QLineEdit>("searchEdit")->setText(QStringLiteral("rara cari"));
    QTRY_VERIFY(model->term() == QStringLiteral("rara cari") && !model->isFetching() && model->rowCount() == 2);
    for (int row = 0; row < model->rowCount(); ++row)
        QVERIFY(model->customer(row).name.startsWith(QLatin1String("Rara Cari")));
    // A local number finds the international one.
    child<QLineEdit>("searchEdit")->setText(QStringLiteral("0855-5000-102"));
    QTRY_VERIFY(!model->isFetching() && model->rowCount() == 1
                && model->customer(0).phone == QStringLiteral("628555000102"));
    child<QLineEdit>("searchEdit")->clear();
    QTRY_VERIFY(model->term().isEmpty() && !model->isFetching() && model->rowCount() >= 4);
}

void TestCustomersPanel::longListsArriveInPages()
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tst-customers"));
    db.setDatabaseName(m_dir.filePath(QStringLiteral("kedai.db")));
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    QVERIFY(db.open());
    QSqlQuery q(db);
    // saldo 0 and no ledger rows: saldo == sum(ledger) holds.
    QVERIFY2(q.exec(QStringLiteral(
                 "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) "
                 "INSERT INTO customers (phone, name, tier, saldo, blocked, created_at) "
                 "SELECT '62899' || (100000 + i), 'Bulk ' || i, 'bronze', 0, 0, '2026-11-21T00:00:00.000Z' FROM n")),
             qPrintable(q.lastError().text()));
    q.finish();

    gui::CustomerTableModel *model = m_panel->customerModel();
    const int total = int(waitFor(m_engine->customersPage({}, 0, 5000))->size());
    QVERIFY(total > 1000);
    QList<int> sizes; // rows after each page
    const auto connection = connect(model, &gui::CustomerTableModel::pageLoaded, this,
                                    [&] { sizes << model->rowCount(); });
    m_panel->reload();
    // The first answer is one page, newest first; the live tester then asks for every further
    // page (fetchMore) and checks each insertion as it arrives.
    QTRY_VERIFY(!sizes.isEmpty());
    QCOMPARE(sizes.first(), gui::CustomerTableModel::kPageSize);
    QCOMPARE(model->customer(0).phone, QStringLiteral("62899101000"));
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() == total && !model->hasMore(), 20000);
    disconnect(connection);
    QVERIFY(sizes.size() >= total / gui::CustomerTableModel::kPageSize);
    for (int row = 1; row < model->rowCount(); ++row)
        QVERIFY(model->customer(row - 1).id > model->customer(row).id);
}

void TestCustomersPanel::tierChange()
{
    const auto customer = customerWrites(QStringLiteral("628555000201"), QStringLiteral("Tier"), QStringLiteral("p"));
    QVERIFY(customer);
    QVERIFY(selectAndWait(customer->id));
    auto *tier = child<QComboBox>("tierCombo");
    tier->setCurrentIndex(tier->findData(int(domain::Tier::Gold)));
    QTest::mouseClick(child<QPushButton>("setTierButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(byPhone(customer->phone)->tier, domain::Tier::Gold, 10000);
    gui::CustomerTableModel *model = m_panel->customerModel();
    QTRY_COMPARE(model->customer(model->rowOfId(customer->id)).tier, domain::Tier::Gold);
}

void TestCustomersPanel::blockedCustomerIsAnsweredOnce()
{
    const auto customer = customerWrites(QStringLiteral("628555000301"), QStringLiteral("Diblokir"),
                                         QStringLiteral("halo"));
    QVERIFY(customer);
    QTRY_VERIFY(messageCounts(customer->id).second >= 1); // the bot answered the "halo"
    QVERIFY(selectAndWait(customer->id));
    auto *block = child<QPushButton>("blockButton");
    QVERIFY(block->isEnabled());

    answerNextMessageBox(QMessageBox::No);
    QTest::mouseClick(block, Qt::LeftButton);
    QTest::qWait(300);
    QVERIFY(!byPhone(customer->phone)->blocked);

    answerNextMessageBox(QMessageBox::Yes);
    QTest::mouseClick(block, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(byPhone(customer->phone)->blocked, 10000);
    gui::CustomerTableModel *model = m_panel->customerModel();
    QTRY_VERIFY(model->rowOfId(customer->id) >= 0 && model->customer(model->rowOfId(customer->id)).blocked);
    QTRY_VERIFY(block->text().remove(QLatin1Char('&')).startsWith(QLatin1String("Unblock")));

    const QPair<int, int> before = messageCounts(customer->id);
    for (const char *text : {"menu", "buy NF1 1", "halo??"})
        QVERIFY(
            waitFor(m_engine->simulateMessage(customer->phone, QStringLiteral("Diblokir"), QString::fromLatin1(text))));
    // Every message is kept for staff; the bot answers exactly once.
    QTRY_COMPARE_WITH_TIMEOUT(messageCounts(customer->id).first, before.first + 3, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(messageCounts(customer->id).second, before.second + 1, 10000);
    QTest::qWait(500);
    QCOMPARE(messageCounts(customer->id).second, before.second + 1);

    // Unblocked and blocked again: one more polite reply, no more.
    answerNextMessageBox(QMessageBox::Yes);
    QTest::mouseClick(block, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!byPhone(customer->phone)->blocked, 10000);
    QVERIFY(waitFor(m_engine->setBlocked(customer->id, true, m_session->actor())));
    const QPair<int, int> again = messageCounts(customer->id);
    for (const char *text : {"saldo", "stok"})
        QVERIFY(
            waitFor(m_engine->simulateMessage(customer->phone, QStringLiteral("Diblokir"), QString::fromLatin1(text))));
    QTRY_COMPARE_WITH_TIMEOUT(messageCounts(customer->id).first, again.first + 2, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(messageCounts(customer->id).second, again.second + 1, 10000);
    QTest::qWait(300);
    QCOMPARE(messageCounts(customer->id).second, again.second + 1);
}

void TestCustomersPanel::staffCannotChangeSaldoOrBlock()
{
    const auto customer = customerWrites(QStringLiteral("628555000401"), QStringLiteral("Staf"), QStringLiteral("p"));
    QVERIFY(customer);
    auto staff = test::signIn(m_engine.get(), domain::StaffRole::Staff);
    QVERIFY(staff);
    gui::CustomersPanel panel(m_engine.get(), staff.get());
    QTRY_VERIFY(panel.hasLoaded());
    QTRY_VERIFY(panel.selectCustomer(customer->id));
    for (const char *name : {"saldoButton", "setTierButton", "blockButton", "mergeButton"})
        QVERIFY2(!panel.findChild<QPushButton *>(QString::fromLatin1(name))->isEnabled(), name);
    QVERIFY(!panel.findChild<QComboBox *>(QStringLiteral("tierCombo"))->isEnabled());
    QVERIFY(!panel.mergeSelected());

    // The Engine refuses it too, whatever the window shows.
    const auto saldo = waitFor(m_engine->adjustSaldo(customer->id, 10'000, QStringLiteral("test"), staff->actor()));
    QVERIFY(!saldo);
    QCOMPARE(saldo.error().code, QStringLiteral("auth.forbidden"));
    const auto blocked = waitFor(m_engine->setBlocked(customer->id, true, staff->actor()));
    QVERIFY(!blocked);
    QCOMPARE(blocked.error().code, QStringLiteral("auth.forbidden"));
    const auto tier = waitFor(m_engine->setTier(customer->id, domain::Tier::Gold, staff->actor()));
    QVERIFY(!tier);
    QCOMPARE(tier.error().code, QStringLiteral("auth.forbidden"));
    const auto merged = waitFor(m_engine->mergeCustomers(customer->id, customer->id + 1, staff->actor()));
    QVERIFY(!merged);
    QCOMPARE(merged.error().code, QStringLiteral("auth.forbidden"));
    QCOMPARE(byPhone(customer->phone)->saldo, 0);
    QVERIFY(!byPhone(customer->phone)->blocked);

    // A manager may.
    const auto allowed = waitFor(
        m_engine->adjustSaldo(customer->id, 10'000, QStringLiteral("test"), m_session->actor()));
    QVERIFY2(allowed, allowed ? "" : qPrintable(allowed.error().message));
}

QTEST_MAIN(TestCustomersPanel)
#include "tst_customerspanel.moc"
