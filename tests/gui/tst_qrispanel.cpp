// The QRIS tab of the real MainWindow on a real engine (demo shop, SQLite in a temporary dir,
// HTTP on a free loopback port, a real static QRIS): what the owner sees must follow what
// customers and the shop's phone do.
#include "common/config.h"
#include "common/money.h"
#include "engine/engine.h"
#include "gui/async.h"
#include "gui/dialogs/assignnotificationdialog.h"
#include "gui/dialogs/confirmqrisdialog.h"
#include "gui/labels.h"
#include "gui/mainwindow.h"
#include "gui/models/notificationtablemodel.h"
#include "gui/models/qrispaymenttablemodel.h"
#include "gui/panels/qrispanel.h"
#include "gui/panels/qrissettingsform.h"
#include "gui/panels/qrissetupbox.h"
#include "gui/translations.h"
#include "payments/paymentapps.h"
#include "payments/qrissetup.h"
#include "support/guisession.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>
#include <vector>

using namespace kedai;

namespace {

// A real static QRIS (tests/fixtures/qris/qris_samples_parsed.json, "warung_sayur_dana").
const QString kStaticQris = QStringLiteral(
    "00020101021126570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215ID1020017611"
    "4730303UMI5204581253033605802ID5922Warung Sayur Bu Sugeng6010Kab. Demak610559567630458C7");
const QString kMerchant = QStringLiteral("Warung Sayur Bu Sugeng");
const QString kCity = QStringLiteral("Kab. Demak");
const QString kListenerKey = QStringLiteral("gui-test-listener-key-0001");

template<typename T>
T await(QFuture<T> future)
{
    // The engine finishes futures on its own threads; keep the GUI loop turning meanwhile.
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, 10000))
        return T{};
    return future.result();
}

/// "Rp 50.123" as a payment app writes it in its notification.
QByteArray gopayNotification(common::Rupiah amount)
{
    return QStringLiteral(R"({"packageName":"com.gojek.gopaymerchant","appName":"GoPay Merchant",)"
                          R"("title":"Pembayaran diterima","text":"Pembayaran QRIS %1 berhasil diterima"})")
        .arg(common::formatRupiah(amount))
        .toUtf8();
}

/// The codes the QRIS tab explains in the staff's language rather than with the engine's text.
QStringList explainedCodes()
{
    return {QStringLiteral("qris.empty"),
            QStringLiteral("qris.crc_mismatch"),
            QStringLiteral("qris.already_dynamic"),
            QStringLiteral("qris.malformed"),
            QStringLiteral("qris.not_ascii"),
            QStringLiteral("qris.truncated"),
            QStringLiteral("qris.missing_tag"),
            QStringLiteral("qris.bad_listener_key"),
            QStringLiteral("settings.qris_code_max"),
            QStringLiteral("settings.deposit_bonus"),
            QStringLiteral("settings.qris_apps"),
            QStringLiteral("qris.note_required"),
            QStringLiteral("qris.already_paid"),
            QStringLiteral("qris.not_found"),
            QStringLiteral("qris.notification_not_found"),
            QStringLiteral("qris.notification_resolved"),
            QStringLiteral("qris.notification_no_amount"),
            QStringLiteral("customer.not_found"),
            QStringLiteral("store.unavailable"),
            QStringLiteral("store.busy")};
}

domain::QrisPayment samplePayment(qint64 id, const QDateTime &expiresAt)
{
    domain::QrisPayment p;
    p.id = id;
    p.ref = QStringLiteral("KD%1").arg(id);
    p.customerPhone = QStringLiteral("628111000009");
    p.customerName = QStringLiteral("Sari");
    p.productCode = QStringLiteral("NF1");
    p.productName = QStringLiteral("Netflix 1 Bulan");
    p.qty = 2;
    p.amount = 50000;
    p.uniqueCode = 123;
    p.payable = 50123;
    p.createdAt = expiresAt.addSecs(-30 * 60);
    p.expiresAt = expiresAt;
    return p;
}

domain::PaymentNotificationRecord sampleNotification(qint64 id, domain::NotificationStatus status)
{
    domain::PaymentNotificationRecord n;
    n.id = id;
    n.packageName = QStringLiteral("com.gojek.gopaymerchant");
    n.appName = QStringLiteral("GoPay Merchant");
    n.title = QStringLiteral("Pembayaran diterima");
    n.text = QStringLiteral("Pembayaran QRIS Rp 50.123 berhasil diterima dari pelanggan setia toko kami, "
                            "terima kasih telah menggunakan GoPay Merchant untuk usaha Anda");
    n.amount = 50123;
    n.receivedAt = QDateTime::currentDateTimeUtc();
    n.status = status;
    n.paymentRef = status == domain::NotificationStatus::Matched ? QStringLiteral("KD1") : QString();
    n.repeats = 2;
    return n;
}

} // namespace

class TestQrisPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    // The panel's own logic: no QRIS backend needed.
    void countdownText_data();
    void countdownText();
    void countdownTicksFromLoadedExpiry();
    void notificationRowsShowTheFeed();
    void modelsPassTheTester();
    void panelLoadsWithoutBlocking();
    void errorsAreExplained_data();
    void errorsAreExplained();
    // Driven through the engine's QRIS backend.
    void setupShowsTheShopsQris();
    void malformedQrisIsRefused();
    void listenerKeyIsShownOnce();
    void turningQrisOffAsksFirst();
    void setupFollowsTheEngine();
    void shopSettingsAreSaved();
    void badBonusSavesNothing();
    void qrisOrderCountsDownAndIsMatched();
    void unmatchedMoneyIsCreditedToACustomer();
    void unmatchedMoneyIsAssignedToAnOrder();
    void confirmPaidNeedsANote();
    void refusalsAreInIndonesian(); // switches to Indonesian and back
    void statusesAreTranslated();   // last: switches the application to Indonesian

private:
    template<typename T>
    T *child(const char *name) const
    {
        return m_window->findChild<T *>(QString::fromLatin1(name));
    }
    /// A product the bot sells with stock left (the demo shop's catalog may change).
    std::optional<domain::Product> sellableProduct();
    /// A customer at `phone` asks the bot for a QRIS order; returns its pending payment.
    std::optional<domain::QrisPayment> startQrisOrder(const QString &phone);
    int feedRowOf(qint64 notificationId) const;
    /// The saved value of a shop setting, or "<error: …>".
    QString savedSetting(const QString &key);
    template<typename T>
    T *settingsChild(const char *name) const
    {
        return m_panel->setupBox()->settingsForm()->findChild<T *>(QString::fromLatin1(name));
    }

    QTemporaryDir m_dir;
    std::unique_ptr<engine::Engine> m_engine;
    std::unique_ptr<gui::Session> m_session;
    std::unique_ptr<gui::MainWindow> m_window;
    gui::QrisPanel *m_panel = nullptr;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_liveTesters;
};

void TestQrisPanel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    auto config = common::Config::load({{QStringLiteral("KEDAI_DATA_DIR"), m_dir.path()},
                                        {QStringLiteral("HTTP_ADDR"), QStringLiteral("127.0.0.1:0")},
                                        {QStringLiteral("KEDAI_DEMO"), QStringLiteral("1")},
                                        {QStringLiteral("QRIS_STATIC"), kStaticQris},
                                        {QStringLiteral("QRIS_LISTENER_KEY"), kListenerKey}},
                                       {});
    QVERIFY2(config.ok(), config.ok() ? "" : qPrintable(config.error().message));
    QCOMPARE(config->qrisStatic, kStaticQris);
    m_engine = std::make_unique<engine::Engine>(config.value());
    const auto started = m_engine->start();
    QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));

    m_session = test::signIn(m_engine.get());
    QVERIFY(m_session);
    m_window = std::make_unique<gui::MainWindow>(m_engine.get(), m_session.get());
    m_panel = m_window->qrisPanel();
    QVERIFY(m_panel);
    const QList<QAbstractItemModel *> models = {m_panel->pendingModel(), m_panel->queueModel(), m_panel->feedModel()};
    for (QAbstractItemModel *model : models) {
        m_liveTesters.push_back(
            std::make_unique<QAbstractItemModelTester>(model, QAbstractItemModelTester::FailureReportingMode::QtTest));
    }
    m_window->show();
    child<QTabWidget>("tabs")->setCurrentWidget(m_panel);
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestQrisPanel::cleanupTestCase()
{
    m_liveTesters.clear();
    m_window.reset(); // queries may still be running: their results must be dropped safely
    if (m_engine)
        m_engine->stop();
    gui::drainPendingResults();
    m_engine.reset();
}

std::optional<domain::Product> TestQrisPanel::sellableProduct()
{
    const auto products = await(m_engine->products(false));
    if (!products)
        return std::nullopt;
    for (const domain::Product &p : products.value()) {
        if (p.active && p.kind != domain::ProductKind::Ppob && p.stockAvailable >= 2)
            return p;
    }
    return std::nullopt;
}

std::optional<domain::QrisPayment> TestQrisPanel::startQrisOrder(const QString &phone)
{
    const auto product = sellableProduct();
    if (!product)
        return std::nullopt;
    const auto sent = await(m_engine->simulateMessage(phone, QStringLiteral("Pembeli QRIS"),
                                                      QStringLiteral("buynow %1 1").arg(product->code)));
    if (!sent)
        return std::nullopt;
    gui::QrisPaymentTableModel *pending = m_panel->pendingModel();
    const auto rowOfPhone = [&] {
        for (int row = 0; row < pending->rowCount(); ++row) {
            if (pending->payment(row).customerPhone == phone)
                return row;
        }
        return -1;
    };
    if (!QTest::qWaitFor([&] { return rowOfPhone() >= 0; }, 15000))
        return std::nullopt;
    return pending->payment(rowOfPhone());
}

int TestQrisPanel::feedRowOf(qint64 notificationId) const
{
    return m_panel->feedModel()->rowOfId(notificationId);
}

QString TestQrisPanel::savedSetting(const QString &key)
{
    const auto value = await(m_engine->setting(key));
    return value ? value.value() : QStringLiteral("<error: %1>").arg(value.error().message);
}

void TestQrisPanel::countdownText_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("thirty minutes") << qint64(30 * 60) << "30:00";
    QTest::newRow("one minute five") << qint64(65) << "1:05";
    QTest::newRow("last second") << qint64(1) << "0:01";
    QTest::newRow("over an hour") << qint64(3723) << "1:02:03";
    QTest::newRow("due") << qint64(0) << "Expired, waiting for the sweeper";
    QTest::newRow("overdue") << qint64(-42) << "Expired, waiting for the sweeper";
}

void TestQrisPanel::countdownText()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, text);
    QCOMPARE(gui::QrisPaymentTableModel::timeLeftText(seconds), text);
}

void TestQrisPanel::countdownTicksFromLoadedExpiry()
{
    gui::QrisPaymentTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    model.setNow(now);
    model.setPayments({samplePayment(1, now.addSecs(600)), samplePayment(2, now.addSecs(5))});
    const QModelIndex left1 = model.index(0, gui::QrisPaymentTableModel::TimeLeftColumn);
    const QModelIndex left2 = model.index(1, gui::QrisPaymentTableModel::TimeLeftColumn);
    QCOMPARE(left1.data().toString(), QStringLiteral("10:00"));
    QCOMPARE(left2.data().toString(), QStringLiteral("0:05"));

    // A tick changes only the countdown column, and only through dataChanged (no reset, so
    // the selection stays).
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setNow(now.addSecs(10));
    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().column(), int(gui::QrisPaymentTableModel::TimeLeftColumn));
    QCOMPARE(changed.first().at(1).toModelIndex().column(), int(gui::QrisPaymentTableModel::TimeLeftColumn));
    QCOMPARE(left1.data().toString(), QStringLiteral("9:50"));
    // Past its expiry the row waits for the engine's sweeper: never a negative time.
    QCOMPARE(left2.data().toString(), QStringLiteral("Expired, waiting for the sweeper"));
    QVERIFY(left2.data(gui::QrisPaymentTableModel::SecondsLeftRole).toLongLong() <= 0);
    // Plain while there is time, coloured when it runs out.
    QVERIFY(!left1.data(Qt::ForegroundRole).isValid());
    QVERIFY(left2.data(Qt::ForegroundRole).isValid());
    model.setNow(now.addSecs(600 - 60));
    QCOMPARE(left1.data().toString(), QStringLiteral("1:00"));
    QVERIFY(left1.data(Qt::ForegroundRole).isValid());
    model.setNow(now.addSecs(10));

    // The other columns: who, what and how much.
    QCOMPARE(model.index(0, gui::QrisPaymentTableModel::CustomerColumn).data().toString(),
             QStringLiteral("Sari (628111000009)"));
    QCOMPARE(model.index(0, gui::QrisPaymentTableModel::WhatColumn).data().toString(),
             QStringLiteral("Netflix 1 Bulan × 2"));
    QCOMPARE(model.index(0, gui::QrisPaymentTableModel::AmountColumn).data().toString(), QStringLiteral("Rp 50.000"));
    QCOMPARE(model.index(0, gui::QrisPaymentTableModel::UniqueCodeColumn).data().toString(), QStringLiteral("Rp 123"));
    QCOMPARE(model.index(0, gui::QrisPaymentTableModel::PayableColumn).data().toString(), QStringLiteral("Rp 50.123"));
    domain::QrisPayment deposit = samplePayment(3, now.addSecs(60));
    deposit.purpose = domain::QrisPurpose::Deposit;
    QCOMPARE(gui::QrisPaymentTableModel::whatText(deposit), QStringLiteral("Deposit"));

    // A reload with the same payments updates in place.
    model.setPayments({samplePayment(1, now.addSecs(600)), samplePayment(2, now.addSecs(5))});
    QCOMPARE(reset.count(), 0);
    model.setPayments({samplePayment(2, now.addSecs(5))});
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowOfRef(QStringLiteral("KD2")), 0);
    QCOMPARE(model.rowOfRef(QStringLiteral("KD1")), -1);
}

void TestQrisPanel::notificationRowsShowTheFeed()
{
    gui::NotificationTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    domain::PaymentNotificationRecord unparsed = sampleNotification(2, domain::NotificationStatus::Unparsed);
    unparsed.amount.reset();
    unparsed.appName.clear();
    unparsed.repeats = 0;
    model.setNotifications({sampleNotification(1, domain::NotificationStatus::Matched), unparsed});
    using Col = gui::NotificationTableModel::Column;
    QCOMPARE(model.index(0, Col::AppColumn).data().toString(), QStringLiteral("GoPay Merchant"));
    QCOMPARE(model.index(0, Col::AmountColumn).data().toString(), QStringLiteral("Rp 50.123"));
    QCOMPARE(model.index(0, Col::StatusColumn).data().toString(), QStringLiteral("Matched"));
    QCOMPARE(model.index(0, Col::RefColumn).data().toString(), QStringLiteral("KD1"));
    QCOMPARE(model.index(0, Col::RepeatsColumn).data().toString(), QStringLiteral("2"));
    const QString shortText = model.index(0, Col::TextColumn).data().toString();
    QVERIFY(shortText.size() <= gui::NotificationTableModel::kShortTextChars);
    QVERIFY(shortText.endsWith(QChar(0x2026)));
    const QString fullText = sampleNotification(1, domain::NotificationStatus::Matched).text;
    QVERIFY(model.index(0, Col::TextColumn).data(Qt::ToolTipRole).toString().contains(fullText));
    // No app name: the package; no amount: nothing rather than "Rp 0".
    QCOMPARE(model.index(1, Col::AppColumn).data().toString(), QStringLiteral("com.gojek.gopaymerchant"));
    QCOMPARE(model.index(1, Col::AmountColumn).data().toString(), QString());
    QCOMPARE(model.index(1, Col::StatusColumn).data().toString(), QStringLiteral("Unparsed"));
    QCOMPARE(model.index(1, Col::RepeatsColumn).data().toString(), QString());
    QCOMPARE(model.rowOfId(2), 1);

    const QList<std::pair<domain::NotificationStatus, QString>> names = {
        {domain::NotificationStatus::Matched, QStringLiteral("Matched")},
        {domain::NotificationStatus::Credited, QStringLiteral("Credited to saldo")},
        {domain::NotificationStatus::Unmatched, QStringLiteral("Unmatched")},
        {domain::NotificationStatus::Assigned, QStringLiteral("Assigned")},
        {domain::NotificationStatus::Unparsed, QStringLiteral("Unparsed")},
        {domain::NotificationStatus::Ignored, QStringLiteral("Ignored")}};
    for (const auto &[status, name] : names)
        QCOMPARE(gui::Labels::notificationStatus(status), name);
}

void TestQrisPanel::modelsPassTheTester()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    gui::QrisPaymentTableModel payments;
    payments.setPayments({samplePayment(1, now.addSecs(600)), samplePayment(2, now.addSecs(-5))});
    gui::NotificationTableModel notifications;
    notifications.setNotifications({sampleNotification(1, domain::NotificationStatus::Matched),
                                    sampleNotification(2, domain::NotificationStatus::Unmatched),
                                    sampleNotification(3, domain::NotificationStatus::Ignored)});
    for (QAbstractItemModel *model : std::initializer_list<QAbstractItemModel *>{&payments, &notifications}) {
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (int row = 0; row < model->rowCount(); ++row) {
            for (int column = 0; column < model->columnCount(); ++column) {
                for (int role :
                     {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(Qt::ForegroundRole), int(Qt::TextAlignmentRole),
                      int(Qt::UserRole + 1), int(Qt::UserRole + 2), int(Qt::UserRole + 3), int(Qt::UserRole + 4)})
                    model->index(row, column).data(role);
            }
        }
    }
    // The panel's own models are under the live testers since initTestCase.
    QCOMPARE(m_liveTesters.size(), std::size_t(3));
}

void TestQrisPanel::panelLoadsWithoutBlocking()
{
    QVERIFY(child<QTabWidget>("tabs")->indexOf(m_panel) >= 0);
    QVERIFY(child<QTabWidget>("tabs")->tabText(child<QTabWidget>("tabs")->indexOf(m_panel)).contains(u"QRIS"));
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->hasLoaded(), 10000);
    // Whatever the engine answered, an error is shown as text, never as a crash or a hang.
    auto *error = m_panel->findChild<QLabel *>(QStringLiteral("qrisErrorLabel"));
    QVERIFY(error);
    QCOMPARE(error->isVisibleTo(m_panel), !m_panel->loadError().isEmpty());
    QCOMPARE(error->text(), m_panel->loadError());
    QVERIFY(!error->text().contains(QLatin1String("qris.")));
}

void TestQrisPanel::errorsAreExplained_data()
{
    QTest::addColumn<QString>("code");
    for (const QString &code : explainedCodes())
        QTest::newRow(qPrintable(code)) << code;
}

void TestQrisPanel::errorsAreExplained()
{
    QFETCH(QString, code);
    const QString engineText = QStringLiteral("engine text for %1").arg(code);
    const QString text = gui::Labels::error(common::makeError(code, engineText));
    QVERIFY(!text.isEmpty());
    QVERIFY2(text != engineText, qPrintable(text));
    QVERIFY2(!text.contains(code), qPrintable(text));
}

void TestQrisPanel::setupShowsTheShopsQris()
{
    QTRY_VERIFY(m_panel->hasLoaded());
    QCOMPARE(m_panel->loadError(), QString());
    const QJsonObject status = m_engine->qrisStatus();
    QVERIFY2(status.value(QStringLiteral("valid")).toBool(),
             qPrintable(status.value(QStringLiteral("error")).toString()));
    auto *label = m_panel->findChild<QLabel *>(QStringLiteral("qrisStatusLabel"));
    QVERIFY(label);
    QVERIFY2(label->text().contains(kMerchant), qPrintable(label->text()));
    QVERIFY(label->text().contains(kCity));
    QVERIFY(label->text().startsWith(QLatin1String("QRIS is on")));
    QCOMPARE(m_panel->findChild<QLabel *>(QStringLiteral("listenerKeyStatusLabel"))->text(),
             QStringLiteral("A key is set."));
    // The key from the settings is never shown: only a newly set one, once.
    QVERIFY(!m_panel->findChild<QWidget *>(QStringLiteral("forwarderBox"))->isVisibleTo(m_panel));
}

void TestQrisPanel::malformedQrisIsRefused()
{
    auto *edit = m_panel->findChild<QLineEdit *>(QStringLiteral("qrisStaticEdit"));
    auto *use = m_panel->findChild<QPushButton *>(QStringLiteral("qrisStaticButton"));
    auto *error = m_panel->findChild<QLabel *>(QStringLiteral("qrisSetupErrorLabel"));
    auto *status = m_panel->findChild<QLabel *>(QStringLiteral("qrisStatusLabel"));
    QVERIFY(edit && use && error && status);
    QVERIFY2(!use->isEnabled(), "nothing to use while the field is empty");
    const QString statusBefore = status->text();

    // One character changed: the CRC no longer matches.
    QString damaged = kStaticQris;
    damaged.replace(QStringLiteral("Sugeng"), QStringLiteral("Sugenk"));
    const auto expected = payments::QrisSetup::check(damaged);
    QVERIFY(!expected.ok());
    edit->setText(damaged);
    QVERIFY(use->isEnabled());
    QTest::mouseClick(use, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisibleTo(m_panel), 10000);
    QCOMPARE(expected.error().code, QStringLiteral("qris.crc_mismatch"));
    // Explained in the staff's language with what to do, not with the engine's English text.
    QVERIFY2(error->text().contains(gui::Labels::error(expected.error())), qPrintable(error->text()));
    QVERIFY(!error->text().contains(expected.error().message));
    // Nothing changed: the shop's QRIS is still in use, the pasted text is still there to fix.
    QCOMPARE(edit->text(), damaged);
    QCOMPARE(status->text(), statusBefore);
    QVERIFY(m_engine->qrisStatus().value(QStringLiteral("valid")).toBool());
    QCOMPARE(m_engine->qrisStatus().value(QStringLiteral("merchant")).toString(), kMerchant);

    // The valid text again: accepted, the field cleared, the error gone.
    edit->setText(kStaticQris);
    QTest::mouseClick(use, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(edit->text().isEmpty(), 10000);
    QVERIFY(!error->isVisibleTo(m_panel));
    QVERIFY(status->text().contains(kMerchant));
}

void TestQrisPanel::listenerKeyIsShownOnce()
{
    auto *edit = m_panel->findChild<QLineEdit *>(QStringLiteral("listenerKeyEdit"));
    auto *set = m_panel->findChild<QPushButton *>(QStringLiteral("listenerKeyButton"));
    auto *box = m_panel->findChild<QWidget *>(QStringLiteral("forwarderBox"));
    auto *url = m_panel->findChild<QLineEdit *>(QStringLiteral("forwarderUrlField"));
    auto *key = m_panel->findChild<QLineEdit *>(QStringLiteral("forwarderKeyField"));
    auto *error = m_panel->findChild<QLabel *>(QStringLiteral("qrisSetupErrorLabel"));
    QVERIFY(edit && set && box && url && key && error);

    // Too short: refused with the engine's reason, nothing shown.
    edit->setText(QStringLiteral("short"));
    QTest::mouseClick(set, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisibleTo(m_panel), 10000);
    QVERIFY(!box->isVisibleTo(m_panel));

    // A chosen key: shown with the endpoint and the header the forwarder must send.
    const QString chosen = QStringLiteral("my-own-forwarder-key-42");
    edit->setText(chosen);
    QTest::mouseClick(set, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(box->isVisibleTo(m_panel), 10000);
    QVERIFY(!error->isVisibleTo(m_panel));
    QCOMPARE(key->text(), chosen);
    QCOMPARE(url->text(), m_engine->httpUrl() + QStringLiteral("/webhook/payment-notification"));
    QVERIFY(edit->text().isEmpty());
    bool headerShown = false;
    for (const QLabel *label : box->findChildren<QLabel *>())
        headerShown = headerShown || label->text().contains(QLatin1String("X-Api-Key"));
    QVERIFY(headerShown);

    // What the panel shows is what the phone needs: the endpoint takes the key, refuses others.
    QNetworkAccessManager network;
    const auto post = [&](const QString &apiKey) {
        QNetworkRequest request(QUrl(url->text()));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        request.setRawHeader("X-Api-Key", apiKey.toUtf8());
        std::unique_ptr<QNetworkReply> reply(
            network.post(request,
                         QByteArrayLiteral(R"({"packageName":"com.example.other","title":"Hi","text":"promo"})")));
        if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 10000))
            return -1;
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    };
    const int accepted = post(key->text());
    QVERIFY2(accepted >= 200 && accepted < 300, qPrintable(QString::number(accepted)));
    const int refused = post(kListenerKey);
    QVERIFY2(refused == 401 || refused == 403, qPrintable(QString::number(refused)));

    // Empty: the engine makes a random key, shown in place of the old one.
    QTest::mouseClick(set, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(key->text() != chosen, 10000);
    QVERIFY(key->text().size() >= 16);
    QVERIFY(box->isVisibleTo(m_panel));

    // Hidden: the key is gone from the window.
    QTest::mouseClick(m_panel->findChild<QPushButton *>(QStringLiteral("forwarderHideButton")), Qt::LeftButton);
    QVERIFY(!box->isVisibleTo(m_panel));
    QVERIFY(key->text().isEmpty());
}

void TestQrisPanel::turningQrisOffAsksFirst()
{
    auto *off = m_panel->findChild<QPushButton *>(QStringLiteral("qrisOffButton"));
    auto *status = m_panel->findChild<QLabel *>(QStringLiteral("qrisStatusLabel"));
    QVERIFY(off && status);
    QVERIFY(off->isVisibleTo(m_panel));
    const auto answer = [&](QMessageBox::StandardButton button) {
        QTest::mouseClick(off, Qt::LeftButton);
        auto *box = m_panel->findChild<QMessageBox *>(QStringLiteral("qrisOffConfirm"));
        QVERIFY(box);
        QTest::mouseClick(box->button(button), Qt::LeftButton);
    };

    // No: nothing changes.
    answer(QMessageBox::No);
    QTest::qWait(200);
    QVERIFY(m_engine->qrisStatus().value(QStringLiteral("valid")).toBool());
    QVERIFY(status->text().contains(kMerchant));

    // Yes: QRIS is off, and the panel says so.
    answer(QMessageBox::Yes);
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QLatin1String("QRIS is off")), 10000);
    QVERIFY(!m_engine->qrisStatus().value(QStringLiteral("configured")).toBool());
    QVERIFY(!off->isVisibleTo(m_panel));

    // On again for the sales below.
    m_panel->findChild<QLineEdit *>(QStringLiteral("qrisStaticEdit"))->setText(kStaticQris);
    QTest::mouseClick(m_panel->findChild<QPushButton *>(QStringLiteral("qrisStaticButton")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(kMerchant), 10000);
    QVERIFY(m_engine->qrisStatus().value(QStringLiteral("valid")).toBool());
}

void TestQrisPanel::setupFollowsTheEngine()
{
    // Changed without the set-up box (as another window or a script would): the box follows.
    auto *status = m_panel->findChild<QLabel *>(QStringLiteral("qrisStatusLabel"));
    QVERIFY(status && status->text().contains(kMerchant));
    // QRIS on again even when a check below fails: the sales after this test need it.
    auto backOn = qScopeGuard([this] {
        if (!await(m_engine->setQrisStatic(kStaticQris, QStringLiteral("test"))).ok())
            qWarning("QRIS could not be switched on again");
    });
    const auto off = await(m_engine->setQrisStatic({}, QStringLiteral("test")));
    QVERIFY(off.ok());
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QLatin1String("QRIS is off")), 10000);
    QVERIFY(!m_panel->findChild<QPushButton *>(QStringLiteral("qrisOffButton"))->isVisibleTo(m_panel));
    const auto on = await(m_engine->setQrisStatic(kStaticQris, QStringLiteral("test")));
    QVERIFY2(on.ok(), on.ok() ? "" : qPrintable(on.error().message));
    backOn.dismiss();
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(kMerchant), 10000);
}

void TestQrisPanel::shopSettingsAreSaved()
{
    gui::QrisSettingsForm *form = m_panel->setupBox()->settingsForm();
    QVERIFY(form);
    QTRY_VERIFY_WITH_TIMEOUT(form->hasLoaded(), 10000);
    auto *codeMax = settingsChild<QSpinBox>("qrisCodeMaxSpin");
    auto *bonus = settingsChild<QLineEdit>("depositBonusEdit");
    auto *example = settingsChild<QLabel>("depositBonusExample");
    auto *save = settingsChild<QPushButton>("qrisSettingsSaveButton");
    auto *message = settingsChild<QLabel>("qrisSettingsMessage");
    QVERIFY(codeMax && bonus && example && save && message);
    const QList<payments::KnownApp> apps = payments::knownPaymentApps();
    const auto appBox = [&](const QString &id) {
        return settingsChild<QCheckBox>(qPrintable(QStringLiteral("qrisApp_") + id));
    };

    // Never saved: the engine's defaults, and every known app counts.
    QCOMPARE(codeMax->value(), 99);
    QCOMPARE(codeMax->minimum(), 1);
    QCOMPARE(codeMax->maximum(), 999);
    QVERIFY(!codeMax->toolTip().isEmpty());
    QVERIFY(bonus->text().isEmpty());
    QCOMPARE(example->text(), QStringLiteral("No bonus on deposits."));
    for (const payments::KnownApp &app : apps) {
        QVERIFY2(appBox(app.id), qPrintable(app.id));
        QVERIFY2(appBox(app.id)->isChecked(), qPrintable(app.id));
    }
    QVERIFY(save->isEnabled());

    // The bonus example follows the typing.
    codeMax->setValue(999);
    QTest::keyClicks(bonus, QStringLiteral("2000/50000"));
    QCOMPARE(example->text(),
             QStringLiteral("Deposit %1 → bonus %2").arg(common::formatRupiah(100'000), common::formatRupiah(4'000)));
    const QString untickedId = QStringLiteral("dana_bisnis");
    QVERIFY(appBox(untickedId));
    appBox(untickedId)->setChecked(false);
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(message->isVisibleTo(m_panel) && form->hasLoaded(), 10000);
    QCOMPARE(message->text(), QStringLiteral("QRIS settings saved."));

    QStringList ticked;
    for (const payments::KnownApp &app : apps) {
        if (app.id != untickedId)
            ticked << app.id;
    }
    QCOMPARE(savedSetting(QStringLiteral("qris_code_max")), QStringLiteral("999"));
    QCOMPARE(savedSetting(QStringLiteral("deposit_bonus")), QStringLiteral("2000/50000"));
    QCOMPARE(savedSetting(QStringLiteral("qris_apps")), ticked.join(QLatin1Char(',')));

    // Another window reads them back.
    gui::QrisSettingsForm fresh(m_engine.get());
    QTRY_VERIFY_WITH_TIMEOUT(fresh.hasLoaded(), 10000);
    QCOMPARE(fresh.findChild<QSpinBox *>(QStringLiteral("qrisCodeMaxSpin"))->value(), 999);
    QCOMPARE(fresh.findChild<QLineEdit *>(QStringLiteral("depositBonusEdit"))->text(), QStringLiteral("2000/50000"));
    QVERIFY(!fresh.findChild<QCheckBox *>(QStringLiteral("qrisApp_") + untickedId)->isChecked());
    QVERIFY(fresh.findChild<QCheckBox *>(QStringLiteral("qrisApp_gopay_merchant"))->isChecked());

    // Every app ticked again: saved as empty (all apps count), the rest unchanged.
    appBox(untickedId)->setChecked(true);
    QVERIFY(!message->isVisibleTo(m_panel));
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(message->isVisibleTo(m_panel) && form->hasLoaded(), 10000);
    QCOMPARE(message->text(), QStringLiteral("QRIS settings saved."));
    QCOMPARE(savedSetting(QStringLiteral("qris_apps")), QString());
    QCOMPARE(savedSetting(QStringLiteral("qris_code_max")), QStringLiteral("999"));

    // No app at all would stop every payment from matching: refused before anything is sent.
    for (const payments::KnownApp &app : apps)
        appBox(app.id)->setChecked(false);
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(message->isVisibleTo(m_panel));
    QVERIFY(message->text().startsWith(QLatin1String("Tick at least one payment app")));
    QCOMPARE(savedSetting(QStringLiteral("qris_apps")), QString());
    form->load();
    QTRY_VERIFY_WITH_TIMEOUT(form->hasLoaded(), 10000);
    QVERIFY(appBox(untickedId)->isChecked());
}

void TestQrisPanel::badBonusSavesNothing()
{
    gui::QrisSettingsForm *form = m_panel->setupBox()->settingsForm();
    QTRY_VERIFY_WITH_TIMEOUT(form->hasLoaded(), 10000);
    auto *codeMax = settingsChild<QSpinBox>("qrisCodeMaxSpin");
    auto *bonus = settingsChild<QLineEdit>("depositBonusEdit");
    auto *example = settingsChild<QLabel>("depositBonusExample");
    auto *save = settingsChild<QPushButton>("qrisSettingsSaveButton");
    auto *message = settingsChild<QLabel>("qrisSettingsMessage");
    QVERIFY(codeMax && bonus && example && save && message);
    const QString codeBefore = savedSetting(QStringLiteral("qris_code_max"));
    const QString bonusBefore = savedSetting(QStringLiteral("deposit_bonus"));
    QVERIFY(!codeBefore.startsWith(u'<') && !bonusBefore.startsWith(u'<'));

    // A changed code max and a bonus the engine refuses.
    codeMax->setValue(codeBefore == QLatin1String("500") ? 501 : 500);
    bonus->setText(QStringLiteral("abc"));
    QCOMPARE(example->text(), QStringLiteral("Write it as bonus/step, e.g. 2000/50000."));
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(message->isVisibleTo(m_panel) && save->isEnabled(), 10000);

    // The engine's refusal, told in the staff's language (not its English text or code).
    const auto refused = await(
        m_engine->setSetting(QStringLiteral("deposit_bonus"), QStringLiteral("abc"), QStringLiteral("test")));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, QStringLiteral("settings.deposit_bonus"));
    const QString explained = gui::Labels::error(refused.error());
    QVERIFY(explained != refused.error().message);
    QVERIFY2(message->text().contains(explained), qPrintable(message->text()));
    QVERIFY(message->text().startsWith(QLatin1String("The settings were not saved")));
    QVERIFY(!message->text().contains(QLatin1String("settings.")));

    // Nothing was saved, not even the valid code max.
    QCOMPARE(savedSetting(QStringLiteral("qris_code_max")), codeBefore);
    QCOMPARE(savedSetting(QStringLiteral("deposit_bonus")), bonusBefore);
    QCOMPARE(bonus->text(), QStringLiteral("abc")); // left to fix

    form->load();
    QTRY_VERIFY_WITH_TIMEOUT(form->hasLoaded(), 10000);
    QCOMPARE(QString::number(codeMax->value()), codeBefore);
    QCOMPARE(bonus->text(), bonusBefore);
}

void TestQrisPanel::qrisOrderCountsDownAndIsMatched()
{
    const QString phone = QStringLiteral("628111000201");
    const auto payment = startQrisOrder(phone);
    QVERIFY2(payment, "the customer's buynow did not show as a pending QRIS payment");
    QCOMPARE(payment->status, domain::QrisStatus::Pending);
    QVERIFY(payment->uniqueCode > 0);
    QCOMPARE(payment->payable, payment->amount + payment->uniqueCode);

    gui::QrisPaymentTableModel *pending = m_panel->pendingModel();
    const int row = pending->rowOfRef(payment->ref);
    QVERIFY(row >= 0);
    const QModelIndex left = pending->index(row, gui::QrisPaymentTableModel::TimeLeftColumn);
    const QString first = left.data().toString();
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d+:\\d\\d$")).match(first).hasMatch(), qPrintable(first));
    const qint64 expiry = m_engine->config().qrisExpiryMin * 60;
    QVERIFY(left.data(gui::QrisPaymentTableModel::SecondsLeftRole).toLongLong() <= expiry);
    QCOMPARE(pending->index(row, gui::QrisPaymentTableModel::PayableColumn).data().toString(),
             common::formatRupiah(payment->payable));
    // The countdown ticks by itself, without another query.
    QTRY_VERIFY_WITH_TIMEOUT(left.data().toString() != first, 3000);

    // The shop's phone reports the exact amount: matched, paid, gone from the pending list.
    const auto outcome = await(m_engine->submitPaymentNotifications(gopayNotification(payment->payable)));
    QVERIFY2(outcome.ok(), outcome.ok() ? "" : qPrintable(outcome.error().message));
    QCOMPARE(outcome->size(), 1);
    const qint64 id = outcome->first().notificationId;
    QTRY_VERIFY_WITH_TIMEOUT(feedRowOf(id) >= 0, 10000);
    gui::NotificationTableModel *feed = m_panel->feedModel();
    using Col = gui::NotificationTableModel::Column;
    QCOMPARE(feed->index(feedRowOf(id), Col::StatusColumn).data().toString(), QStringLiteral("Matched"));
    QCOMPARE(feed->index(feedRowOf(id), Col::RefColumn).data().toString(), payment->ref);
    QCOMPARE(feed->index(feedRowOf(id), Col::AppColumn).data().toString(), QStringLiteral("GoPay Merchant"));
    QCOMPARE(feed->index(feedRowOf(id), Col::AmountColumn).data().toString(), common::formatRupiah(payment->payable));
    QTRY_COMPARE_WITH_TIMEOUT(pending->rowOfRef(payment->ref), -1, 10000);
    QCOMPARE(m_panel->queueModel()->rowOfId(id), -1);

    // The same notification again: counted as a repeat, nothing paid twice.
    const auto again = await(m_engine->submitPaymentNotifications(gopayNotification(payment->payable)));
    QVERIFY(again.ok());
    QVERIFY(again->first().duplicate);
    m_panel->reload();
    QTRY_COMPARE_WITH_TIMEOUT(feed->index(feedRowOf(id), Col::RepeatsColumn).data().toString(), QStringLiteral("1"),
                              10000);
    const auto order = await(m_engine->orderByRef(payment->ref));
    QVERIFY(order.ok() && order->has_value());
    QCOMPARE(order->value().status, domain::OrderStatus::Delivered);
}

void TestQrisPanel::unmatchedMoneyIsCreditedToACustomer()
{
    const QString phone = QStringLiteral("628111000001"); // the demo customer
    const auto customersBefore = await(m_engine->customers(phone));
    QVERIFY(customersBefore.ok() && !customersBefore->isEmpty());
    const domain::Customer customer = customersBefore->first();

    // Money nobody waits for: into the queue, and the tab says so.
    const common::Rupiah amount = 98'765;
    const auto outcome = await(m_engine->submitPaymentNotifications(gopayNotification(amount)));
    QVERIFY2(outcome.ok(), outcome.ok() ? "" : qPrintable(outcome.error().message));
    const qint64 id = outcome->first().notificationId;
    QCOMPARE(outcome->first().status, domain::NotificationStatus::Unmatched);
    gui::NotificationTableModel *queue = m_panel->queueModel();
    QTRY_VERIFY_WITH_TIMEOUT(queue->rowOfId(id) >= 0, 10000);
    QCOMPARE(queue->index(queue->rowOfId(id), gui::NotificationTableModel::StatusColumn).data().toString(),
             QStringLiteral("Unmatched"));
    QTRY_VERIFY(m_panel->feedModel()->rowOfId(id) >= 0);
    auto *tabs = child<QTabWidget>("tabs");
    QTRY_VERIFY(tabs->tabText(tabs->indexOf(m_panel)).contains(QStringLiteral("(%1)").arg(queue->rowCount())));

    // Credit it to the demo customer through the dialog: search, pick, a note, OK.
    auto *credit = m_panel->findChild<QPushButton *>(QStringLiteral("creditCustomerButton"));
    QVERIFY(m_panel->selectQueued(id));
    QVERIFY(credit->isEnabled());
    QTest::mouseClick(credit, Qt::LeftButton);
    auto *dialog = m_panel->findChild<gui::AssignNotificationDialog *>();
    QVERIFY(dialog);
    QCOMPARE(dialog->target(), gui::AssignNotificationDialog::Target::Customer);
    auto *ok = dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))->button(QDialogButtonBox::Ok);
    auto *search = dialog->findChild<QLineEdit *>(QStringLiteral("searchEdit"));
    auto *list = dialog->findChild<QListWidget *>(QStringLiteral("candidatesList"));
    auto *note = dialog->findChild<QLineEdit *>(QStringLiteral("noteEdit"));
    QVERIFY(ok && search && list && note);
    QVERIFY(!ok->isEnabled());
    search->setText(phone);
    const auto itemOf = [&]() -> QListWidgetItem * {
        for (int i = 0; i < list->count(); ++i) {
            if (list->item(i)->data(gui::AssignNotificationDialog::kCandidateRole).toLongLong() == customer.id)
                return list->item(i);
        }
        return nullptr;
    };
    QTRY_VERIFY_WITH_TIMEOUT(itemOf() != nullptr, 10000);
    list->setCurrentItem(itemOf());
    QVERIFY2(!ok->isEnabled(), "a note is required");
    note->setText(QStringLiteral("customer sent the receipt on WhatsApp (test)"));
    QVERIFY(ok->isEnabled());
    QSignalSpy assigned(dialog, &gui::AssignNotificationDialog::assigned);
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(assigned.count(), 1, 10000);

    // Out of the queue, assigned in the feed, on the customer's saldo.
    QTRY_COMPARE_WITH_TIMEOUT(queue->rowOfId(id), -1, 10000);
    gui::NotificationTableModel *feed = m_panel->feedModel();
    QTRY_COMPARE_WITH_TIMEOUT(
        feed->index(feed->rowOfId(id), gui::NotificationTableModel::StatusColumn).data().toString(),
        QStringLiteral("Assigned"), 10000);
    const auto customersAfter = await(m_engine->customers(phone));
    QVERIFY(customersAfter.ok() && !customersAfter->isEmpty());
    QCOMPARE(customersAfter->first().saldo, customer.saldo + amount);
    QTRY_VERIFY(!tabs->tabText(tabs->indexOf(m_panel)).contains(u'('));
}

void TestQrisPanel::unmatchedMoneyIsAssignedToAnOrder()
{
    const auto payment = startQrisOrder(QStringLiteral("628111000202"));
    QVERIFY2(payment, "the customer's buynow did not show as a pending QRIS payment");

    // The customer paid without the kode unik: no exact match, so it waits in the queue.
    const auto outcome = await(m_engine->submitPaymentNotifications(gopayNotification(payment->amount)));
    QVERIFY2(outcome.ok(), outcome.ok() ? "" : qPrintable(outcome.error().message));
    QCOMPARE(outcome->first().status, domain::NotificationStatus::Unmatched);
    const qint64 id = outcome->first().notificationId;
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->queueModel()->rowOfId(id) >= 0, 10000);
    QVERIFY(m_panel->selectQueued(id));

    QTest::mouseClick(m_panel->findChild<QPushButton *>(QStringLiteral("assignOrderButton")), Qt::LeftButton);
    auto *dialog = m_panel->findChild<gui::AssignNotificationDialog *>();
    QVERIFY(dialog);
    QCOMPARE(dialog->target(), gui::AssignNotificationDialog::Target::Payment);
    auto *ok = dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))->button(QDialogButtonBox::Ok);
    auto *list = dialog->findChild<QListWidget *>(QStringLiteral("candidatesList"));
    auto *ref = dialog->findChild<QLineEdit *>(QStringLiteral("searchEdit"));
    QTRY_VERIFY_WITH_TIMEOUT(dialog->candidatesLoaded(), 10000);
    // The closest payable first: the order the customer meant.
    QVERIFY(list->count() > 0);
    QCOMPARE(list->item(0)->data(gui::AssignNotificationDialog::kCandidateRole).toString(), payment->ref);
    list->setCurrentItem(list->item(0));
    QCOMPARE(ref->text(), payment->ref);
    QVERIFY2(!ok->isEnabled(), "a note is required");
    dialog->findChild<QLineEdit *>(QStringLiteral("noteEdit"))->setText(QStringLiteral("paid without kode unik"));
    QVERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);

    QTRY_COMPARE_WITH_TIMEOUT(m_panel->queueModel()->rowOfId(id), -1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_panel->pendingModel()->rowOfRef(payment->ref), -1, 10000);
    const auto order = await(m_engine->orderByRef(payment->ref));
    QVERIFY(order.ok() && order->has_value());
    QCOMPARE(order->value().status, domain::OrderStatus::Delivered);
}

void TestQrisPanel::confirmPaidNeedsANote()
{
    auto *confirm = m_panel->findChild<QPushButton *>(QStringLiteral("confirmPaidButton"));
    QVERIFY(confirm);
    const auto payment = startQrisOrder(QStringLiteral("628111000203"));
    QVERIFY2(payment, "the customer's buynow did not show as a pending QRIS payment");
    QVERIFY(m_panel->selectPending(payment->ref));
    QVERIFY(confirm->isEnabled());

    QTest::mouseClick(confirm, Qt::LeftButton);
    auto *dialog = m_panel->findChild<gui::ConfirmQrisDialog *>();
    QVERIFY(dialog);
    auto *ok = dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))->button(QDialogButtonBox::Ok);
    auto *note = dialog->findChild<QLineEdit *>(QStringLiteral("noteEdit"));
    QVERIFY(!ok->isEnabled());
    QVERIFY(!dialog->validationError().isEmpty());
    note->setText(QStringLiteral("   "));
    QVERIFY(!ok->isEnabled());
    note->setText(QStringLiteral("customer showed the GoPay receipt (test)"));
    QVERIFY(ok->isEnabled());
    QSignalSpy confirmed(dialog, &gui::ConfirmQrisDialog::confirmed);
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(confirmed.count(), 1, 10000);

    QTRY_COMPARE_WITH_TIMEOUT(m_panel->pendingModel()->rowOfRef(payment->ref), -1, 10000);
    const auto order = await(m_engine->orderByRef(payment->ref));
    QVERIFY(order.ok() && order->has_value());
    QCOMPARE(order->value().status, domain::OrderStatus::Delivered);
    // The confirmed row left the list, and with it the selection.
    QVERIFY(!confirm->isEnabled());
}

void TestQrisPanel::refusalsAreInIndonesian()
{
    auto *edit = m_panel->findChild<QLineEdit *>(QStringLiteral("qrisStaticEdit"));
    auto *use = m_panel->findChild<QPushButton *>(QStringLiteral("qrisStaticButton"));
    auto *error = m_panel->findChild<QLabel *>(QStringLiteral("qrisSetupErrorLabel"));
    QVERIFY(edit && use && error);
    QString damaged = kStaticQris;
    damaged.replace(QStringLiteral("Sugeng"), QStringLiteral("Sugenk"));
    const auto expected = payments::QrisSetup::check(damaged);
    QVERIFY(!expected.ok());
    QStringList english;
    for (const QString &code : explainedCodes())
        english << gui::Labels::error(common::makeError(code, QStringLiteral("engine text")));

    const auto backToEnglish = qScopeGuard([] { gui::installTranslations(*qApp, QStringLiteral("en")); });
    gui::installTranslations(*qApp, QStringLiteral("id"));
    const QString reason = gui::Labels::error(expected.error());
    QVERIFY2(reason != english.at(explainedCodes().indexOf(QStringLiteral("qris.crc_mismatch"))), qPrintable(reason));
    edit->setText(damaged);
    QTest::mouseClick(use, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisibleTo(m_panel) && error->text().contains(reason), 10000);
    QVERIFY2(error->text().startsWith(QLatin1String("Teks QRIS tidak dipakai")), qPrintable(error->text()));
    QVERIFY(!error->text().contains(expected.error().message));
    QVERIFY(m_engine->qrisStatus().value(QStringLiteral("valid")).toBool());
    edit->clear();

    // Every explained error has its Indonesian text.
    for (qsizetype i = 0; i < explainedCodes().size(); ++i) {
        const QString text = gui::Labels::error(
            common::makeError(explainedCodes().at(i), QStringLiteral("engine text")));
        QVERIFY2(text != english.at(i), qPrintable(explainedCodes().at(i)));
    }
}

void TestQrisPanel::statusesAreTranslated()
{
    const QList<domain::NotificationStatus> statuses = {domain::NotificationStatus::Matched,
                                                        domain::NotificationStatus::Credited,
                                                        domain::NotificationStatus::Unmatched,
                                                        domain::NotificationStatus::Assigned,
                                                        domain::NotificationStatus::Unparsed,
                                                        domain::NotificationStatus::Ignored};
    QStringList english;
    for (auto status : statuses)
        english << gui::Labels::notificationStatus(status);
    gui::installTranslations(*qApp, QStringLiteral("id"));
    for (qsizetype i = 0; i < statuses.size(); ++i) {
        const QString text = gui::Labels::notificationStatus(statuses.at(i));
        QVERIFY(!text.isEmpty());
        QVERIFY2(text != english.at(i), qPrintable(text));
    }
    QCOMPARE(gui::QrisPaymentTableModel::timeLeftText(0),
             QCoreApplication::translate("kedai::gui::QrisPaymentTableModel", "Expired, waiting for the sweeper"));
    QVERIFY(gui::QrisPaymentTableModel::timeLeftText(0) != QLatin1String("Expired, waiting for the sweeper"));
    gui::installTranslations(*qApp, QStringLiteral("en"));
}

QTEST_MAIN(TestQrisPanel)
#include "tst_qrispanel.moc"
