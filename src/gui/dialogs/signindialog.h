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

/// Username and password at start. The password is checked by Engine::login on a worker thread
/// (Argon2id takes a moment); the dialog shows that it is busy and stays responsive. Wrong
/// passwords, a locked account (with the time it opens again) and a switched-off account are
/// explained in the dialog.
class SignInDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SignInDialog(engine::Engine *engine, QWidget *parent = nullptr);

    QLineEdit *usernameEdit() const { return m_username; }
    QLineEdit *passwordEdit() const { return m_password; }
    QPushButton *signInButton() const { return m_signInButton; }
    QLabel *errorLabel() const { return m_errorLabel; }
    bool isBusy() const { return m_busy; }
    void setUsername(const QString &username);

    /// The signed-in user (valid once the dialog is accepted).
    const domain::StaffUser &user() const { return m_user; }

    void accept() override;

private:
    void setBusy(bool busy);
    void updateState();

    engine::Engine *m_engine;
    domain::StaffUser m_user;
    QLineEdit *m_username;
    QLineEdit *m_password;
    QLabel *m_busyLabel;
    QLabel *m_errorLabel;
    QPushButton *m_signInButton = nullptr;
    bool m_busy = false;
    bool m_done = false;
};

} // namespace kedai::gui
