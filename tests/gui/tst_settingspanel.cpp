// The Settings panel on a real engine (demo shop, SQLite in a temporary dir, the simulator
// channel, offscreen): refused values are explained and change nothing, a reply template edited
// with its live preview is what the bot then says, accounts without EditSettings are refused by
// the Engine itself, and a connection test against a closed port answers without freezing the
// window.
#include "common/config.h"
#include "engine/engine.h"
#include "gui/async.h"
#include "gui/panels/channelsettingspage.h"
#include "gui/panels/connectionsettingspage.h"
#include "gui/panels/connectiontestrow.h"
#include "gui/panels/settingspanel.h"
#include "gui/panels/templateeditor.h"
#include "store/database.h"
#include "support/guisession.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace kedai;

namespace {

template<typename T>
T await(QFuture<T> future)
{
    return test::waitFor(std::move(future), 15000);
}

/// A loopback port that nothing listens on (bound, then closed again).
quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

} // namespace

class TestSettingsPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void invalidSendRateIsRefusedAndNothingSaved();
    void validSendingValuesAreSaved();
    void idleLockMinIsChecked_data();
    void idleLockMinIsChecked();
    void templateEditShowsInThePreviewAndTheBotUsesIt();
    void templateWithUnknownPlaceholderIsRefused();
    void staffAndManagerAreRefusedByTheEngine_data();
    void staffAndManagerAreRefusedByTheEngine();
    void connectionTestsAgainstAClosedPortDoNotFreeze();
    void savedSecretsAreEncryptedInTheSettingsFile();
    void badConfigValuesAreRefused_data();
    void badConfigValuesAreRefused();
    void languageChangeIsSavedAndSignalled();
    void backupWritesAConsistentCopy();

private:
    /// Brings the tab holding `widget` to the front, as the owner would.
    void showPageOf(QWidget *widget)
    {
        for (int i = 0; i < m_panel->tabs()->count(); ++i) {
            if (m_panel->tabs()->widget(i)->isAncestorOf(widget) || m_panel->tabs()->widget(i) == widget)
                m_panel->tabs()->setCurrentIndex(i);
        }
    }

    QTemporaryDir m_dir;
    QTemporaryDir m_keyDir;
    std::unique_ptr<engine::Engine> m_engine;
    std::unique_ptr<gui::Session> m_session;
    std::unique_ptr<gui::SettingsPanel> m_panel;
};

void TestSettingsPanel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    auto config = common::Config::load({{QStringLiteral("KEDAI_DATA_DIR"), m_dir.path()},
                                        {QStringLiteral("HTTP_ADDR"), QStringLiteral("127.0.0.1:0")},
                                        {QStringLiteral("KEDAI_DEMO"), QStringLiteral("1")}},
                                       {{QStringLiteral("KEDAI_SECRET_KEY_FILE"),
                                         m_keyDir.filePath(QStringLiteral("secret.key"))}});
    QVERIFY2(config.ok(), config.ok() ? "" : qPrintable(config.error().message));
    m_engine = std::make_unique<engine::Engine>(config.value());
    const auto started = m_engine->start();
    QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
    m_session = test::signIn(m_engine.get());
    QVERIFY(m_session);
    m_panel = std::make_unique<gui::SettingsPanel>(m_engine.get(), m_session.get());
    m_panel->resize(1000, 700);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    QTRY_VERIFY(m_panel->sendingLoaded());
    QTRY_VERIFY(m_panel->templateEditor()->isLoaded());
}

void TestSettingsPanel::cleanupTestCase()
{
    m_panel.reset();
    if (m_engine)
        m_engine->stop();
    gui::drainPendingResults();
    m_engine.reset();
}

void TestSettingsPanel::invalidSendRateIsRefusedAndNothingSaved()
{
    const QString before = await(m_engine->setting(QStringLiteral("send_rate_per_sec"), QStringLiteral("0"))).value();
    QLineEdit *rate = m_panel->sendingField(QStringLiteral("send_rate_per_sec"));
    QLabel *error = m_panel->sendingError(QStringLiteral("send_rate_per_sec"));
    QVERIFY(rate && error);
    showPageOf(rate);
    rate->setText(QStringLiteral("fast"));
    m_panel->saveSending();
    QTRY_VERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QLatin1String("1000")), qPrintable(error->text()));
    QCOMPARE(await(m_engine->setting(QStringLiteral("send_rate_per_sec"), QStringLiteral("0"))).value(), before);
    rate->setText(QStringLiteral("5000"));
    m_panel->saveSending();
    QTRY_VERIFY(error->isVisible());
    QCOMPARE(await(m_engine->setting(QStringLiteral("send_rate_per_sec"), QStringLiteral("0"))).value(), before);
    rate->setText(before);
}

void TestSettingsPanel::validSendingValuesAreSaved()
{
    m_panel->sendingField(QStringLiteral("send_rate_per_sec"))->setText(QStringLiteral("20"));
    m_panel->sendingField(QStringLiteral("idle_lock_min"))->setText(QStringLiteral("15"));
    m_panel->saveSending();
    QTRY_COMPARE(await(m_engine->setting(QStringLiteral("send_rate_per_sec"))).value(), QStringLiteral("20"));
    QTRY_COMPARE(await(m_engine->setting(QStringLiteral("idle_lock_min"), QStringLiteral("10"))).value(),
                 QStringLiteral("15"));
    QVERIFY(!m_panel->sendingError(QStringLiteral("send_rate_per_sec"))->isVisible());
}

void TestSettingsPanel::idleLockMinIsChecked_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("stored"); // empty: refused
    QTest::newRow("never") << QStringLiteral("0") << QStringLiteral("0");
    QTest::newRow("max") << QStringLiteral(" 240 ") << QStringLiteral("240");
    QTest::newRow("too long") << QStringLiteral("241") << QString();
    QTest::newRow("negative") << QStringLiteral("-1") << QString();
    QTest::newRow("words") << QStringLiteral("ten") << QString();
}

void TestSettingsPanel::idleLockMinIsChecked()
{
    QFETCH(QString, value);
    QFETCH(QString, stored);
    QVERIFY(await(m_engine->setSetting(QStringLiteral("idle_lock_min"), QStringLiteral("12"), m_session->actor())));
    const auto r = await(m_engine->setSetting(QStringLiteral("idle_lock_min"), value, m_session->actor()));
    if (stored.isEmpty()) {
        QVERIFY(!r);
        QCOMPARE(r.error().code, QStringLiteral("settings.idle_lock_min"));
        stored = QStringLiteral("12");
    } else {
        QVERIFY(r);
    }
    QCOMPARE(await(m_engine->setting(QStringLiteral("idle_lock_min"), QStringLiteral("10"))).value(), stored);
}

void TestSettingsPanel::templateEditShowsInThePreviewAndTheBotUsesIt()
{
    gui::TemplateEditor *editor = m_panel->templateEditor();
    showPageOf(editor);
    QVERIFY(editor->select(QStringLiteral("saldo")));
    const QString own = QStringLiteral("Uang kamu di {shop}: {saldo} (tier {tier}) — dari Settings");
    editor->editor()->setPlainText(own);
    // The preview follows the typing, with example values in place of the placeholders.
    QVERIFY2(editor->preview()->toPlainText().startsWith(QStringLiteral("Uang kamu di ") + m_engine->config().shopName),
             qPrintable(editor->preview()->toPlainText()));
    QVERIFY(!editor->preview()->toPlainText().contains(QLatin1String("{saldo}")));
    editor->save();
    QTRY_VERIFY(editor->isLoaded() && editor->messageLabel()->text().contains(QLatin1String("saldo")));
    QCOMPARE(await(m_engine->setting(QStringLiteral("template.id.saldo"))).value(), own);

    // A simulated customer asks for their saldo: the bot answers with the shop's wording.
    QSignalSpy replies(m_engine.get(), &engine::Engine::conversationMessage);
    QVERIFY(await(
        m_engine->simulateMessage(QStringLiteral("628111000001"), QStringLiteral("Budi"), QStringLiteral("saldo"))));
    auto botSaid = [&replies] {
        for (const auto &args : std::as_const(replies)) {
            if (args.at(2).toBool() && args.at(3).toString().contains(QLatin1String("dari Settings")))
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(botSaid(), 15000);

    // Reset to default: the override is gone and the bot says the original again.
    editor->resetToDefault();
    QTRY_VERIFY(editor->isLoaded() && await(m_engine->setting(QStringLiteral("template.id.saldo"))).value().isEmpty());
    QCOMPARE(editor->editor()->toPlainText().contains(QLatin1String("dari Settings")), false);
}

void TestSettingsPanel::templateWithUnknownPlaceholderIsRefused()
{
    gui::TemplateEditor *editor = m_panel->templateEditor();
    QVERIFY(editor->select(QStringLiteral("saldo")));
    editor->editor()->setPlainText(QStringLiteral("{saldo} {tier} {password}"));
    QVERIFY(editor->messageLabel()->isVisible());
    QVERIFY2(editor->messageLabel()->text().contains(QLatin1String("{password}")),
             qPrintable(editor->messageLabel()->text()));
    editor->save();
    QTest::qWait(200);
    QVERIFY(await(m_engine->setting(QStringLiteral("template.id.saldo"))).value().isEmpty());
    // The Engine refuses it too, whoever asks.
    const auto r = await(m_engine->setReplyTemplate(QStringLiteral("id"), QStringLiteral("saldo"),
                                                    QStringLiteral("Saldo: {saldo}"), m_session->actor()));
    QVERIFY(!r);
    QCOMPARE(r.error().code, QStringLiteral("templates.missing_placeholder"));
}

void TestSettingsPanel::staffAndManagerAreRefusedByTheEngine_data()
{
    QTest::addColumn<int>("role");
    QTest::newRow("staff") << int(domain::StaffRole::Staff);
    QTest::newRow("manager") << int(domain::StaffRole::Manager);
}

void TestSettingsPanel::staffAndManagerAreRefusedByTheEngine()
{
    QFETCH(int, role);
    auto session = test::signIn(m_engine.get(), domain::StaffRole(role));
    QVERIFY(session);
    const QString actor = session->actor();
    const auto forbidden = [](const common::Error &e) { return e.code == QLatin1String("auth.forbidden"); };
    auto set = await(m_engine->setSetting(QStringLiteral("send_rate_per_sec"), QStringLiteral("3"), actor));
    QVERIFY(!set && forbidden(set.error()));
    auto qris = await(m_engine->setQrisStatic(QString(), actor));
    QVERIFY(!qris && forbidden(qris.error()));
    auto key = await(m_engine->setQrisListenerKey(QString(), actor));
    QVERIFY(!key && forbidden(key.error()));
    auto file = await(m_engine->saveConfigValues({{QStringLiteral("KEDAI_SHOP_NAME"), QStringLiteral("X")}}, actor));
    QVERIFY(!file && forbidden(file.error()));
    auto tpl = await(m_engine->setReplyTemplate(QStringLiteral("id"), QStringLiteral("saldo"),
                                                QStringLiteral("{saldo} {tier}!"), actor));
    QVERIFY(!tpl && forbidden(tpl.error()));
    auto backup = await(m_engine->backupNow(m_dir.filePath(QStringLiteral("b")), actor));
    QVERIFY(!backup && forbidden(backup.error()));
    QVERIFY(await(m_engine->setting(QStringLiteral("send_rate_per_sec"))).value() != QStringLiteral("3"));

    // Their panel says so and lets them change nothing.
    gui::SettingsPanel panel(m_engine.get(), session.get());
    QVERIFY(!panel.tabs()->isEnabled());
    QVERIFY(panel.findChild<QLabel *>(QStringLiteral("forbiddenLabel")));
}

void TestSettingsPanel::connectionTestsAgainstAClosedPortDoNotFreeze()
{
    const quint16 port = closedPort();
    gui::ConnectionSettingsPage *page = m_panel->connectionsPage();
    page->databaseEdit()->setText(QStringLiteral("postgresql://kedai@127.0.0.1:%1/kedai").arg(port));
    page->redisEdit()->setText(QStringLiteral("redis://127.0.0.1:%1/0").arg(port));
    // The event loop keeps running while both tests are under way: a timer keeps firing.
    int ticks = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
    ticker.start(10);
    QElapsedTimer clock;
    clock.start();
    page->databaseTest()->start();
    page->redisTest()->start();
    QVERIFY(page->databaseTest()->isBusy() || !page->databaseTest()->resultLabel()->text().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!page->databaseTest()->isBusy() && !page->redisTest()->isBusy(), 8000);
    QVERIFY(clock.elapsed() < 7000);
    QVERIFY(ticks > 0);
    for (auto *row : {page->databaseTest(), page->redisTest()}) {
        const QString text = row->resultLabel()->text();
        QVERIFY2(text.contains(QString::number(port)), qPrintable(text));
        QVERIFY(row->button()->isEnabled());
    }

    gui::ChannelSettingsPage *channels = m_panel->channelsPage();
    channels->findChild<QLineEdit *>(QStringLiteral("WAHA_URL"))
        ->setText(QStringLiteral("http://127.0.0.1:%1").arg(port));
    channels->wahaTest()->start();
    QTRY_VERIFY_WITH_TIMEOUT(!channels->wahaTest()->isBusy(), 8000);
    QVERIFY2(channels->wahaTest()->resultLabel()->text().contains(QLatin1String("127.0.0.1")),
             qPrintable(channels->wahaTest()->resultLabel()->text()));
    QVERIFY(channels->findChild<QLabel *>(QStringLiteral("notAvailableLabel")));
}

void TestSettingsPanel::savedSecretsAreEncryptedInTheSettingsFile()
{
    gui::ConnectionSettingsPage *page = m_panel->connectionsPage();
    page->databaseEdit()->setText(QStringLiteral("postgresql://kedai@db.example:5432/kedai"));
    page->findChild<QLineEdit *>(QStringLiteral("databasePasswordEdit"))->setText(QStringLiteral("Sup3r-Secret-Pw"));
    page->redisEdit()->clear();
    page->save();
    auto *message = page->findChild<QLabel *>(QStringLiteral("connectionsMessage"));
    QTRY_VERIFY(message->text().contains(QLatin1String("Restart")));
    QFile file(m_engine->config().settingsPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.contains("db.example"));
    QVERIFY(!bytes.contains("Sup3r-Secret-Pw"));
    QVERIFY(!bytes.contains(m_engine->config().adminToken.toLatin1()));
    auto reloaded = common::Config::load({{QStringLiteral("KEDAI_DATA_DIR"), m_dir.path()}},
                                         {{QStringLiteral("KEDAI_SECRET_KEY_FILE"),
                                           m_keyDir.filePath(QStringLiteral("secret.key"))}});
    QVERIFY(reloaded);
    QVERIFY(reloaded->databaseUrl.contains(QLatin1String("Sup3r-Secret-Pw")));
    // Back to SQLite for the tests after this one (the running engine is unaffected anyway).
    page->databaseEdit()->setText(m_engine->config().databaseUrl);
    page->findChild<QLineEdit *>(QStringLiteral("databasePasswordEdit"))->clear();
    message->clear();
    page->save();
    QTRY_VERIFY(!message->text().isEmpty());
    QVERIFY(QSettings(m_engine->config().settingsPath(), QSettings::IniFormat)
                .value(QStringLiteral("DATABASE_URL"))
                .toString()
                .startsWith(QLatin1String("sqlite://")));
}

void TestSettingsPanel::badConfigValuesAreRefused_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("code");
    QTest::newRow("language") << QStringLiteral("KEDAI_LANGUAGE") << QStringLiteral("fr")
                              << QStringLiteral("settings.bad_value");
    QTest::newRow("empty shop name") << QStringLiteral("KEDAI_SHOP_NAME") << QStringLiteral(" ")
                                     << QStringLiteral("settings.bad_value");
    QTest::newRow("owner number") << QStringLiteral("OWNER_NUMBERS") << QStringLiteral("628111000001, bos")
                                  << QStringLiteral("settings.bad_value");
    QTest::newRow("database scheme") << QStringLiteral("DATABASE_URL") << QStringLiteral("mysql://x@y/z")
                                     << QStringLiteral("settings.bad_value");
    QTest::newRow("waha url") << QStringLiteral("WAHA_URL") << QStringLiteral("localhost:3000")
                              << QStringLiteral("settings.bad_value");
    QTest::newRow("not editable") << QStringLiteral("KEDAI_DATA_DIR") << QStringLiteral("/tmp")
                                  << QStringLiteral("settings.unknown");
}

void TestSettingsPanel::badConfigValuesAreRefused()
{
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(QString, code);
    QFile file(m_engine->config().settingsPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray before = file.readAll();
    file.close();
    // With a good value beside it: nothing at all is written.
    const auto r = await(
        m_engine->saveConfigValues({{name, value}, {QStringLiteral("WAHA_SESSION"), QStringLiteral("changed")}},
                                   m_session->actor()));
    QVERIFY(!r);
    QCOMPARE(r.error().code, code);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), before);
}

void TestSettingsPanel::languageChangeIsSavedAndSignalled()
{
    QSignalSpy changed(m_panel.get(), &gui::SettingsPanel::languageChanged);
    auto *combo = m_panel->findChild<QComboBox *>(QStringLiteral("languageCombo"));
    QVERIFY(combo);
    combo->setCurrentIndex(combo->findData(QStringLiteral("en")));
    m_panel->saveShop();
    QTRY_COMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toString(), QStringLiteral("en"));
    QSettings file(m_engine->config().settingsPath(), QSettings::IniFormat);
    QCOMPARE(file.value(QStringLiteral("KEDAI_LANGUAGE")).toString(), QStringLiteral("en"));
}

void TestSettingsPanel::backupWritesAConsistentCopy()
{
    auto *folder = m_panel->findChild<QLineEdit *>(QStringLiteral("backupFolderEdit"));
    const QString target = m_dir.filePath(QStringLiteral("my-backups"));
    folder->setText(target);
    m_panel->backUpNow();
    auto *message = m_panel->findChild<QLabel *>(QStringLiteral("backupMessage"));
    QTRY_VERIFY_WITH_TIMEOUT(message->text().contains(QLatin1String("kedai-")), 15000);
    const QStringList files = QDir(target).entryList({QStringLiteral("kedai-*.db")}, QDir::Files);
    QCOMPARE(files.size(), 1);
    auto copy = store::Database::open(QStringLiteral("sqlite://") + QDir(target).filePath(files.first()));
    QVERIFY(copy);
}

QTEST_MAIN(TestSettingsPanel)
#include "tst_settingspanel.moc"
