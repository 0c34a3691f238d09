#include "gui/dialogs/firstrundialog.h"

#include "engine/engine.h"
#include "gui/async.h"
#include "gui/dialogs/passwordfields.h"
#include "gui/labels.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace kedai::gui {

FirstRunDialog::FirstRunDialog(engine::Engine *engine, QWidget *parent)
    : QDialog(parent)
    , m_engine(engine)
    , m_username(new QLineEdit(QStringLiteral("owner"), this))
    , m_displayName(new QLineEdit(this))
    , m_passwords(new PasswordFields(this))
    , m_busyLabel(new QLabel(this))
    , m_errorLabel(new QLabel(this))
{
    setWindowTitle(tr("Welcome to Kedai"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Create the owner account. The owner may do everything, including adding accounts "
                                "for staff and managers. Kedai asks for this password when it starts and when "
                                "the window was left alone."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_username->setObjectName(QStringLiteral("usernameEdit"));
    m_username->setMaxLength(32);
    m_username->setToolTip(tr("3 to 32 small letters, digits, dots, dashes or underscores."));
    m_displayName->setObjectName(QStringLiteral("displayNameEdit"));
    m_displayName->setMaxLength(100);
    m_displayName->setPlaceholderText(tr("e.g. Ibu Sari"));
    auto *form = new QFormLayout;
    form->addRow(tr("&Username:"), m_username);
    form->addRow(tr("&Name shown:"), m_displayName);
    layout->addLayout(form);
    layout->addWidget(m_passwords);

    m_busyLabel->setObjectName(QStringLiteral("busyLabel"));
    m_busyLabel->hide();
    layout->addWidget(m_busyLabel);
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_errorLabel->hide();
    layout->addWidget(m_errorLabel);

    auto *buttons = new QDialogButtonBox(this);
    m_createButton = buttons->addButton(tr("&Create account"), QDialogButtonBox::AcceptRole);
    m_createButton->setObjectName(QStringLiteral("createButton"));
    m_createButton->setDefault(true);
    m_cancelButton = buttons->addButton(QDialogButtonBox::Cancel);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &FirstRunDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &FirstRunDialog::reject);
    connect(m_username, &QLineEdit::textChanged, this, &FirstRunDialog::updateState);
    connect(m_passwords, &PasswordFields::changed, this, &FirstRunDialog::updateState);

    m_displayName->setFocus();
    updateState();
}

void FirstRunDialog::updateState()
{
    m_createButton->setEnabled(!m_busy && !domain::normalizedUsername(m_username->text()).isEmpty()
                               && m_passwords->isAcceptable());
}

void FirstRunDialog::setBusy(bool busy, const QString &what)
{
    m_busy = busy;
    m_username->setEnabled(!busy);
    m_displayName->setEnabled(!busy);
    m_passwords->setEnabled(!busy);
    m_cancelButton->setEnabled(!busy);
    m_busyLabel->setText(what);
    m_busyLabel->setVisible(busy);
    if (busy)
        m_errorLabel->hide();
    updateState();
}

void FirstRunDialog::showError(const QString &text)
{
    m_errorLabel->setText(text);
    m_errorLabel->show();
}

void FirstRunDialog::accept()
{
    if (m_done) {
        QDialog::accept();
        return;
    }
    if (m_busy)
        return;
    if (domain::normalizedUsername(m_username->text()).isEmpty()) {
        showError(Labels::error(common::makeError(QStringLiteral("staff.username_invalid"), QStringLiteral("-"))));
        return;
    }
    if (!m_passwords->isAcceptable()) {
        showError(tr("Type the same password of at least 8 characters in both fields."));
        return;
    }
    const QString username = m_username->text();
    const QString password = m_passwords->password();
    setBusy(true, tr("Creating the owner account…"));
    onReady(m_engine->createFirstOwner(username, m_displayName->text(), password), this,
            [this, password](common::Result<domain::StaffUser> result) {
                if (!result) {
                    setBusy(false);
                    showError(Labels::error(result.error()));
                    return;
                }
                signIn(result->username, password);
            });
}

void FirstRunDialog::signIn(const QString &username, const QString &password)
{
    setBusy(true, tr("Signing in…"));
    onReady(m_engine->login(username, password), this, [this](common::Result<domain::StaffUser> result) {
        setBusy(false);
        if (!result) {
            showError(Labels::error(result.error()));
            return;
        }
        m_user = result.value();
        m_passwords->clear();
        m_done = true;
        accept();
    });
}

void FirstRunDialog::reject()
{
    // Closing while the account is being written would leave the owner not knowing whether it exists.
    if (!m_busy)
        QDialog::reject();
}

} // namespace kedai::gui
