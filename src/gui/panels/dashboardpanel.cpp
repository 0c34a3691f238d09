#include "gui/panels/dashboardpanel.h"

#include "common/money.h"
#include "engine/engine.h"
#include "gui/async.h"
#include "gui/models/lowstockmodel.h"
#include "gui/models/topproductsmodel.h"
#include "gui/reloadscheduler.h"
#include "gui/session.h"

#include <QBarSeries>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QFormLayout>
#include <QFrame>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace kedai::gui {

namespace {

/// Engine signals within this time cause one reload: a busy shop does not re-run the reports
/// for every sale, and a sale still shows within a second.
constexpr int kDashboardReloadDelayMs = 500;
/// Figures are refreshed at least this often even when nothing signals (another instance's
/// sales on a shared PostgreSQL, the hour moving on).
constexpr int kRefreshMs = 5 * 60 * 1000;

const QString kOk = QStringLiteral("color: #1e8449;");
const QString kBad = QStringLiteral("color: #c0392b;");
const QString kWarn = QStringLiteral("color: #b9770e;");

void setState(QLabel *label, const QString &text, const QString &style)
{
    label->setText(text);
    label->setStyleSheet(style);
}

QTableView *makeTable(QAbstractItemModel *model, int stretchColumn, const QString &name)
{
    auto *view = new QTableView;
    view->setObjectName(name);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->horizontalHeader()->setSectionResizeMode(stretchColumn, QHeaderView::Stretch);
    return view;
}

} // namespace

DashboardPanel::DashboardPanel(engine::Engine *engine, Session *session, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_session(session)
    , m_topProducts(new TopProductsModel(this))
    , m_lowStock(new LowStockModel(this))
    , m_reload(new ReloadScheduler([this] { load(); }, this, kDashboardReloadDelayMs))
{
    setObjectName(QStringLiteral("dashboardPanel"));
    auto *layout = new QVBoxLayout(this);

    auto *tiles = new QHBoxLayout;
    tiles->addWidget(makeTile(tr("Revenue today"), QStringLiteral("revenue"), m_revenueTile));
    tiles->addWidget(makeTile(tr("Orders today"), QStringLiteral("orders"), m_ordersTile));
    tiles->addWidget(makeTile(tr("Items sold today"), QStringLiteral("items"), m_itemsTile));
    tiles->addWidget(makeTile(tr("Waiting QRIS payments"), QStringLiteral("pending"), m_pendingTile));
    layout->addLayout(tiles);

    m_lowStockAlert = new QLabel;
    m_lowStockAlert->setObjectName(QStringLiteral("lowStockAlert"));
    QFont bold = m_lowStockAlert->font();
    bold.setBold(true);
    m_lowStockAlert->setFont(bold);
    m_lowStockAlert->hide();
    layout->addWidget(m_lowStockAlert);
    m_errorLabel = new QLabel;
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setStyleSheet(kBad);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->hide();
    layout->addWidget(m_errorLabel);

    auto *charts = new QHBoxLayout;
    charts->addWidget(makeRevenueChart(), 3);
    charts->addWidget(makeHourlyChart(), 2);
    layout->addLayout(charts, 1);

    auto *lists = new QHBoxLayout;
    auto *topBox = new QGroupBox(tr("Best sellers (30 days)"));
    (new QVBoxLayout(topBox))
        ->addWidget(makeTable(m_topProducts, TopProductsModel::NameColumn, QStringLiteral("topProductsView")));
    auto *lowBox = new QGroupBox(tr("Low stock"));
    (new QVBoxLayout(lowBox))
        ->addWidget(makeTable(m_lowStock, LowStockModel::NameColumn, QStringLiteral("lowStockView")));
    lists->addWidget(topBox, 3);
    lists->addWidget(lowBox, 2);
    lists->addWidget(makeHealthBox(), 2);
    layout->addLayout(lists, 1);

    m_updatedLabel = new QLabel;
    m_updatedLabel->setObjectName(QStringLiteral("updatedLabel"));
    m_updatedLabel->setAlignment(Qt::AlignRight);
    layout->addWidget(m_updatedLabel);

    connect(m_engine, &engine::Engine::catalogChanged, m_reload, &ReloadScheduler::schedule);
    connect(m_engine, &engine::Engine::orderChanged, m_reload, &ReloadScheduler::schedule);
    connect(m_engine, &engine::Engine::stockChanged, m_reload, &ReloadScheduler::schedule);
    connect(m_engine, &engine::Engine::qrisPaymentChanged, m_reload, &ReloadScheduler::schedule);
    connect(m_engine, &engine::Engine::healthChanged, this, &DashboardPanel::updateHealth);
    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, m_reload, &ReloadScheduler::reloadNow);

    updateHealth(m_engine->health());
    m_reload->reloadNow();
}

DashboardPanel::~DashboardPanel() = default;

bool DashboardPanel::isReloading() const
{
    return m_reload->isBusy();
}

void DashboardPanel::reload()
{
    m_reload->reloadNow();
}

QWidget *DashboardPanel::makeTile(const QString &title, const QString &name, Tile &tile)
{
    auto *frame = new QFrame;
    frame->setObjectName(name + QStringLiteral("Tile"));
    frame->setFrameShape(QFrame::StyledPanel);
    auto *box = new QVBoxLayout(frame);
    auto *caption = new QLabel(title);
    tile.value = new QLabel(QStringLiteral("…"));
    tile.value->setObjectName(name + QStringLiteral("Value"));
    QFont big = tile.value->font();
    big.setPointSizeF(big.pointSizeF() * 1.8);
    big.setBold(true);
    tile.value->setFont(big);
    tile.value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    tile.detail = new QLabel;
    tile.detail->setObjectName(name + QStringLiteral("Detail"));
    box->addWidget(caption);
    box->addWidget(tile.value);
    box->addWidget(tile.detail);
    return frame;
}

QWidget *DashboardPanel::makeHealthBox()
{
    auto *box = new QGroupBox(tr("Health"));
    auto *form = new QFormLayout(box);
    const auto add = [form](const QString &label, const QString &name) {
        auto *value = new QLabel(tr("Unknown"));
        value->setObjectName(name);
        value->setWordWrap(true);
        form->addRow(label, value);
        return value;
    };
    m_databaseHealth = add(tr("Database"), QStringLiteral("databaseHealth"));
    m_redisHealth = add(tr("Redis"), QStringLiteral("redisHealth"));
    m_channelsHealth = add(tr("Channels"), QStringLiteral("channelsHealth"));
    m_webhookHealth = add(tr("Webhook endpoint"), QStringLiteral("webhookHealth"));
    return box;
}

QChartView *DashboardPanel::makeRevenueChart()
{
    m_revenueSeries = new QLineSeries;
    m_revenueSeries->setName(tr("Revenue"));
    m_revenueSeries->setPointsVisible(true);
    auto *chart = new QChart;
    chart->setTitle(tr("Revenue per day, last 30 days"));
    chart->addSeries(m_revenueSeries);
    chart->legend()->hide();
    m_dayAxis = new QDateTimeAxis;
    m_dayAxis->setFormat(QStringLiteral("d MMM"));
    m_dayAxis->setTickCount(6);
    chart->addAxis(m_dayAxis, Qt::AlignBottom);
    m_revenueSeries->attachAxis(m_dayAxis);
    m_revenueAxis = new QValueAxis;
    m_revenueAxis->setLabelFormat(QStringLiteral("%.0f"));
    m_revenueAxis->setTitleText(tr("Rupiah"));
    chart->addAxis(m_revenueAxis, Qt::AlignLeft);
    m_revenueSeries->attachAxis(m_revenueAxis);
    auto *view = new QChartView(chart);
    view->setObjectName(QStringLiteral("revenueChart"));
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(220);
    return view;
}

QChartView *DashboardPanel::makeHourlyChart()
{
    m_hourSet = new QBarSet(tr("Orders"));
    for (int h = 0; h < 24; ++h)
        *m_hourSet << 0;
    auto *series = new QBarSeries;
    series->append(m_hourSet);
    auto *chart = new QChart;
    chart->setTitle(tr("Orders per hour, today"));
    chart->addSeries(series);
    chart->legend()->hide();
    // Bar i stands at x = i. 24 labels side by side do not fit in half a window: every third.
    auto *hourAxis = new QCategoryAxis;
    hourAxis->setRange(-0.5, 23.5);
    hourAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    for (int h = 0; h < 24; h += 3)
        hourAxis->append(QStringLiteral("%1:00").arg(h, 2, 10, QLatin1Char('0')), h);
    chart->addAxis(hourAxis, Qt::AlignBottom);
    series->attachAxis(hourAxis);
    m_hourValueAxis = new QValueAxis;
    m_hourValueAxis->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(m_hourValueAxis, Qt::AlignLeft);
    series->attachAxis(m_hourValueAxis);
    auto *view = new QChartView(chart);
    view->setObjectName(QStringLiteral("hourlyChart"));
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(220);
    return view;
}

void DashboardPanel::load()
{
    onReady(m_engine->dashboard(QDate::currentDate()), this, [this](common::Result<store::DashboardStats> result) {
        m_reload->finished();
        armRefresh();
        if (!result) {
            m_errorLabel->setText(tr("Could not load the dashboard: %1").arg(result.error().message));
            m_errorLabel->show();
            Q_EMIT statusMessage(m_errorLabel->text());
            return;
        }
        m_errorLabel->hide();
        showStats(std::move(result).value());
    });
}

void DashboardPanel::showStats(store::DashboardStats stats)
{
    m_stats = std::move(stats);
    m_revenueTile.value->setText(common::formatRupiah(m_stats.revenueToday));
    m_revenueTile.detail->setText(tr("Paid and delivered orders, refunds excluded"));
    m_ordersTile.value->setText(QString::number(m_stats.ordersToday));
    m_ordersTile.detail->setText(QLocale().toString(m_stats.today, QLocale::LongFormat));
    m_itemsTile.value->setText(QString::number(m_stats.itemsSoldToday));
    m_itemsTile.detail->setText(tr("Stock items delivered or paid for"));
    m_pendingTile.value->setText(QString::number(m_stats.pendingPayments));
    m_pendingTile.detail->setText(m_stats.pendingPayments == 0
                                      ? tr("Nothing waiting")
                                      : tr("%1 to be paid").arg(common::formatRupiah(m_stats.pendingPayable)));
    m_topProducts->setProducts(m_stats.topProducts);
    m_lowStock->setProducts(m_stats.lowStock);
    showLowStockAlert();
    showCharts();
    m_updatedLabel->setText(tr("Updated %1").arg(QLocale().toString(QTime::currentTime(), QLocale::ShortFormat)));
    m_loaded = true;
}

void DashboardPanel::showCharts()
{
    QList<QPointF> points;
    common::Rupiah maxRevenue = 0;
    for (int i = 0; i < m_stats.revenuePerDay.size(); ++i) {
        const QDate day = m_stats.firstDay().addDays(i);
        points << QPointF(qreal(day.startOfDay().toMSecsSinceEpoch()), qreal(m_stats.revenuePerDay.at(i)));
        maxRevenue = std::max(maxRevenue, m_stats.revenuePerDay.at(i));
    }
    m_revenueSeries->replace(points);
    m_dayAxis->setRange(m_stats.firstDay().startOfDay(), m_stats.today.startOfDay());
    m_revenueAxis->setRange(0, maxRevenue > 0 ? qreal(maxRevenue) : 100'000.0);
    m_revenueAxis->applyNiceNumbers();

    qint64 maxOrders = 0;
    for (int h = 0; h < m_stats.ordersPerHour.size() && h < m_hourSet->count(); ++h) {
        m_hourSet->replace(h, qreal(m_stats.ordersPerHour.at(h)));
        maxOrders = std::max(maxOrders, m_stats.ordersPerHour.at(h));
    }
    // Whole orders only: the top is a multiple of 4 so the five ticks fall on integers.
    const qint64 top = std::max<qint64>(4, (maxOrders + 3) / 4 * 4);
    m_hourValueAxis->setRange(0, qreal(top));
    m_hourValueAxis->setTickCount(5);
}

void DashboardPanel::showLowStockAlert()
{
    const int low = m_lowStock->rowCount();
    if (low == 0) {
        m_lowStockAlert->hide();
        return;
    }
    const int soldOut = m_lowStock->soldOutCount();
    QString text = QStringLiteral("⚠ ") + tr("%n product(s) running low", nullptr, low);
    if (soldOut > 0)
        text += QStringLiteral(" ") + tr("(%n sold out)", nullptr, soldOut);
    setState(m_lowStockAlert, text, soldOut > 0 ? kBad : kWarn);
    m_lowStockAlert->setToolTip(tr("Add stock in the Inventory tab before customers find the products sold out."));
    m_lowStockAlert->show();
}

void DashboardPanel::updateHealth(const QJsonObject &health)
{
    const QString database = health.value(QStringLiteral("database")).toString();
    const QString backend = health.value(QStringLiteral("database_backend")).toString() == QLatin1String("postgresql")
                                ? tr("PostgreSQL")
                                : tr("SQLite");
    if (database == QLatin1String("ok"))
        setState(m_databaseHealth, tr("OK (%1)").arg(backend), kOk);
    else if (database.isEmpty())
        setState(m_databaseHealth, tr("Unknown"), QString());
    else
        setState(m_databaseHealth, tr("Down: %1 does not answer, sales wait").arg(backend), kBad);

    const QString redis = health.value(QStringLiteral("redis")).toString();
    if (redis == QLatin1String("ok"))
        setState(m_redisHealth, tr("OK"), kOk);
    else if (redis.startsWith(QLatin1String("down")))
        setState(m_redisHealth, tr("Down: using the in-process fallback"), kBad);
    else if (redis.isEmpty())
        setState(m_redisHealth, tr("Unknown"), QString());
    else
        setState(m_redisHealth, tr("Not used (in-process)"), QString());

    const QJsonObject channels = health.value(QStringLiteral("channels")).toObject();
    QStringList lines;
    bool channelsOk = true;
    for (auto it = channels.begin(); it != channels.end(); ++it) {
        const QString state = it.value().toString();
        const QString name = it.key() == QLatin1String("whatsapp")    ? tr("WhatsApp Cloud API")
                             : it.key() == QLatin1String("waha")      ? tr("WAHA")
                             : it.key() == QLatin1String("simulator") ? tr("Simulator")
                                                                      : it.key();
        const QString words = state == QLatin1String("ok")              ? tr("OK")
                              : state == QLatin1String("token_expired") ? tr("access token expired")
                              : state == QLatin1String("auth_failed")   ? tr("API key refused")
                              : state == QLatin1String("failing")       ? tr("not answering")
                              : state == QLatin1String("unconfigured")  ? tr("not set up completely")
                                                                        : state;
        channelsOk = channelsOk && state == QLatin1String("ok");
        lines << tr("%1: %2").arg(name, words);
    }
    if (lines.isEmpty())
        setState(m_channelsHealth, tr("Unknown"), QString());
    else
        setState(m_channelsHealth, lines.join(QLatin1Char('\n')), channelsOk ? kOk : kBad);

    // The port is known in memory: no request to our own endpoint from the GUI thread.
    if (m_engine->httpPort() != 0)
        setState(m_webhookHealth, tr("Listening at %1").arg(m_engine->httpUrl()), kOk);
    else
        setState(m_webhookHealth, tr("Not running: webhooks and payment notifications cannot arrive"), kBad);
}

void DashboardPanel::armRefresh()
{
    const QDateTime now = QDateTime::currentDateTime();
    // Half a second after midnight, so that "today" is already the new day.
    const qint64 toMidnight = now.msecsTo(now.date().addDays(1).startOfDay()) + 500;
    m_refreshTimer.start(int(std::clamp<qint64>(toMidnight, 1000, kRefreshMs)));
}

} // namespace kedai::gui
