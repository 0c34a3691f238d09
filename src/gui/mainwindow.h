#pragma once

#include "gui/translations.h" // installTranslations(), which the application calls first

#include <QJsonObject>
#include <QMainWindow>

#include <memory>

class QLabel;

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

namespace Ui {
class MainWindow;
}
class ChatPanel;
class CustomersPanel;
class InventoryPanel;
class OrdersPanel;
class QrisPanel;

/// The desktop window: Inventory, Orders, Customers, QRIS and the chat simulator, all live on the
/// engine's signals; the status bar shows the HTTP endpoint and the engine's health.
/// The engine must outlive the window.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(engine::Engine *engine, QWidget *parent = nullptr);
    ~MainWindow() override;

    InventoryPanel *inventoryPanel() const { return m_inventory; }
    OrdersPanel *ordersPanel() const { return m_orders; }
    CustomersPanel *customersPanel() const { return m_customers; }
    QrisPanel *qrisPanel() const { return m_qris; }
    ChatPanel *chatPanel() const { return m_chat; }

private:
    void updateHealth(const QJsonObject &health);
    void showLanguageNote();
    void showAbout();
    void showStatus(const QString &text);
    void refreshAll();
    void updateQrisTab(int queued);

    std::unique_ptr<Ui::MainWindow> ui;
    engine::Engine *m_engine;
    InventoryPanel *m_inventory;
    OrdersPanel *m_orders;
    CustomersPanel *m_customers;
    QrisPanel *m_qris;
    ChatPanel *m_chat;
    QLabel *m_endpointLabel;
    QLabel *m_healthLabel;
    QLabel *m_cacheLabel; ///< Redis, or the in-process fallback
};

} // namespace kedai::gui
