#include "gui/dialogs/lockdialog.h"

#include "engine/engine.h"
#include "gui/async.h"
#include "gui/labels.h"
#include "gui/session.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace kedai::gui {

LockDialog::LockDialog(engine::Engine *engine, Session *session, QWidget *parent)
    : QDialog(parent, Qt::Dialog | Qt::CustomizeWindowHint | Qt::WindowTitleHint)
    , m_engine(engine)
    , m_session(session)
    , m_whoLabel(new QLabel(this))
    , m_username(new QLineEdit(session->user().username, this))
    , m_password(new QLineEdit(this))
    , m_busyLabel(new QLabel(tr("Checking the password…"), this))
    , m_errorLabel(new QLabel(this))
{
    setWindowTitle(tr("Kedai is locked"));
    auto *layout = new QVBoxLayout(this);
    m_whoLabel->setObjectName(QStringLiteral("whoLabel"));
    m_whoLabel->setWordWrap(true);
    m_whoLabel->setText(tr("Kedai was locked because nobody used it for a while. %1, type your password to go on.")
                            .arg(session->displayName()));
    layout->addWidget(m_whoLabel);

    m_username->setObjectName(QStringLiteral("usernameEdit"));
    m_username->setMaxLength(32);
    m_username->setEnabled(false);
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

    auto *buttons = new QDialogButtonBox(this);
    m_switchButton = buttons->addButton(tr("Sign in as &another user"), QDialogButtonBox::ActionRole);
    m_switchButton->setObjectName(QStringLiteral("switchUserButton"));
    m_unlockButton = buttons->addButton(tr("&Unlock"), QDialogButtonBox::AcceptRole);
    m_unlockButton->setObjectName(QStringLiteral("unlockButton"));
    m_unlockButton->setDefault(true);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &LockDialog::accept);
    connect(m_switchButton, &QPushButton::clicked, this, &LockDialog::showSwitchUser);
    connect(m_username, &QLineEdit::textChanged, this, &LockDialog::updateState);
    connect(m_password, &QLineEdit::textChanged, this, &LockDialog::updateState);
    setMinimumWidth(380);
    m_password->setFocus();
    updateState();
}

void LockDialog::showSwitchUser()
{
    m_whoLabel->setText(tr("Kedai is locked. Sign in with your own account: the window then works with your "
                           "rights."));
    m_username->clear();
    m_username->setEnabled(true);
    m_password->clear();
    m_switchButton->hide();
    m_unlockButton->setText(tr("&Sign in"));
    m_username->setFocus();
    updateState();
}

void LockDialog::updateState()
{
    m_unlockButton->setEnabled(!m_busy && !m_username->text().trimmed().isEmpty() && !m_password->text().isEmpty());
}

void LockDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_password->setEnabled(!busy);
    m_username->setEnabled(!busy && m_switchButton->isHidden());
    m_switchButton->setEnabled(!busy);
    m_busyLabel->setVisible(busy);
    if (busy)
        m_errorLabel->hide();
    updateState();
}

void LockDialog::accept()
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

void LockDialog::reject()
{
    // Escape and the window's close button must not open the window.
}

} // namespace kedai::gui
