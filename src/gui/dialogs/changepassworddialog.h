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
class Session;

/// A new password for an account. For one's own account the current password is asked first;
/// the owner sets anyone else's without it (Permission::ManageStaff, checked by the Engine).
class ChangePasswordDialog : public QDialog
{
    Q_OBJECT
public:
    ChangePasswordDialog(engine::Engine *engine, Session *session, const domain::StaffUser &target,
                         QWidget *parent = nullptr);

    /// Hidden when the owner sets another user's password.
    QLineEdit *currentPasswordEdit() const { return m_current; }
    PasswordFields *passwordFields() const { return m_passwords; }
    QPushButton *saveButton() const { return m_saveButton; }
    QLabel *errorLabel() const { return m_errorLabel; }
    bool isBusy() const { return m_busy; }

    void accept() override;

private:
    bool isOwn() const;
    void setBusy(bool busy);
    void updateState();

    engine::Engine *m_engine;
    Session *m_session;
    domain::StaffUser m_target;
    QLineEdit *m_current;
    PasswordFields *m_passwords;
    QLabel *m_busyLabel;
    QLabel *m_errorLabel;
    QPushButton *m_saveButton = nullptr;
    bool m_busy = false;
    bool m_done = false;
};

} // namespace kedai::gui
