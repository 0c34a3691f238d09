#include "gui/dialogs/signindialog.h"

#include "gui/dialogs/credentialsform.h"

#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace kedai::gui {

SignInDialog::SignInDialog(engine::Engine *engine, QWidget *parent)
    : QDialog(parent), m_form(new CredentialsForm(engine, this))
{
    setWindowTitle(tr("Sign in to Kedai"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_form);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_signInButton = buttons->addButton(tr("&Sign in"), QDialogButtonBox::AcceptRole);
    m_signInButton->setObjectName(QStringLiteral("signInButton"));
    m_signInButton->setDefault(true);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &SignInDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SignInDialog::reject);
    connect(m_form, &CredentialsForm::stateChanged, this, &SignInDialog::updateState);
    connect(m_form, &CredentialsForm::signedIn, this, [this](const domain::StaffUser &user) {
        m_user = user;
        m_done = true;
        accept();
    });
    setMinimumWidth(360);
    updateState();
}

QLineEdit *SignInDialog::usernameEdit() const
{
    return m_form->usernameEdit();
}

QLineEdit *SignInDialog::passwordEdit() const
{
    return m_form->passwordEdit();
}

QLabel *SignInDialog::errorLabel() const
{
    return m_form->errorLabel();
}

bool SignInDialog::isBusy() const
{
    return m_form->isBusy();
}

void SignInDialog::setUsername(const QString &username)
{
    m_form->usernameEdit()->setText(username);
    m_form->passwordEdit()->setFocus();
}

void SignInDialog::updateState()
{
    m_signInButton->setEnabled(m_form->canSubmit());
}

void SignInDialog::accept()
{
    if (m_done)
        QDialog::accept();
    else
        m_form->submit();
}

} // namespace kedai::gui
