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
class AuditPanel;
class ChatPanel;
class ConversationsPanel;
class CustomersPanel;
class DashboardPanel;
class IdleLock;
class InventoryPanel;
class LogsPanel;
class OrdersPanel;
class QrisPanel;
class Session;
class SettingsPanel;

/// The desktop window: Dashboard, Inventory, Orders, Customers, QRIS, Conversations, the chat
/// simulator, Audit, Logs and Settings, all live on the engine's signals. The tabs a role may
/// not use are hidden (and the engine refuses their changes anyway); the status bar shows who is
/// signed in, the HTTP endpoint and the engine's health. The size, position, open tab and table
/// columns are remembered per data folder; the window locks itself after idle time.
/// The engine and the session must outlive the window.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(engine::Engine *engine, Session *session, QWidget *parent = nullptr);
    ~MainWindow() override;

    DashboardPanel *dashboardPanel() const { return m_dashboard; }
    InventoryPanel *inventoryPanel() const { return m_inventory; }
    OrdersPanel *ordersPanel() const { return m_orders; }
    CustomersPanel *customersPanel() const { return m_customers; }
    QrisPanel *qrisPanel() const { return m_qris; }
    ConversationsPanel *conversationsPanel() const { return m_conversations; }
    ChatPanel *chatPanel() const { return m_chat; }
    AuditPanel *auditPanel() const { return m_audit; }
    LogsPanel *logsPanel() const { return m_logs; }
    SettingsPanel *settingsPanel() const { return m_settings; }
    IdleLock *idleLock() const { return m_idleLock; }

    /// Whether the tab of `panel` is shown to the signed-in user.
    bool isTabShown(QWidget *panel) const;
    /// Shows each tab in turn and saves it as a PNG in `dir` (scripts/screenshots.sh); emits
    /// screenshotsDone when finished.
    void takeScreenshots(const QString &dir);

Q_SIGNALS:
    /// The owner saved another language: the application builds the window again in it.
    void languageChangeRequested(const QString &code);
    void screenshotsDone(bool ok);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void addPanel(QWidget *panel, const QString &objectName, const QString &title);
    void applyPermissions();
    void updateHealth(const QJsonObject &health);
    void updateUserLabel();
    void showLanguage();
    void showAbout();
    void showStaffAccounts();
    void showChangePassword();
    void showStatus(const QString &text);
    void refreshAll();
    void updateQrisTab(int queued);
    void restoreLayout();
    void saveLayout();

    std::unique_ptr<Ui::MainWindow> ui;
    engine::Engine *m_engine;
    Session *m_session;
    DashboardPanel *m_dashboard;
    InventoryPanel *m_inventory;
    OrdersPanel *m_orders;
    CustomersPanel *m_customers;
    QrisPanel *m_qris;
    ConversationsPanel *m_conversations;
    ChatPanel *m_chat;
    AuditPanel *m_audit;
    LogsPanel *m_logs;
    SettingsPanel *m_settings;
    IdleLock *m_idleLock;
    QLabel *m_userLabel;
    QLabel *m_endpointLabel;
    QLabel *m_healthLabel;
    QLabel *m_cacheLabel; ///< Redis, or the in-process fallback
};

} // namespace kedai::gui
