#pragma once

#include <QWidget>

#include <memory>

class QSortFilterProxyModel;

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

namespace Ui {
class OrdersPanel;
}
class OrderTableModel;
class ReloadScheduler;

/// The live order list, newest first, filtered by status. Reloads on the engine's orderChanged.
class OrdersPanel : public QWidget
{
    Q_OBJECT
public:
    explicit OrdersPanel(engine::Engine *engine, QWidget *parent = nullptr);
    ~OrdersPanel() override;

    OrderTableModel *orderModel() const { return m_orders; }
    /// True once the first order list has arrived.
    bool hasLoaded() const { return m_loaded; }

    void reload();

Q_SIGNALS:
    void statusMessage(const QString &text);

private:
    void loadOrders();

    std::unique_ptr<Ui::OrdersPanel> ui;
    engine::Engine *m_engine;
    OrderTableModel *m_orders;
    QSortFilterProxyModel *m_proxy;
    ReloadScheduler *m_reload;
    bool m_loaded = false;
};

} // namespace kedai::gui
