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

class CredentialsForm;

/// Username and password at start. The password is checked by Engine::login on a worker thread
/// (Argon2id takes a moment); the dialog shows that it is busy and stays responsive. Wrong
/// passwords, a locked account (with the time it opens again) and a switched-off account are
/// explained in the dialog.
class SignInDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SignInDialog(engine::Engine *engine, QWidget *parent = nullptr);

    QLineEdit *usernameEdit() const;
    QLineEdit *passwordEdit() const;
    QPushButton *signInButton() const { return m_signInButton; }
    QLabel *errorLabel() const;
    bool isBusy() const;
    void setUsername(const QString &username);

    /// The signed-in user (valid once the dialog is accepted).
    const domain::StaffUser &user() const { return m_user; }

    void accept() override;

private:
    void updateState();

    CredentialsForm *m_form;
    domain::StaffUser m_user;
    QPushButton *m_signInButton = nullptr;
    bool m_done = false;
};

} // namespace kedai::gui
