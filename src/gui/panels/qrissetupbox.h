#pragma once

#include <QGroupBox>

class QLabel;
class QLineEdit;
class QPushButton;

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

class QrisSettingsForm;

/// The owner's QRIS set-up: the shop's static QRIS text (checked by the engine, a refused text
/// changes nothing), the key the phone's notification forwarder sends and the shop settings for
/// QRIS payments. A new key is shown once, with the endpoint and header to enter in the
/// forwarder app. The state follows the engine's qrisSetupChanged, whoever made the change.
class QrisSetupBox : public QGroupBox
{
    Q_OBJECT
public:
    explicit QrisSetupBox(engine::Engine *engine, QWidget *parent = nullptr);
    ~QrisSetupBox() override;

    QrisSettingsForm *settingsForm() const { return m_settings; }
    /// Who makes the changes (the signed-in user's actor; the Engine checks EditSettings).
    void setActor(const QString &actor);

    /// Shows the engine's current QRIS state (in memory: no I/O).
    void refreshStatus();
    /// "<http url>/webhook/payment-notification"
    QString endpointUrl() const;
    static QString apiKeyHeader() { return QStringLiteral("X-Api-Key"); }

Q_SIGNALS:
    void statusMessage(const QString &text);

private:
    void useStatic();
    void askTurnOff();
    void applyStatic(const QString &qris);
    void setKey();
    void hideKey();
    void setBusy(bool busy);
    void showError(const QString &message);

    engine::Engine *m_engine;
    QString m_actor;
    QLabel *m_statusLabel;
    QLineEdit *m_staticEdit;
    QPushButton *m_useButton;
    QPushButton *m_offButton;
    QLabel *m_keyStatusLabel;
    QLineEdit *m_keyEdit;
    QPushButton *m_keyButton;
    QWidget *m_forwarderBox;
    QLineEdit *m_urlField;
    QLineEdit *m_keyField;
    QLabel *m_errorLabel;
    QrisSettingsForm *m_settings;
    bool m_busy = false;
};

} // namespace kedai::gui
