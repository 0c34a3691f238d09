#pragma once

#include "store/reportrepository.h"

#include <QJsonObject>
#include <QTimer>
#include <QWidget>

class QBarSet;
class QChartView;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QValueAxis;

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

class LowStockModel;
class ReloadScheduler;
class Session;
class TopProductsModel;

/// The owner's overview: today's revenue, orders, items sold and waiting QRIS payments; the best
/// sellers of 30 days; products running low; the health of the database, Redis, the channels
/// and the webhook endpoint; revenue per day (30 days) and orders per hour (today) as charts.
/// Live: reloads (coalesced) when orders, stock, the catalog or QRIS payments change, at local
/// midnight and every few minutes. The figures come from Engine::dashboard() on the engine's
/// pool; this panel never touches the database itself.
class DashboardPanel : public QWidget
{
    Q_OBJECT
public:
    DashboardPanel(engine::Engine *engine, Session *session, QWidget *parent = nullptr);
    ~DashboardPanel() override;

    /// True once the first figures have arrived.
    bool hasLoaded() const { return m_loaded; }
    /// A reload is waiting or running.
    bool isReloading() const;
    /// The figures on screen.
    const store::DashboardStats &stats() const { return m_stats; }
    TopProductsModel *topProductsModel() const { return m_topProducts; }
    LowStockModel *lowStockModel() const { return m_lowStock; }
    /// Revenue per day: 30 points, x = local midnight of the day (ms since the epoch), y = rupiah.
    QLineSeries *revenueSeries() const { return m_revenueSeries; }
    /// Orders per hour of today: 24 values.
    QBarSet *ordersPerHourSet() const { return m_hourSet; }

    void reload();

Q_SIGNALS:
    void statusMessage(const QString &text);

private:
    struct Tile
    {
        QLabel *value = nullptr;
        QLabel *detail = nullptr;
    };

    QWidget *makeTile(const QString &title, const QString &name, Tile &tile);
    QWidget *makeHealthBox();
    QChartView *makeRevenueChart();
    QChartView *makeHourlyChart();
    void load();
    void showStats(store::DashboardStats stats);
    void showCharts();
    void showLowStockAlert();
    void updateHealth(const QJsonObject &health);
    /// Re-arms the refresh timer: a few minutes from now, or just after local midnight if sooner.
    void armRefresh();

    engine::Engine *m_engine;
    Session *m_session;
    store::DashboardStats m_stats;
    TopProductsModel *m_topProducts;
    LowStockModel *m_lowStock;
    ReloadScheduler *m_reload;
    Tile m_revenueTile;
    Tile m_ordersTile;
    Tile m_itemsTile;
    Tile m_pendingTile;
    QLabel *m_lowStockAlert = nullptr;
    QLabel *m_errorLabel = nullptr;
    QLabel *m_updatedLabel = nullptr;
    QLabel *m_databaseHealth = nullptr;
    QLabel *m_redisHealth = nullptr;
    QLabel *m_channelsHealth = nullptr;
    QLabel *m_webhookHealth = nullptr;
    QLineSeries *m_revenueSeries = nullptr;
    QDateTimeAxis *m_dayAxis = nullptr;
    QValueAxis *m_revenueAxis = nullptr;
    QBarSet *m_hourSet = nullptr;
    QValueAxis *m_hourValueAxis = nullptr;
    QTimer m_refreshTimer;
    bool m_loaded = false;
};

} // namespace kedai::gui
