#pragma once

#include <QHash>
#include <QList>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

/// The shop settings that shape QRIS payments: the highest unique code (qris_code_max), the
/// deposit bonus (deposit_bonus) and the payment apps whose notifications count (qris_apps).
/// "Save settings" saves the changed ones one after another, the typed bonus first, and stops
/// at the first refusal: a refused bonus leaves every setting as it was.
class QrisSettingsForm : public QWidget
{
    Q_OBJECT
public:
    explicit QrisSettingsForm(engine::Engine *engine, QWidget *parent = nullptr);
    ~QrisSettingsForm() override;

    /// Reads the saved values from the engine (unsaved edits are replaced when they arrive).
    void load();
    /// True when no setting is being read.
    bool hasLoaded() const { return m_pendingLoads == 0; }
    /// What the deposit bonus rule gives, as shown under its field ("Deposit Rp 100.000 →
    /// bonus Rp 4.000"); how to write it when `rule` is not valid.
    static QString bonusExample(const QString &rule);
    /// Who saves (the signed-in user's actor; the Engine checks EditSettings for it).
    void setActor(const QString &actor) { m_actor = actor; }

Q_SIGNALS:
    void statusMessage(const QString &text);

private:
    struct Change
    {
        QString key;
        QString value;
    };

    void showValue(const QString &key, const QString &value);
    void updateBonusExample();
    QStringList checkedApps() const;
    void save();
    void saveNext(QList<Change> changes, bool anySaved);
    void setBusy(bool busy);
    void showMessage(const QString &text, bool error);

    engine::Engine *m_engine;
    QString m_actor;
    QSpinBox *m_codeMaxSpin;
    QLineEdit *m_bonusEdit;
    QLabel *m_bonusExample;
    QList<QCheckBox *> m_appBoxes; ///< in knownPaymentApps() order, the id in property "appId"
    QPushButton *m_saveButton;
    QLabel *m_messageLabel;
    QHash<QString, QString> m_saved; ///< key → the value the engine has (Save sends only changes)
    int m_pendingLoads = 0;
    bool m_busy = false;
};

} // namespace kedai::gui
