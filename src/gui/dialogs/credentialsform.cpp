#include "gui/dialogs/credentialsform.h"

#include "engine/engine.h"
#include "gui/async.h"
#include "gui/labels.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace kedai::gui {

CredentialsForm::CredentialsForm(engine::Engine *engine, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_username(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_busyLabel(new QLabel(tr("Checking the password…"), this))
    , m_errorLabel(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
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

    connect(m_username, &QLineEdit::textChanged, this, &CredentialsForm::stateChanged);
    connect(m_password, &QLineEdit::textChanged, this, &CredentialsForm::stateChanged);
}

bool CredentialsForm::canSubmit() const
{
    return !m_busy && !m_username->text().trimmed().isEmpty() && !m_password->text().isEmpty();
}

void CredentialsForm::setUsernameEditable(bool editable)
{
    m_usernameEditable = editable;
    m_username->setEnabled(editable && !m_busy);
}

void CredentialsForm::setBusy(bool busy)
{
    m_busy = busy;
    m_username->setEnabled(m_usernameEditable && !busy);
    m_password->setEnabled(!busy);
    m_busyLabel->setVisible(busy);
    if (busy)
        m_errorLabel->hide();
    Q_EMIT stateChanged();
}

void CredentialsForm::submit()
{
    if (!canSubmit())
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
                m_password->clear();
                Q_EMIT signedIn(result.value());
            });
}

} // namespace kedai::gui
