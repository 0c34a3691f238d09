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
class Session;

/// The idle lock's screen: the signed-in user types their password again, or another user
/// signs in instead. It cannot be closed any other way (Escape and the close button do
/// nothing). The password is checked by Engine::login, so wrong tries count towards the lockout.
class LockDialog : public QDialog
{
    Q_OBJECT
public:
    LockDialog(engine::Engine *engine, Session *session, QWidget *parent = nullptr);

    QLineEdit *usernameEdit() const;
    QLineEdit *passwordEdit() const;
    QPushButton *unlockButton() const { return m_unlockButton; }
    QPushButton *switchUserButton() const { return m_switchButton; }
    QLabel *errorLabel() const;
    bool isBusy() const;

    /// Who unlocked (the same user or another one); valid once accepted.
    const domain::StaffUser &user() const { return m_user; }

    void accept() override;
    void reject() override;

private:
    void showSwitchUser();
    void updateState();

    CredentialsForm *m_form;
    domain::StaffUser m_user;
    QLabel *m_whoLabel;
    QPushButton *m_unlockButton = nullptr;
    QPushButton *m_switchButton = nullptr;
    bool m_done = false;
};

} // namespace kedai::gui
