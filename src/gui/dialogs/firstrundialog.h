#pragma once

#include "domain/staff.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

class PasswordFields;

/// The very first start: no desktop account exists yet, so the owner chooses a username, a
/// display name and a password. The account is created (Argon2id on a worker thread, the
/// dialog stays responsive) and signed in at once with the same password.
class FirstRunDialog : public QDialog
{
    Q_OBJECT
public:
    explicit FirstRunDialog(engine::Engine *engine, QWidget *parent = nullptr);

    QLineEdit *usernameEdit() const { return m_username; }
    QLineEdit *displayNameEdit() const { return m_displayName; }
    PasswordFields *passwordFields() const { return m_passwords; }
    QPushButton *createButton() const { return m_createButton; }
    QLabel *errorLabel() const { return m_errorLabel; }
    bool isBusy() const { return m_busy; }

    /// The owner, signed in (valid once the dialog is accepted).
    const domain::StaffUser &user() const { return m_user; }

    void accept() override;
    void reject() override;

private:
    void setBusy(bool busy, const QString &what = {});
    void showError(const QString &text);
    void updateState();
    void signIn(const QString &username, const QString &password);

    engine::Engine *m_engine;
    domain::StaffUser m_user;
    QLineEdit *m_username;
    QLineEdit *m_displayName;
    PasswordFields *m_passwords;
    QLabel *m_busyLabel;
    QLabel *m_errorLabel;
    QPushButton *m_createButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    bool m_busy = false;
    bool m_done = false;
};

} // namespace kedai::gui
