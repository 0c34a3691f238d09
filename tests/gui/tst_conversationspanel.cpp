// The Conversations tab and the merge dialog of the real MainWindow on a real engine (demo shop,
// SQLite in a temporary dir, the simulator channel): staff see customers' chats live, take over
// with a reply that pauses the bot, resume it, and merge two customers who are one person.
#include "common/config.h"
#include "common/money.h"
#include "engine/engine.h"
#include "gui/async.h"
#include "gui/dialogs/mergecustomersdialog.h"
#include "gui/mainwindow.h"
#include "gui/models/conversationlistmodel.h"
#include "gui/models/conversationmessagemodel.h"
#include "gui/models/customertablemodel.h"
#include "gui/panels/conversationspanel.h"
#include "gui/panels/customerspanel.h"
#include "support/guisession.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>
#include <vector>

using namespace kedai;

namespace {

template<typename T>
T await(QFuture<T> future)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, 10000))
        return T{};
    return future.result();
}

} // namespace

class TestConversationsPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void modelsPassTheTester();
    void messageStatusesAreShown_data();
    void messageStatusesAreShown();
    void customerMessageShowsLive();
    void staffReplyPausesTheBot();
    void resumeClearsThePause();
    void pauseSettingIsChecked();
    void mergeThroughTheDialog();

private:
    std::optional<domain::Customer> customerByPhone(const QString &phone);
    /// The simulated customer writes; returns them once the panel lists them.
    std::optional<domain::Customer> customerWrites(const QString &phone, const QString &name, const QString &text);

    QTemporaryDir m_dir;
    std::unique_ptr<engine::Engine> m_engine;
    std::unique_ptr<gui::Session> m_session;
    std::unique_ptr<gui::MainWindow> m_window;
    gui::ConversationsPanel *m_panel = nullptr;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_liveTesters;
};

void TestConversationsPanel::initTestCase()
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

    m_session = test::signIn(m_engine.get());
    QVERIFY(m_session);
    m_window = std::make_unique<gui::MainWindow>(m_engine.get(), m_session.get());
    m_panel = m_window->findChild<gui::ConversationsPanel *>(QStringLiteral("conversationsPanel"));
    QVERIFY(m_panel);
    for (QAbstractItemModel *model :
         std::initializer_list<QAbstractItemModel *>{m_panel->listModel(), m_panel->messageModel()}) {
        m_liveTesters.push_back(
            std::make_unique<QAbstractItemModelTester>(model, QAbstractItemModelTester::FailureReportingMode::QtTest));
    }
    m_window->show();
    m_window->findChild<QTabWidget *>(QStringLiteral("tabs"))->setCurrentWidget(m_panel);
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY(m_panel->hasLoaded());
}

void TestConversationsPanel::cleanupTestCase()
{
    m_liveTesters.clear();
    m_window.reset();
    if (m_engine)
        m_engine->stop();
    gui::drainPendingResults();
    m_engine.reset();
}

std::optional<domain::Customer> TestConversationsPanel::customerByPhone(const QString &phone)
{
    const auto list = await(m_engine->customers(phone));
    if (!list)
        return std::nullopt;
    for (const domain::Customer &c : list.value()) {
        if (c.phone == phone)
            return c;
    }
    return std::nullopt;
}

std::optional<domain::Customer> TestConversationsPanel::customerWrites(const QString &phone, const QString &name,
                                                                       const QString &text)
{
    const auto sent = await(m_engine->simulateMessage(phone, name, text));
    if (!sent)
        return std::nullopt;
    std::optional<domain::Customer> customer;
    if (!QTest::qWaitFor([&] { return (customer = customerByPhone(phone)).has_value(); }, 10000))
        return std::nullopt;
    if (!QTest::qWaitFor([&] { return m_panel->listModel()->rowOfCustomer(customer->id) >= 0; }, 10000))
        return std::nullopt;
    return customer;
}

void TestConversationsPanel::modelsPassTheTester()
{
    gui::ConversationListModel list;
    QAbstractItemModelTester listTester(&list, QAbstractItemModelTester::FailureReportingMode::QtTest);
    store::ConversationSummary a;
    a.customerId = 1;
    a.name = "Budi";
    a.phone = "628111";
    a.lastText = "halo";
    a.lastAt = QDateTime::currentDateTimeUtc();
    a.unanswered = 2;
    a.botPausedUntil = QDateTime::currentDateTimeUtc().addSecs(600);
    store::ConversationSummary b = a;
    b.customerId = 2;
    b.name.clear();
    list.setConversations({a, b});
    QCOMPARE(list.rowCount(), 2);
    QVERIFY(list.data(list.index(0), Qt::DisplayRole).toString().contains("Budi (628111)"));
    QVERIFY(list.data(list.index(0), gui::ConversationListModel::PausedRole).toBool());
    QCOMPARE(list.data(list.index(1), gui::ConversationListModel::UnansweredRole).toInt(), 2);
    list.setConversations({b});
    list.setNow(QDateTime::currentDateTimeUtc().addSecs(3600));
    QVERIFY(!list.data(list.index(0), gui::ConversationListModel::PausedRole).toBool());
    list.setConversations({});
    QCOMPARE(list.rowCount(), 0);

    gui::ConversationMessageModel messages;
    QAbstractItemModelTester messageTester(&messages, QAbstractItemModelTester::FailureReportingMode::QtTest);
    store::ConversationMessage in;
    in.id = 1;
    in.text = "halo";
    store::ConversationMessage out;
    out.id = 1;
    out.outbound = true;
    out.text = "Halo kak";
    out.status = "pending";
    messages.setMessages(7, {in});
    messages.setMessages(7, {in, out}); // appended
    QCOMPARE(messages.rowCount(), 2);
    out.status = "sent";
    messages.setMessages(7, {in, out}); // updated in place
    QCOMPARE(messages.data(messages.index(1), gui::ConversationMessageModel::StatusRole).toString(),
             gui::ConversationMessageModel::tr("Sent"));
    QCOMPARE(messages.data(messages.index(1), Qt::TextAlignmentRole).toInt() & Qt::AlignRight, int(Qt::AlignRight));
    messages.setMessages(8, {out}); // another customer
    QCOMPARE(messages.rowCount(), 1);
    messages.clear();
    QCOMPARE(messages.rowCount(), 0);
}

void TestConversationsPanel::messageStatusesAreShown_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("delivery");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("shown");
    QTest::newRow("waiting") << "pending"
                             << ""
                             << ""
                             << "Waiting to be sent";
    QTest::newRow("sending") << "sending"
                             << ""
                             << ""
                             << "Sending";
    QTest::newRow("sent") << "sent"
                          << ""
                          << ""
                          << "Sent";
    QTest::newRow("delivered") << "sent"
                               << "delivered"
                               << ""
                               << "Delivered";
    QTest::newRow("read") << "sent"
                          << "read"
                          << ""
                          << "Read";
    QTest::newRow("failed") << "failed"
                            << ""
                            << "Re-engagement window closed"
                            << "Failed: Re-engagement window closed";
    QTest::newRow("failed on delivery") << "sent"
                                        << "failed"
                                        << ""
                                        << "Failed";
}

void TestConversationsPanel::messageStatusesAreShown()
{
    QFETCH(QString, status);
    QFETCH(QString, delivery);
    QFETCH(QString, error);
    QFETCH(QString, shown);
    store::ConversationMessage m;
    m.outbound = true;
    m.status = status;
    m.delivery = delivery;
    m.lastError = error;
    m.sentBy = "staff:Ani";
    QCOMPARE(gui::ConversationMessageModel::status(m), shown);
    QCOMPARE(gui::ConversationMessageModel::sender(m), QStringLiteral("Staff Ani"));
}

void TestConversationsPanel::customerMessageShowsLive()
{
    const auto budi = customerWrites("628111000101", "Budi", "halo kak");
    QVERIFY(budi);
    QVERIFY(m_panel->selectCustomer(budi->id));
    QCOMPARE(m_panel->selectedCustomerId(), budi->id);
    gui::ConversationMessageModel *thread = m_panel->messageModel();
    QTRY_VERIFY(thread->rowCount() >= 1);
    QCOMPARE(thread->message(0).text, QStringLiteral("halo kak"));
    QVERIFY(!thread->message(0).outbound);
    // The bot's answer appears without anyone reloading.
    QTRY_VERIFY_WITH_TIMEOUT(thread->rowCount() >= 2 && thread->message(thread->rowCount() - 1).outbound, 10000);
    QCOMPARE(thread->message(thread->rowCount() - 1).sentBy, QString());
    // And the next message too.
    QVERIFY(await(m_engine->simulateMessage("628111000101", "Budi", "saldo")));
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int row = 0; row < thread->rowCount(); ++row) {
                if (!thread->message(row).outbound && thread->message(row).text == "saldo")
                    return true;
            }
            return false;
        }(),
        10000);
}

void TestConversationsPanel::staffReplyPausesTheBot()
{
    const auto budi = customerByPhone("628111000101");
    QVERIFY(budi);
    QVERIFY(m_panel->selectCustomer(budi->id));
    QVERIFY(m_panel->findChild<QLabel *>("pauseNoteLabel")->text().contains("30"));
    QVERIFY(!m_panel->sendButton()->isEnabled()); // nothing typed
    m_panel->replyEdit()->setFocus();
    QTest::keyClicks(m_panel->replyEdit(), "Sebentar ya kak, saya cek dulu");
    QVERIFY(m_panel->sendButton()->isEnabled());
    QTest::keyClick(m_panel->replyEdit(), Qt::Key_Return, Qt::ControlModifier);

    QTRY_VERIFY(m_panel->replyEdit()->toPlainText().isEmpty());
    const auto thread = await(m_engine->conversationMessages(budi->id));
    QVERIFY(thread);
    const store::ConversationMessage &last = thread->last();
    QVERIFY(last.outbound);
    QCOMPARE(last.text, QStringLiteral("Sebentar ya kak, saya cek dulu"));
    QCOMPARE(last.sentBy, m_session->actor());
    QCOMPARE(last.channel, QStringLiteral("simulator"));
    QCOMPARE(last.peer, QStringLiteral("628111000101"));

    const auto paused = customerByPhone("628111000101");
    QVERIFY(paused);
    QVERIFY(paused->botPausedUntil.isValid());
    const qint64 minutes = QDateTime::currentDateTimeUtc().secsTo(paused->botPausedUntil) / 60;
    QVERIFY2(minutes >= 28 && minutes <= 30, qPrintable(QString::number(minutes)));

    // The panel shows the staff reply, labelled, and the pause.
    gui::ConversationMessageModel *model = m_panel->messageModel();
    QTRY_VERIFY(model->rowCount() > 0 && model->message(model->rowCount() - 1).sentBy == m_session->actor());
    QVERIFY(model->data(model->index(model->rowCount() - 1), Qt::DisplayRole).toString().contains("Staff owner"));
    QTRY_VERIFY(!m_panel->pauseLabel()->text().isEmpty());
    QVERIFY(m_panel->resumeButton()->isVisible());
    const int row = m_panel->listModel()->rowOfCustomer(budi->id);
    QVERIFY(row >= 0);
    QVERIFY(
        m_panel->listModel()->data(m_panel->listModel()->index(row), gui::ConversationListModel::PausedRole).toBool());
    // The simulator channel "sends" it: the status follows.
    QTRY_VERIFY_WITH_TIMEOUT(model->message(model->rowCount() - 1).status == "sent", 10000);
}

void TestConversationsPanel::resumeClearsThePause()
{
    const auto budi = customerByPhone("628111000101");
    QVERIFY(budi && budi->botPausedUntil.isValid());
    QVERIFY(m_panel->selectCustomer(budi->id));
    QTRY_VERIFY(m_panel->resumeButton()->isVisible() && m_panel->resumeButton()->isEnabled());
    QTest::mouseClick(m_panel->resumeButton(), Qt::LeftButton);
    QTRY_VERIFY(!customerByPhone("628111000101")->botPausedUntil.isValid());
    QTRY_VERIFY(m_panel->pauseLabel()->text().isEmpty());
    QTRY_VERIFY(!m_panel->resumeButton()->isVisible());
}

void TestConversationsPanel::pauseSettingIsChecked()
{
    for (const char *bad : {"-1", "1441", "abc", "2.5"}) {
        const auto refused = await(m_engine->setSetting("bot_pause_min", QString::fromLatin1(bad), m_session->actor()));
        QVERIFY2(!refused, bad);
        QCOMPARE(refused.error().code, QStringLiteral("settings.bot_pause_min"));
    }
    QVERIFY(await(m_engine->setSetting("bot_pause_min", " 0 ", m_session->actor())));
    QCOMPARE(await(m_engine->setting("bot_pause_min")).value(), QStringLiteral("0"));
    // 0: a staff reply does not pause the bot.
    const auto siti = customerWrites("628111000102", "Siti", "halo");
    QVERIFY(siti);
    const auto reply = await(m_engine->sendStaffReply(siti->id, "hai", m_session->actor()));
    QVERIFY2(reply, reply ? "" : qPrintable(reply.error().message));
    QVERIFY(!reply->botPausedUntil.isValid());
    QVERIFY(!customerByPhone("628111000102")->botPausedUntil.isValid());
    QVERIFY(await(m_engine->setSetting("bot_pause_min", "30", m_session->actor())));
}

void TestConversationsPanel::mergeThroughTheDialog()
{
    const auto keep = customerWrites("628111000201", "Dewi", "halo");
    const auto old = customerWrites("628111000202", "Dewi (nomor lama)", "halo juga");
    QVERIFY(keep && old);
    QVERIFY(await(m_engine->adjustSaldo(keep->id, 10'000, "test", m_session->actor())));
    QVERIFY(await(m_engine->adjustSaldo(old->id, 25'000, "test", m_session->actor())));

    auto *tabs = m_window->findChild<QTabWidget *>(QStringLiteral("tabs"));
    gui::CustomersPanel *customers = m_window->customersPanel();
    tabs->setCurrentWidget(customers);
    QTRY_VERIFY(customers->hasLoaded() && customers->customerModel()->rowOfId(keep->id) >= 0);
    QVERIFY(customers->selectCustomer(keep->id));
    gui::MergeCustomersDialog *dialog = customers->mergeSelected();
    QVERIFY(dialog);
    QPointer<gui::MergeCustomersDialog> guard(dialog);
    QVERIFY(!dialog->mergeButton()->isEnabled());
    QTest::keyClicks(dialog->searchEdit(), "628111000202");
    QTRY_VERIFY(dialog->hasLoaded() && dialog->selectCandidate(old->id));
    QVERIFY(!dialog->keepOtherButton()->isChecked());
    QTRY_VERIFY(dialog->detailsLoaded());
    const QString from = dialog->findChild<QLabel *>("mergeFromLabel")->text();
    QVERIFY2(from.contains(common::formatRupiah(25'000)) && from.contains("simulator: 628111000202"), qPrintable(from));
    QVERIFY2(dialog->summaryLabel()->text().contains(common::formatRupiah(35'000)),
             qPrintable(dialog->summaryLabel()->text()));
    QVERIFY(!dialog->mergeButton()->isEnabled()); // not confirmed yet
    dialog->confirmBox()->setChecked(true);
    QVERIFY(dialog->mergeButton()->isEnabled());
    QTest::mouseClick(dialog->mergeButton(), Qt::LeftButton);
    QTRY_VERIFY(guard.isNull() || !guard->isVisible());

    const auto merged = customerByPhone("628111000201");
    QVERIFY(merged);
    QCOMPARE(merged->saldo, 35'000);
    const auto ledger = await(m_engine->ledger(keep->id));
    QVERIFY(ledger);
    common::Rupiah sum = 0;
    for (const auto &e : ledger.value())
        sum += e.delta;
    QCOMPARE(sum, 35'000);
    QVERIFY(!customerByPhone("628111000202")); // left the lists
    QTRY_VERIFY(customers->customerModel()->rowOfId(old->id) < 0);
    // Both chats are one conversation now.
    const auto thread = await(m_engine->conversationMessages(keep->id));
    QVERIFY(thread);
    QStringList peers;
    for (const auto &m : thread.value())
        peers << m.peer;
    QVERIFY(peers.contains("628111000201") && peers.contains("628111000202"));
    QTRY_VERIFY(m_panel->listModel()->rowOfCustomer(old->id) < 0);
    // A staff reply goes to the number the customer wrote from last: the old one.
    const auto reply = await(m_engine->sendStaffReply(keep->id, "nomor lama?", m_session->actor()));
    QVERIFY(reply);
    QCOMPARE(reply->recipient, QStringLiteral("628111000202"));
    // The merged one cannot be merged again.
    const auto again = await(m_engine->mergeCustomers(old->id, keep->id, m_session->actor()));
    QVERIFY(!again);
    QCOMPARE(again.error().code, QStringLiteral("customer.merged"));
}

QTEST_MAIN(TestConversationsPanel)
#include "tst_conversationspanel.moc"
