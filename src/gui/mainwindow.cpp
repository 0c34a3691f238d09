#include "gui/mainwindow.h"

#include "engine/engine.h"
#include "gui/constants.h"
#include "gui/panels/chatpanel.h"
#include "gui/panels/conversationspanel.h"
#include "gui/panels/customerspanel.h"
#include "gui/panels/inventorypanel.h"
#include "gui/panels/orderspanel.h"
#include "gui/panels/qrispanel.h"

#include "ui_mainwindow.h"

#include <QApplication>
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

MainWindow::MainWindow(engine::Engine *engine, QWidget *parent)
    : QMainWindow(parent)
    , ui(std::make_unique<Ui::MainWindow>())
    , m_engine(engine)
    , m_inventory(new InventoryPanel(engine, this))
    , m_orders(new OrdersPanel(engine, this))
    , m_customers(new CustomersPanel(engine, this))
    , m_qris(new QrisPanel(engine, this))
    , m_chat(new ChatPanel(engine, this))
    , m_endpointLabel(new QLabel(this))
    , m_healthLabel(new QLabel(this))
    , m_cacheLabel(new QLabel(this))
{
    ui->setupUi(this);
    setWindowTitle(tr("Kedai — %1").arg(m_engine->config().shopName));
    for (const QString &icon : {QStringLiteral(":/icons/kedai.svg"), QStringLiteral(":/icons/kedai.png")}) {
        if (QFile::exists(icon)) {
            setWindowIcon(QIcon(icon));
            break;
        }
    }

    m_inventory->setObjectName(QStringLiteral("inventoryPanel"));
    m_orders->setObjectName(QStringLiteral("ordersPanel"));
    m_customers->setObjectName(QStringLiteral("customersPanel"));
    m_qris->setObjectName(QStringLiteral("qrisPanel"));
    m_chat->setObjectName(QStringLiteral("chatPanel"));
    ui->tabs->addTab(m_inventory, tr("&Inventory"));
    ui->tabs->addTab(m_orders, tr("&Orders"));
    ui->tabs->addTab(m_customers, tr("&Customers"));
    ui->tabs->addTab(m_qris, QString());
    updateQrisTab(0);
    auto *conversations = new ConversationsPanel(engine, this);
    conversations->setObjectName(QStringLiteral("conversationsPanel"));
    ui->tabs->addTab(conversations, tr("Co&nversations"));
    connect(conversations, &ConversationsPanel::statusMessage, this, &MainWindow::showStatus);
    ui->tabs->addTab(m_chat, tr("Chat &simulator"));
    connect(m_inventory, &InventoryPanel::statusMessage, this, &MainWindow::showStatus);
    connect(m_orders, &OrdersPanel::statusMessage, this, &MainWindow::showStatus);
    connect(m_customers, &CustomersPanel::statusMessage, this, &MainWindow::showStatus);
    connect(m_qris, &QrisPanel::statusMessage, this, &MainWindow::showStatus);
    connect(m_qris, &QrisPanel::queueCountChanged, this, &MainWindow::updateQrisTab);
    connect(m_chat, &ChatPanel::statusMessage, this, &MainWindow::showStatus);

    m_endpointLabel->setObjectName(QStringLiteral("endpointLabel"));
    m_endpointLabel->setText(tr("Endpoint: %1").arg(m_engine->httpUrl()));
    m_endpointLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_healthLabel->setObjectName(QStringLiteral("healthLabel"));
    m_cacheLabel->setObjectName(QStringLiteral("cacheLabel"));
    statusBar()->addPermanentWidget(m_endpointLabel);
    statusBar()->addPermanentWidget(m_cacheLabel);
    statusBar()->addPermanentWidget(m_healthLabel);
    updateHealth(m_engine->health());
    connect(m_engine, &engine::Engine::healthChanged, this, &MainWindow::updateHealth);

    connect(ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(ui->actionRefresh, &QAction::triggered, this, &MainWindow::refreshAll);
    connect(ui->actionLanguage, &QAction::triggered, this, &MainWindow::showLanguageNote);
    connect(ui->actionAbout, &QAction::triggered, this, &MainWindow::showAbout);
    connect(ui->actionAboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

MainWindow::~MainWindow() = default;

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
    m_inventory->reload();
    m_orders->reload();
    m_customers->reload();
    m_qris->reload();
    if (auto *conversations = findChild<ConversationsPanel *>(QStringLiteral("conversationsPanel")))
        conversations->reload();
}

void MainWindow::updateQrisTab(int queued)
{
    // Money that matched no order waits for staff: the tab says so from anywhere in the window.
    const int index = ui->tabs->indexOf(m_qris);
    ui->tabs->setTabText(index, queued > 0 ? tr("&QRIS (%1)").arg(queued) : tr("&QRIS"));
    ui->tabs->setTabToolTip(index, queued > 0 ? tr("%n payment(s) matched no order.", nullptr, queued) : QString());
}

void MainWindow::showLanguageNote()
{
    const QString current = m_engine->config().language == QLatin1String("en") ? tr("English") : tr("Indonesian");
    QMessageBox::information(this, tr("Language"),
                             tr("<p>Current language: <b>%1</b>.</p>"
                                "<p>The window and the bot's replies use the language set by <tt>KEDAI_LANGUAGE</tt> "
                                "(<tt>id</tt> or <tt>en</tt>) in the settings file <tt>%2</tt> or in the environment. "
                                "A change takes effect when Kedai is started again.</p>")
                                 .arg(current, m_engine->config().settingsPath().toHtmlEscaped()));
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
