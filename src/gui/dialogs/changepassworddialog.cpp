#include "gui/dialogs/changepassworddialog.h"

#include "engine/engine.h"
#include "gui/async.h"
#include "gui/dialogs/passwordfields.h"
#include "gui/labels.h"
#include "gui/session.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace kedai::gui {

ChangePasswordDialog::ChangePasswordDialog(engine::Engine *engine, Session *session, const domain::StaffUser &target,
                                           QWidget *parent)
    : QDialog(parent)
    , m_engine(engine)
    , m_session(session)
    , m_target(target)
    , m_current(new QLineEdit(this))
    , m_passwords(new PasswordFields(this))
    , m_busyLabel(new QLabel(tr("Saving the password…"), this))
    , m_errorLabel(new QLabel(this))
{
    const QString name = target.displayName.isEmpty() ? target.username : target.displayName;
    setWindowTitle(isOwn() ? tr("Change my password") : tr("Set the password of %1").arg(name));
    auto *layout = new QVBoxLayout(this);
    m_current->setObjectName(QStringLiteral("currentPasswordEdit"));
    m_current->setEchoMode(QLineEdit::Password);
    if (isOwn()) {
        auto *form = new QFormLayout;
        form->addRow(tr("&Current password:"), m_current);
        layout->addLayout(form);
    } else {
        m_current->hide();
        auto *note = new QLabel(tr("Give %1 the new password in person; they can change it afterwards.").arg(name),
                                this);
        note->setWordWrap(true);
        layout->addWidget(note);
    }
    layout->addWidget(m_passwords);
    m_busyLabel->hide();
    layout->addWidget(m_busyLabel);
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_errorLabel->hide();
    layout->addWidget(m_errorLabel);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_saveButton = buttons->addButton(tr("&Save password"), QDialogButtonBox::AcceptRole);
    m_saveButton->setObjectName(QStringLiteral("savePasswordButton"));
    m_saveButton->setDefault(true);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &ChangePasswordDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_current, &QLineEdit::textChanged, this, &ChangePasswordDialog::updateState);
    connect(m_passwords, &PasswordFields::changed, this, &ChangePasswordDialog::updateState);
    updateState();
}

bool ChangePasswordDialog::isOwn() const
{
    return m_target.id == m_session->user().id;
}

void ChangePasswordDialog::updateState()
{
    m_saveButton->setEnabled(!m_busy && m_passwords->isAcceptable() && (!isOwn() || !m_current->text().isEmpty()));
}

void ChangePasswordDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_current->setEnabled(!busy);
    m_passwords->setEnabled(!busy);
    m_busyLabel->setVisible(busy);
    if (busy)
        m_errorLabel->hide();
    updateState();
}

void ChangePasswordDialog::accept()
{
    if (m_done) {
        QDialog::accept();
        return;
    }
    if (m_busy || !m_saveButton->isEnabled())
        return;
    setBusy(true);
    onReady(m_engine->setStaffPassword(m_target.id, m_passwords->password(), isOwn() ? m_current->text() : QString(),
                                       m_session->actor()),
            this, [this](common::Result<void> result) {
                setBusy(false);
                if (!result) {
                    // For one's own account auth.failed means the current password was wrong.
                    m_errorLabel->setText(result.error().code == QLatin1String("auth.failed")
                                              ? tr("The current password is wrong.")
                                              : Labels::error(result.error()));
                    m_errorLabel->show();
                    return;
                }
                m_current->clear();
                m_passwords->clear();
                m_done = true;
                accept();
            });
}

} // namespace kedai::gui
