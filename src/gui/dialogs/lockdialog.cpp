#include "gui/dialogs/lockdialog.h"

#include "gui/dialogs/credentialsform.h"
#include "gui/session.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace kedai::gui {

LockDialog::LockDialog(engine::Engine *engine, Session *session, QWidget *parent)
    : QDialog(parent, Qt::Dialog | Qt::CustomizeWindowHint | Qt::WindowTitleHint)
    , m_form(new CredentialsForm(engine, this))
    , m_whoLabel(new QLabel(this))
{
    setWindowTitle(tr("Kedai is locked"));
    auto *layout = new QVBoxLayout(this);
    m_whoLabel->setObjectName(QStringLiteral("whoLabel"));
    m_whoLabel->setWordWrap(true);
    m_whoLabel->setText(tr("Kedai was locked because nobody used it for a while. %1, type your password to go on.")
                            .arg(session->displayName()));
    layout->addWidget(m_whoLabel);
    m_form->usernameEdit()->setText(session->user().username);
    m_form->setUsernameEditable(false);
    layout->addWidget(m_form);

    auto *buttons = new QDialogButtonBox(this);
    m_switchButton = buttons->addButton(tr("Sign in as &another user"), QDialogButtonBox::ActionRole);
    m_switchButton->setObjectName(QStringLiteral("switchUserButton"));
    m_unlockButton = buttons->addButton(tr("&Unlock"), QDialogButtonBox::AcceptRole);
    m_unlockButton->setObjectName(QStringLiteral("unlockButton"));
    m_unlockButton->setDefault(true);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &LockDialog::accept);
    connect(m_switchButton, &QPushButton::clicked, this, &LockDialog::showSwitchUser);
    connect(m_form, &CredentialsForm::stateChanged, this, &LockDialog::updateState);
    connect(m_form, &CredentialsForm::signedIn, this, [this](const domain::StaffUser &user) {
        m_user = user;
        m_done = true;
        accept();
    });
    setMinimumWidth(380);
    m_form->passwordEdit()->setFocus();
    updateState();
}

QLineEdit *LockDialog::usernameEdit() const
{
    return m_form->usernameEdit();
}

QLineEdit *LockDialog::passwordEdit() const
{
    return m_form->passwordEdit();
}

QLabel *LockDialog::errorLabel() const
{
    return m_form->errorLabel();
}

bool LockDialog::isBusy() const
{
    return m_form->isBusy();
}

void LockDialog::showSwitchUser()
{
    m_whoLabel->setText(tr("Kedai is locked. Sign in with your own account: the window then works with your "
                           "rights."));
    m_form->usernameEdit()->clear();
    m_form->setUsernameEditable(true);
    m_form->passwordEdit()->clear();
    m_switchButton->hide();
    m_unlockButton->setText(tr("&Sign in"));
    m_form->usernameEdit()->setFocus();
    updateState();
}

void LockDialog::updateState()
{
    m_unlockButton->setEnabled(m_form->canSubmit());
    m_switchButton->setEnabled(!m_form->isBusy());
}

void LockDialog::accept()
{
    if (m_done)
        QDialog::accept();
    else
        m_form->submit();
}

void LockDialog::reject()
{
    // Escape and the window's close button must not open the window.
}

} // namespace kedai::gui
