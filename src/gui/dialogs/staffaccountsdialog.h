#pragma once

#include "common/result.h"
#include "domain/staff.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

class ChangePasswordDialog;
class PasswordFields;
class Session;
class StaffTableModel;

/// The owner's list of desktop accounts (Permission::ManageStaff): add an account with a role
/// and a first password, change a name, role or switch an account off, set a password. Anyone
/// may change their own password here. Refusals (the last owner, a taken name, a short
/// password) are explained in the dialog.
class StaffAccountsDialog : public QDialog
{
    Q_OBJECT
public:
    StaffAccountsDialog(engine::Engine *engine, Session *session, QWidget *parent = nullptr);

    StaffTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QPushButton *newButton() const { return m_newButton; }
    QPushButton *saveButton() const { return m_saveButton; }
    QPushButton *setPasswordButton() const { return m_setPasswordButton; }
    QLineEdit *usernameEdit() const { return m_username; }
    QLineEdit *displayNameEdit() const { return m_displayName; }
    QComboBox *roleCombo() const { return m_role; }
    QCheckBox *activeCheck() const { return m_active; }
    PasswordFields *passwordFields() const { return m_passwords; }
    QLabel *errorLabel() const { return m_errorLabel; }
    QLabel *statusLabel() const { return m_statusLabel; }
    bool hasLoaded() const { return m_loaded; }
    bool isBusy() const { return m_busy; }

    /// Selects the account's row; false when it is not listed.
    bool selectUser(qint64 id);
    void setRole(domain::StaffRole role);
    /// Opens the password dialog for the selected account (or one's own), nullptr when none.
    ChangePasswordDialog *openSetPassword();
    ChangePasswordDialog *openChangeOwnPassword();

    void reload();

private:
    void buildForm(QWidget *parent);
    void startNew();
    void showSelected();
    void save();
    void finishSave(const common::Result<domain::StaffUser> &result);
    void updateState();
    bool canManage() const;
    int selectedRow() const;

    engine::Engine *m_engine;
    Session *m_session;
    StaffTableModel *m_model;
    QTableView *m_view = nullptr;
    QGroupBox *m_formBox = nullptr;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_displayName = nullptr;
    QComboBox *m_role = nullptr;
    QCheckBox *m_active = nullptr;
    PasswordFields *m_passwords = nullptr;
    QLabel *m_errorLabel = nullptr;
    QLabel *m_statusLabel = nullptr;
    QPushButton *m_newButton = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_setPasswordButton = nullptr;
    QPushButton *m_ownPasswordButton = nullptr;
    qint64 m_selectAfterLoad = 0;
    bool m_creating = false;
    bool m_loaded = false;
    bool m_busy = false;
};

} // namespace kedai::gui
