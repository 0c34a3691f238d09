#include "gui/dialogs/confirmqrisdialog.h"

#include "common/money.h"
#include "engine/engine.h"
#include "gui/async.h"
#include "gui/constants.h"
#include "gui/labels.h"
#include "gui/models/qrispaymenttablemodel.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace kedai::gui {

ConfirmQrisDialog::ConfirmQrisDialog(engine::Engine *engine, const domain::QrisPayment &payment, const QString &actor,
                                     QWidget *parent)
    : QDialog(parent)
    , m_engine(engine)
    , m_actor(actor)
    , m_payment(payment)
    , m_noteEdit(new QLineEdit(this))
    , m_errorLabel(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Confirm QRIS payment"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Confirm only when the money is really in the shop's account. An order is "
                                "delivered at once; a payment that already expired goes to the customer's saldo."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    form->addRow(tr("Ref:"), new QLabel(payment.ref, this));
    form->addRow(tr("Customer:"), new QLabel(QrisPaymentTableModel::customerText(payment), this));
    form->addRow(tr("For:"), new QLabel(QrisPaymentTableModel::whatText(payment), this));
    form->addRow(tr("To pay:"), new QLabel(common::formatRupiah(payment.payable), this));
    m_noteEdit->setObjectName(QStringLiteral("noteEdit"));
    m_noteEdit->setPlaceholderText(tr("e.g. customer showed the receipt, seen in the bank app"));
    form->addRow(tr("&Note:"), m_noteEdit);
    layout->addLayout(form);

    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #c0392b;"));
    layout->addWidget(m_errorLabel);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Confirm paid"));
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConfirmQrisDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConfirmQrisDialog::reject);
    connect(m_noteEdit, &QLineEdit::textChanged, this, &ConfirmQrisDialog::updateState);
    updateState();
}

ConfirmQrisDialog::~ConfirmQrisDialog() = default;

QString ConfirmQrisDialog::validationError() const
{
    if (m_noteEdit->text().trimmed().isEmpty())
        return tr("A note is required: say how you know the money arrived.");
    return {};
}

void ConfirmQrisDialog::accept()
{
    if (m_saving || !validationError().isEmpty())
        return;
    m_saving = true;
    updateState();
    onReady(m_engine->confirmQris(m_payment.ref, m_noteEdit->text().trimmed(), m_actor), this,
            [this](common::Result<domain::QrisPayment> result) {
                m_saving = false;
                if (!result) {
                    updateState();
                    showError(Labels::error(result.error()));
                    return;
                }
                Q_EMIT confirmed(result.value());
                QDialog::accept();
            });
}

void ConfirmQrisDialog::updateState()
{
    const QString error = validationError();
    showError(error);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(error.isEmpty() && !m_saving);
}

void ConfirmQrisDialog::showError(const QString &message)
{
    m_errorLabel->setText(message);
    m_errorLabel->setVisible(!message.isEmpty());
}

} // namespace kedai::gui
