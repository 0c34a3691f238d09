#include "gui/dialogs/signindialog.h"

#include "engine/engine.h"
#include "gui/async.h"
#include "gui/labels.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace kedai::gui {

SignInDialog::SignInDialog(engine::Engine *engine, QWidget *parent)
    : QDialog(parent)
    , m_engine(engine)
    , m_username(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_busyLabel(new QLabel(tr("Checking the password…"), this))
    , m_errorLabel(new QLabel(this))
{
    setWindowTitle(tr("Sign in to Kedai"));
    auto *layout = new QVBoxLayout(this);
    m_username->setObjectName(QStringLiteral("usernameEdit"));
    m_username->setMaxLength(32);
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    auto *form = new QFormLayout;
    form->addRow(tr("&Username:"), m_username);
    form->addRow(tr("&Password:"), m_password);
    layout->addLayout(form);

    m_busyLabel->setObjectName(QStringLiteral("busyLabel"));
    m_busyLabel->hide();
    layout->addWidget(m_busyLabel);
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_errorLabel->hide();
    layout->addWidget(m_errorLabel);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_signInButton = buttons->addButton(tr("&Sign in"), QDialogButtonBox::AcceptRole);
    m_signInButton->setObjectName(QStringLiteral("signInButton"));
    m_signInButton->setDefault(true);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &SignInDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SignInDialog::reject);
    connect(m_username, &QLineEdit::textChanged, this, &SignInDialog::updateState);
    connect(m_password, &QLineEdit::textChanged, this, &SignInDialog::updateState);
    setMinimumWidth(360);
    updateState();
}

void SignInDialog::setUsername(const QString &username)
{
    m_username->setText(username);
    m_password->setFocus();
}

void SignInDialog::updateState()
{
    m_signInButton->setEnabled(!m_busy && !m_username->text().trimmed().isEmpty() && !m_password->text().isEmpty());
}

void SignInDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_username->setEnabled(!busy);
    m_password->setEnabled(!busy);
    m_busyLabel->setVisible(busy);
    if (busy)
        m_errorLabel->hide();
    updateState();
}

void SignInDialog::accept()
{
    if (m_done) {
        QDialog::accept();
        return;
    }
    if (m_busy || m_username->text().trimmed().isEmpty() || m_password->text().isEmpty())
        return;
    setBusy(true);
    onReady(m_engine->login(m_username->text(), m_password->text()), this,
            [this](common::Result<domain::StaffUser> result) {
                setBusy(false);
                if (!result) {
                    m_errorLabel->setText(Labels::error(result.error()));
                    m_errorLabel->show();
                    m_password->selectAll();
                    m_password->setFocus();
                    return;
                }
                m_user = result.value();
                m_password->clear();
                m_done = true;
                accept();
            });
}

} // namespace kedai::gui
