#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

class ConnectionTestRow;
class QrisSetupBox;
class Session;

/// Settings → Channels and payments: the WhatsApp Cloud API and WAHA (saved in the settings
/// file, secrets encrypted, used after a restart; each with "Test connection"), the QRIS set-up
/// (the QRIS tab's own box, changes apply at once), and the services not built yet.
class ChannelSettingsPage : public QWidget
{
    Q_OBJECT
public:
    ChannelSettingsPage(engine::Engine *engine, Session *session, QWidget *parent = nullptr);

    ConnectionTestRow *cloudTest() const { return m_cloudTest; }
    ConnectionTestRow *wahaTest() const { return m_wahaTest; }
    void save();

Q_SIGNALS:
    void statusMessage(const QString &text);

private:
    QLineEdit *addField(const QString &name, const QString &value, bool secret);

    engine::Engine *m_engine;
    Session *m_session;
    QHash<QString, QLineEdit *> m_fields; ///< by variable name
    ConnectionTestRow *m_cloudTest = nullptr;
    ConnectionTestRow *m_wahaTest = nullptr;
    QrisSetupBox *m_qris = nullptr;
    QPushButton *m_saveButton;
    QLabel *m_message;
};

} // namespace kedai::gui
