#pragma once

#include "domain/staff.h"

#include <QWidget>

class QLabel;
class QLineEdit;

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

/// The part of signing in that the start-up dialog and the lock screen share: username,
/// password, "checking…" and the refusal. submit() checks the password with Engine::login on a
/// worker thread (Argon2id takes a moment; the form shows it is busy and stays responsive); on
/// success signedIn() follows, otherwise the reason (wrong password, locked until, switched
/// off) is shown and the password selected for another try.
class CredentialsForm : public QWidget
{
    Q_OBJECT
public:
    explicit CredentialsForm(engine::Engine *engine, QWidget *parent = nullptr);

    QLineEdit *usernameEdit() const { return m_username; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLabel *errorLabel() const { return m_errorLabel; }
    bool isBusy() const { return m_busy; }
    /// Both fields are filled and no check is running.
    bool canSubmit() const;
    /// The lock screen keeps the signed-in user's name until someone else signs in.
    void setUsernameEditable(bool editable);

    void submit();

Q_SIGNALS:
    void signedIn(const kedai::domain::StaffUser &user);
    /// Busy or the fields changed: the dialog's buttons follow canSubmit() and isBusy().
    void stateChanged();

private:
    void setBusy(bool busy);

    engine::Engine *m_engine;
    QLineEdit *m_username;
    QLineEdit *m_password;
    QLabel *m_busyLabel;
    QLabel *m_errorLabel;
    bool m_usernameEditable = true;
    bool m_busy = false;
};

} // namespace kedai::gui
