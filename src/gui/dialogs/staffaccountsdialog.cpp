#include "gui/dialogs/staffaccountsdialog.h"

#include "engine/engine.h"
#include "gui/async.h"
#include "gui/dialogs/changepassworddialog.h"
#include "gui/dialogs/passwordfields.h"
#include "gui/labels.h"
#include "gui/models/stafftablemodel.h"
#include "gui/session.h"
#include "gui/tableview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace kedai::gui {

StaffAccountsDialog::StaffAccountsDialog(engine::Engine *engine, Session *session, QWidget *parent)
    : QDialog(parent), m_engine(engine), m_session(session), m_model(new StaffTableModel(this))
{
    setWindowTitle(tr("Staff accounts"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Staff manage stock and orders and answer chats. Managers may also change prices, "
                                "refund, change saldo and see the audit log. The owner may do everything, "
                                "including settings, accounts and backups."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *row = new QHBoxLayout;
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("staffView"));
    m_view->setModel(m_model);
    setUpTableView(m_view, StaffTableModel::NameColumn);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    row->addWidget(m_view, 3);
    m_formBox = new QGroupBox(this);
    buildForm(m_formBox);
    row->addWidget(m_formBox, 2);
    layout->addLayout(row, 1);

    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_errorLabel->hide();
    layout->addWidget(m_errorLabel);
    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    layout->addWidget(m_statusLabel);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_newButton = buttons->addButton(tr("&New account"), QDialogButtonBox::ActionRole);
    m_newButton->setObjectName(QStringLiteral("newAccountButton"));
    m_setPasswordButton = buttons->addButton(tr("Set &password…"), QDialogButtonBox::ActionRole);
    m_setPasswordButton->setObjectName(QStringLiteral("setPasswordButton"));
    m_ownPasswordButton = buttons->addButton(tr("Change &my password…"), QDialogButtonBox::ActionRole);
    m_ownPasswordButton->setObjectName(QStringLiteral("ownPasswordButton"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_newButton, &QPushButton::clicked, this, &StaffAccountsDialog::startNew);
    connect(m_setPasswordButton, &QPushButton::clicked, this, &StaffAccountsDialog::openSetPassword);
    connect(m_ownPasswordButton, &QPushButton::clicked, this, &StaffAccountsDialog::openChangeOwnPassword);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &StaffAccountsDialog::showSelected);
    connect(m_session, &Session::changed, this, &StaffAccountsDialog::updateState);

    resize(820, 480);
    if (canManage()) {
        reload();
    } else {
        m_errorLabel->setText(tr("Only the shop owner manages accounts. You can change your own password."));
        m_errorLabel->show();
    }
    startNew();
}

void StaffAccountsDialog::buildForm(QWidget *parent)
{
    auto *form = new QFormLayout(parent);
    m_username = new QLineEdit(parent);
    m_username->setObjectName(QStringLiteral("usernameEdit"));
    m_username->setMaxLength(32);
    m_username->setToolTip(tr("3 to 32 small letters, digits, dots, dashes or underscores. It cannot be changed "
                              "later."));
    m_displayName = new QLineEdit(parent);
    m_displayName->setObjectName(QStringLiteral("displayNameEdit"));
    m_displayName->setMaxLength(100);
    m_role = new QComboBox(parent);
    m_role->setObjectName(QStringLiteral("roleCombo"));
    for (const auto role : {domain::StaffRole::Staff, domain::StaffRole::Manager, domain::StaffRole::Owner})
        m_role->addItem(Labels::staffRole(role), int(role));
    m_active = new QCheckBox(tr("Account can sign in"), parent);
    m_active->setObjectName(QStringLiteral("activeCheck"));
    m_passwords = new PasswordFields(parent);
    m_saveButton = new QPushButton(parent);
    m_saveButton->setObjectName(QStringLiteral("saveAccountButton"));
    form->addRow(tr("&Username:"), m_username);
    form->addRow(tr("&Name shown:"), m_displayName);
    form->addRow(tr("&Role:"), m_role);
    form->addRow(QString(), m_active);
    form->addRow(m_passwords);
    form->addRow(QString(), m_saveButton);
    connect(m_saveButton, &QPushButton::clicked, this, &StaffAccountsDialog::save);
    connect(m_username, &QLineEdit::textChanged, this, &StaffAccountsDialog::updateState);
    connect(m_passwords, &PasswordFields::changed, this, &StaffAccountsDialog::updateState);
}

bool StaffAccountsDialog::canManage() const
{
    return m_session->can(domain::Permission::ManageStaff);
}

int StaffAccountsDialog::selectedRow() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void StaffAccountsDialog::reload()
{
    onReady(m_engine->staffUsers(), this, [this](common::Result<QList<domain::StaffUser>> result) {
        m_loaded = true;
        if (!result) {
            m_errorLabel->setText(tr("Could not load the accounts: %1").arg(Labels::error(result.error())));
            m_errorLabel->show();
            return;
        }
        const qint64 keep = m_selectAfterLoad ? m_selectAfterLoad
                                              : (selectedRow() >= 0 ? m_model->user(selectedRow()).id : 0);
        m_model->setUsers(std::move(result).value());
        m_selectAfterLoad = 0;
        if (!keep || !selectUser(keep))
            startNew();
    });
}

bool StaffAccountsDialog::selectUser(qint64 id)
{
    const int row = m_model->rowOfUser(id);
    if (row < 0)
        return false;
    m_view->selectRow(row);
    return true;
}

void StaffAccountsDialog::setRole(domain::StaffRole role)
{
    m_role->setCurrentIndex(m_role->findData(int(role)));
}

void StaffAccountsDialog::startNew()
{
    m_creating = true;
    m_view->clearSelection();
    m_formBox->setTitle(tr("New account"));
    m_username->clear();
    m_displayName->clear();
    setRole(domain::StaffRole::Staff);
    m_active->setChecked(true);
    m_passwords->clear();
    m_saveButton->setText(tr("&Create account"));
    updateState();
}

void StaffAccountsDialog::showSelected()
{
    const int row = selectedRow();
    if (row < 0) {
        if (!m_creating)
            startNew();
        return;
    }
    const domain::StaffUser &u = m_model->user(row);
    m_creating = false;
    m_formBox->setTitle(tr("Account %1").arg(u.username));
    m_username->setText(u.username);
    m_displayName->setText(u.displayName);
    setRole(u.role);
    m_active->setChecked(u.active);
    m_passwords->clear();
    m_saveButton->setText(tr("&Save changes"));
    updateState();
}

void StaffAccountsDialog::updateState()
{
    const bool manage = canManage();
    const bool idle = !m_busy;
    m_username->setEnabled(manage && idle && m_creating);
    m_displayName->setEnabled(manage && idle);
    m_role->setEnabled(manage && idle);
    m_active->setVisible(!m_creating);
    m_active->setEnabled(manage && idle);
    m_passwords->setVisible(m_creating);
    m_passwords->setEnabled(manage && idle);
    m_newButton->setEnabled(manage && idle);
    m_setPasswordButton->setEnabled(manage && idle && selectedRow() >= 0);
    m_saveButton->setEnabled(
        manage && idle
        && (!m_creating || (!domain::normalizedUsername(m_username->text()).isEmpty() && m_passwords->isAcceptable())));
}

void StaffAccountsDialog::save()
{
    if (m_busy || !canManage())
        return;
    const auto role = domain::StaffRole(m_role->currentData().toInt());
    m_busy = true;
    m_errorLabel->hide();
    m_statusLabel->clear();
    updateState();
    auto done = [this](common::Result<domain::StaffUser> result) { finishSave(result); };
    if (m_creating) {
        onReady(m_engine->createStaffUser(m_username->text(), m_displayName->text(), role, m_passwords->password(),
                                          m_session->actor()),
                this, done);
        return;
    }
    const int row = selectedRow();
    if (row < 0) {
        m_busy = false;
        updateState();
        return;
    }
    onReady(m_engine->updateStaffUser(m_model->user(row).id, m_displayName->text(), role, m_active->isChecked(),
                                      m_session->actor()),
            this, done);
}

void StaffAccountsDialog::finishSave(const common::Result<domain::StaffUser> &result)
{
    m_busy = false;
    if (!result) {
        m_errorLabel->setText(Labels::error(result.error()));
        m_errorLabel->show();
        updateState();
        return;
    }
    m_statusLabel->setText(m_creating ? tr("Account %1 created.").arg(result->username)
                                      : tr("Account %1 saved.").arg(result->username));
    if (result->id == m_session->user().id)
        m_session->switchUser(result.value()); // one's own name or role changed
    m_passwords->clear();
    m_creating = false;
    m_selectAfterLoad = result->id;
    updateState();
    reload();
}

ChangePasswordDialog *StaffAccountsDialog::openSetPassword()
{
    const int row = selectedRow();
    if (row < 0 || !canManage())
        return nullptr;
    auto *dialog = new ChangePasswordDialog(m_engine, m_session, m_model->user(row), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this] { m_statusLabel->setText(tr("The password was changed.")); });
    dialog->open();
    return dialog;
}

ChangePasswordDialog *StaffAccountsDialog::openChangeOwnPassword()
{
    auto *dialog = new ChangePasswordDialog(m_engine, m_session, m_session->user(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this] { m_statusLabel->setText(tr("Your password was changed.")); });
    dialog->open();
    return dialog;
}

} // namespace kedai::gui
