#include "gui/mainwindow.h"

#include "engine/engine.h"
#include "gui/constants.h"
#include "gui/dialogs/changepassworddialog.h"
#include "gui/dialogs/staffaccountsdialog.h"
#include "gui/idlelock.h"
#include "gui/labels.h"
#include "gui/layoutmemory.h"
#include "gui/panels/auditpanel.h"
#include "gui/panels/chatpanel.h"
#include "gui/panels/conversationspanel.h"
#include "gui/panels/customerspanel.h"
#include "gui/panels/dashboardpanel.h"
#include "gui/panels/inventorypanel.h"
#include "gui/panels/logspanel.h"
#include "gui/panels/orderspanel.h"
#include "gui/panels/qrispanel.h"
#include "gui/panels/settingspanel.h"
#include "gui/screenshottour.h"
#include "gui/session.h"

#include "ui_mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QMessageBox>
#include <QStatusBar>

namespace kedai::gui {

namespace {

QString jsonText(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return value.toVariant().toString();
}

} // namespace

MainWindow::MainWindow(engine::Engine *engine, Session *session, QWidget *parent)
    : QMainWindow(parent)
    , ui(std::make_unique<Ui::MainWindow>())
    , m_engine(engine)
    , m_session(session)
    , m_dashboard(new DashboardPanel(engine, session, this))
    , m_inventory(new InventoryPanel(engine, session, this))
    , m_orders(new OrdersPanel(engine, session, this))
    , m_customers(new CustomersPanel(engine, session, this))
    , m_qris(new QrisPanel(engine, session, this))
    , m_conversations(new ConversationsPanel(engine, session, this))
    , m_chat(new ChatPanel(engine, session, this))
    , m_audit(new AuditPanel(engine, session, this))
    , m_logs(new LogsPanel(this))
    , m_settings(new SettingsPanel(engine, session, this))
    , m_idleLock(new IdleLock(engine, session, this))
    , m_userLabel(new QLabel(this))
    , m_endpointLabel(new QLabel(this))
    , m_healthLabel(new QLabel(this))
    , m_cacheLabel(new QLabel(this))
{
    ui->setupUi(this);
    // Per data folder, so that two shops on one PC (and the tests) keep their own layout.
    LayoutMemory::setFile(QDir(m_engine->config().dataDir).filePath(QStringLiteral("kedai-window.ini")));
    setWindowTitle(tr("Kedai — %1").arg(m_engine->config().shopName));
    for (const QString &icon : {QStringLiteral(":/icons/kedai.svg"), QStringLiteral(":/icons/kedai.png")}) {
        if (QFile::exists(icon)) {
            setWindowIcon(QIcon(icon));
            break;
        }
    }

    // Ctrl+1 … Ctrl+9, Ctrl+0 follow this order.
    addPanel(m_dashboard, QStringLiteral("dashboardPanel"), tr("&Dashboard"));
    addPanel(m_inventory, QStringLiteral("inventoryPanel"), tr("&Inventory"));
    addPanel(m_orders, QStringLiteral("ordersPanel"), tr("&Orders"));
    addPanel(m_customers, QStringLiteral("customersPanel"), tr("&Customers"));
    addPanel(m_qris, QStringLiteral("qrisPanel"), QString());
    updateQrisTab(0);
    addPanel(m_conversations, QStringLiteral("conversationsPanel"), tr("Co&nversations"));
    addPanel(m_chat, QStringLiteral("chatPanel"), tr("Chat &simulator"));
    addPanel(m_audit, QStringLiteral("auditPanel"), tr("&Audit"));
    addPanel(m_logs, QStringLiteral("logsPanel"), tr("&Logs"));
    addPanel(m_settings, QStringLiteral("settingsPanel"), tr("Se&ttings"));
    for (int i = 0; i < ui->tabs->count() && i < 10; ++i) {
        auto *go = new QAction(this);
        go->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + (i == 9 ? -1 : i))));
        connect(go, &QAction::triggered, this, [this, i] {
            if (ui->tabs->isTabVisible(i))
                ui->tabs->setCurrentIndex(i);
        });
        addAction(go);
    }

    connect(m_dashboard, &DashboardPanel::statusMessage, this, &MainWindow::showStatus);
    connect(m_inventory, &InventoryPanel::statusMessage, this, &MainWindow::showStatus);
    connect(m_orders, &OrdersPanel::statusMessage, this, &MainWindow::showStatus);
    connect(m_customers, &CustomersPanel::statusMessage, this, &MainWindow::showStatus);
    connect(m_qris, &QrisPanel::statusMessage, this, &MainWindow::showStatus);
    connect(m_qris, &QrisPanel::queueCountChanged, this, &MainWindow::updateQrisTab);
    connect(m_conversations, &ConversationsPanel::statusMessage, this, &MainWindow::showStatus);
    connect(m_chat, &ChatPanel::statusMessage, this, &MainWindow::showStatus);
    connect(m_settings, &SettingsPanel::statusMessage, this, &MainWindow::showStatus);
    connect(m_settings, &SettingsPanel::languageChanged, this, &MainWindow::languageChangeRequested);

    m_userLabel->setObjectName(QStringLiteral("userLabel"));
    m_endpointLabel->setObjectName(QStringLiteral("endpointLabel"));
    m_endpointLabel->setText(tr("Endpoint: %1").arg(m_engine->httpUrl()));
    m_endpointLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_healthLabel->setObjectName(QStringLiteral("healthLabel"));
    m_cacheLabel->setObjectName(QStringLiteral("cacheLabel"));
    statusBar()->addPermanentWidget(m_userLabel);
    statusBar()->addPermanentWidget(m_endpointLabel);
    statusBar()->addPermanentWidget(m_cacheLabel);
    statusBar()->addPermanentWidget(m_healthLabel);
    updateHealth(m_engine->health());
    connect(m_engine, &engine::Engine::healthChanged, this, &MainWindow::updateHealth);

    connect(ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(ui->actionRefresh, &QAction::triggered, this, &MainWindow::refreshAll);
    connect(ui->actionLanguage, &QAction::triggered, this, &MainWindow::showLanguage);
    connect(ui->actionAbout, &QAction::triggered, this, &MainWindow::showAbout);
    connect(ui->actionAboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
    connect(ui->actionLock, &QAction::triggered, m_idleLock, &IdleLock::lockNow);
    connect(ui->actionChangePassword, &QAction::triggered, this, &MainWindow::showChangePassword);
    connect(ui->actionStaffAccounts, &QAction::triggered, this, &MainWindow::showStaffAccounts);

    // Someone else signed in at the lock screen: their tabs and actions.
    connect(m_session, &Session::changed, this, &MainWindow::applyPermissions);
    applyPermissions();
    restoreLayout();
    m_idleLock->start();
}

MainWindow::~MainWindow() = default;

void MainWindow::addPanel(QWidget *panel, const QString &objectName, const QString &title)
{
    panel->setObjectName(objectName);
    ui->tabs->addTab(panel, title);
}

bool MainWindow::isTabShown(QWidget *panel) const
{
    const int index = ui->tabs->indexOf(panel);
    return index >= 0 && ui->tabs->isTabVisible(index);
}

void MainWindow::applyPermissions()
{
    using domain::Permission;
    ui->tabs->setTabVisible(ui->tabs->indexOf(m_audit), m_session->can(Permission::ViewAudit));
    ui->tabs->setTabVisible(ui->tabs->indexOf(m_settings), m_session->can(Permission::EditSettings));
    ui->actionStaffAccounts->setVisible(m_session->can(Permission::ManageStaff));
    if (!ui->tabs->isTabVisible(ui->tabs->currentIndex()))
        ui->tabs->setCurrentIndex(0);
    updateUserLabel();
}

void MainWindow::updateUserLabel()
{
    m_userLabel->setText(tr("Signed in: %1 (%2)").arg(m_session->displayName(), Labels::staffRole(m_session->role())));
}

void MainWindow::restoreLayout()
{
    const QByteArray geometry = LayoutMemory::value(QStringLiteral("window/geometry"));
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    const QByteArray state = LayoutMemory::value(QStringLiteral("window/state"));
    if (!state.isEmpty())
        restoreState(state);
    const int tab = LayoutMemory::value(QStringLiteral("window/tab")).toInt();
    if (tab > 0 && tab < ui->tabs->count() && ui->tabs->isTabVisible(tab))
        ui->tabs->setCurrentIndex(tab);
}

void MainWindow::saveLayout()
{
    LayoutMemory::setValue(QStringLiteral("window/geometry"), saveGeometry());
    LayoutMemory::setValue(QStringLiteral("window/state"), saveState());
    LayoutMemory::setValue(QStringLiteral("window/tab"), QByteArray::number(ui->tabs->currentIndex()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
}

void MainWindow::takeScreenshots(const QString &dir)
{
    auto *tour = new ScreenshotTour(this, ui->tabs, m_engine, dir, this);
    connect(tour, &ScreenshotTour::finished, this, [this, tour](bool ok) {
        tour->deleteLater();
        Q_EMIT screenshotsDone(ok);
    });
    tour->start();
}

void MainWindow::showStaffAccounts()
{
    auto *dialog = new StaffAccountsDialog(m_engine, m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showChangePassword()
{
    auto *dialog = new ChangePasswordDialog(m_engine, m_session, m_session->user(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::updateHealth(const QJsonObject &health)
{
    const QString status = health.value(QStringLiteral("status")).toString();
    const bool ok = status == QLatin1String("ok");
    m_healthLabel->setText(ok ? tr("Health: OK") : tr("Health: %1").arg(status.isEmpty() ? tr("unknown") : status));
    m_healthLabel->setStyleSheet(ok ? QStringLiteral("color: #1e8449;") : QStringLiteral("color: #c0392b;"));
    QStringList lines;
    for (auto it = health.begin(); it != health.end(); ++it)
        lines << it.key() + QStringLiteral(": ") + jsonText(it.value());
    m_healthLabel->setToolTip(lines.join(QLatin1Char('\n')));
    // A channel in trouble is said in words the owner can act on (the replies wait meanwhile).
    const QJsonObject channels = health.value(QStringLiteral("channels")).toObject();
    QStringList alerts;
    for (auto it = channels.begin(); it != channels.end(); ++it) {
        const QString state = it.value().toString();
        const QString channel = it.key() == QLatin1String("whatsapp") ? tr("WhatsApp Cloud API")
                                : it.key() == QLatin1String("waha")   ? tr("WAHA")
                                                                      : it.key();
        if (state == QLatin1String("token_expired"))
            alerts << tr("%1: the access token expired. Replies wait: renew WA_ACCESS_TOKEN and restart Kedai.")
                          .arg(channel);
        else if (state == QLatin1String("auth_failed"))
            alerts << tr("%1 refuses the API key. Replies wait: check WAHA_API_KEY.").arg(channel);
        else if (state == QLatin1String("failing"))
            alerts << tr("%1 does not answer. Replies wait and are retried.").arg(channel);
        else if (state == QLatin1String("unconfigured"))
            alerts << tr("%1 is not set up completely.").arg(channel);
    }
    if (!alerts.isEmpty()) {
        m_healthLabel->setText(QStringLiteral("⚠ ") + alerts.first());
        m_healthLabel->setToolTip(alerts.join(QLatin1Char('\n')) + QStringLiteral("\n\n")
                                  + lines.join(QLatin1Char('\n')));
    }

    // Redis apart: while it is down the shop keeps selling on the in-process fallback, and the
    // owner should know that limits and caches are no longer shared between instances.
    const QString redis = health.value(QStringLiteral("redis")).toString();
    if (redis == QLatin1String("ok")) {
        m_cacheLabel->setText(tr("Redis: OK"));
        m_cacheLabel->setToolTip(tr("Rate limits, locks and the cache are shared through Redis."));
        m_cacheLabel->setStyleSheet(QStringLiteral("color: #1e8449;"));
    } else if (redis.startsWith(QLatin1String("down"))) {
        m_cacheLabel->setText(tr("Redis: down (using the in-process fallback)"));
        m_cacheLabel->setToolTip(tr("Redis does not answer. Sales go on with in-process limits and cache; "
                                    "Kedai reconnects by itself. Check that the Redis server is running."));
        m_cacheLabel->setStyleSheet(QStringLiteral("color: #c0392b;"));
    } else {
        m_cacheLabel->setText(tr("Cache: in-process"));
        m_cacheLabel->setToolTip(tr("No Redis is configured (REDIS_URL): limits and cache live in this program."));
        m_cacheLabel->setStyleSheet(QString());
    }
}

void MainWindow::showStatus(const QString &text)
{
    statusBar()->showMessage(text, kStatusTimeoutMs);
}

void MainWindow::refreshAll()
{
    m_dashboard->reload();
    m_inventory->reload();
    m_orders->reload();
    m_customers->reload();
    m_qris->reload();
    m_conversations->reload();
    m_audit->reload();
}

void MainWindow::updateQrisTab(int queued)
{
    // Money that matched no order waits for staff: the tab says so from anywhere in the window.
    const int index = ui->tabs->indexOf(m_qris);
    ui->tabs->setTabText(index, queued > 0 ? tr("&QRIS (%1)").arg(queued) : tr("&QRIS"));
    ui->tabs->setTabToolTip(index, queued > 0 ? tr("%n payment(s) matched no order.", nullptr, queued) : QString());
}

void MainWindow::showLanguage()
{
    if (m_session->can(domain::Permission::EditSettings)) {
        ui->tabs->setCurrentWidget(m_settings);
        m_settings->tabs()->setCurrentIndex(0); // the shop page has the language
        return;
    }
    const QString current = m_engine->config().language == QLatin1String("en") ? tr("English") : tr("Indonesian");
    QMessageBox::information(this, tr("Language"),
                             tr("<p>Current language: <b>%1</b>.</p>"
                                "<p>The shop owner chooses the language of the window and of the bot in "
                                "<b>Settings</b>.</p>")
                                 .arg(current));
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Kedai"),
                       tr("<h3>Kedai %1</h3>"
                          "<p>Shop management with a WhatsApp sales bot.</p>"
                          "<p>Data folder: <tt>%2</tt><br>HTTP endpoint: <tt>%3</tt></p>")
                           .arg(QStringLiteral(KEDAI_VERSION), m_engine->config().dataDir.toHtmlEscaped(),
                                m_engine->httpUrl().toHtmlEscaped()));
}

} // namespace kedai::gui
