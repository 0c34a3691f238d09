#pragma once

#include <QHash>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTabWidget;

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

class ChannelSettingsPage;
class ConnectionSettingsPage;
class Session;
class TemplateEditor;

/// The owner's Settings: shop profile and language, database and Redis, channels and payment
/// services, reply templates, sending and bot, backups. Values of the configuration contract
/// go to the settings file (secrets encrypted) and apply after a restart; shop settings kept in
/// the database apply at once on every instance. The Engine refuses changes from accounts
/// without Permission::EditSettings (Backups for backups), whatever the window shows.
class SettingsPanel : public QWidget
{
    Q_OBJECT
public:
    SettingsPanel(engine::Engine *engine, Session *session, QWidget *parent = nullptr);

    QTabWidget *tabs() const { return m_tabs; }
    ConnectionSettingsPage *connectionsPage() const { return m_connections; }
    ChannelSettingsPage *channelsPage() const { return m_channels; }
    TemplateEditor *templateEditor() const { return m_templates; }

    /// The shop settings of "Sending and bot" (key → field, and the label for its refusal).
    QLineEdit *sendingField(const QString &key) const { return m_sendingFields.value(key); }
    QLabel *sendingError(const QString &key) const { return m_sendingErrors.value(key); }
    /// True when the saved values have arrived.
    bool sendingLoaded() const { return m_pendingLoads == 0; }
    void saveShop();
    void saveSending();
    void backUpNow();

Q_SIGNALS:
    /// The owner chose another language and it was saved ("id" or "en").
    void languageChanged(const QString &code);
    void statusMessage(const QString &text);

private:
    QWidget *buildShopPage();
    QWidget *buildSendingPage();
    QWidget *buildBackupPage();
    void loadSending();

    engine::Engine *m_engine;
    Session *m_session;
    QTabWidget *m_tabs;
    ConnectionSettingsPage *m_connections = nullptr;
    ChannelSettingsPage *m_channels = nullptr;
    TemplateEditor *m_templates = nullptr;
    QLineEdit *m_shopName = nullptr;
    QLineEdit *m_ownerNumbers = nullptr;
    QComboBox *m_language = nullptr;
    QLabel *m_shopMessage = nullptr;
    QHash<QString, QLineEdit *> m_sendingFields;
    QHash<QString, QLabel *> m_sendingErrors;
    QHash<QString, QString> m_sendingSaved; ///< what the engine has, so Save sends only changes
    QLabel *m_sendingMessage = nullptr;
    int m_pendingLoads = 0;
    QLineEdit *m_backupFolder = nullptr;
    QPushButton *m_backupButton = nullptr;
    QProgressBar *m_backupBusy = nullptr;
    QLabel *m_backupMessage = nullptr;
};

} // namespace kedai::gui
