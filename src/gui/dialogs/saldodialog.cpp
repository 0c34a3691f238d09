#include "gui/dialogs/saldodialog.h"

#include "common/money.h"
#include "engine/engine.h"
#include "gui/async.h"
#include "gui/constants.h"

#include "ui_saldodialog.h"

#include <QPushButton>

namespace kedai::gui {

SaldoDialog::SaldoDialog(engine::Engine *engine, const domain::Customer &customer, const QString &actor,
                         QWidget *parent)
    : QDialog(parent), ui(std::make_unique<Ui::SaldoDialog>()), m_engine(engine), m_customer(customer), m_actor(actor)
{
    ui->setupUi(this);
    ui->customerLabel->setText(customer.name.isEmpty() ? customer.phone
                                                       : QStringLiteral("%1 (%2)").arg(customer.name, customer.phone));
    ui->currentSaldoLabel->setText(common::formatRupiah(customer.saldo));
    connect(ui->amountEdit, &QLineEdit::textChanged, this, &SaldoDialog::updateState);
    connect(ui->reasonEdit, &QLineEdit::textChanged, this, &SaldoDialog::updateState);
    connect(ui->topUpRadio, &QRadioButton::toggled, this, &SaldoDialog::updateState);
    updateState();
}

SaldoDialog::~SaldoDialog() = default;

std::optional<common::Rupiah> SaldoDialog::delta() const
{
    const auto amount = common::parseRupiah(ui->amountEdit->text());
    if (!amount || *amount <= 0)
        return std::nullopt;
    return ui->deductRadio->isChecked() ? -*amount : *amount;
}

QString SaldoDialog::validationError() const
{
    const auto d = delta();
    if (!d)
        return tr("Enter the amount as a whole number of rupiah above 0.");
    const QString rule = domain::validateLedgerDelta(m_customer.saldo, *d);
    if (rule == QLatin1String("ledger.insufficient"))
        return tr("Cannot deduct more than the current saldo (%1).").arg(common::formatRupiah(m_customer.saldo));
    if (!rule.isEmpty())
        return tr("The amount is too large.");
    if (ui->reasonEdit->text().trimmed().isEmpty())
        return tr("A reason is required (it is kept in the ledger).");
    return {};
}

void SaldoDialog::accept()
{
    const auto d = delta();
    if (m_saving || !d || !validationError().isEmpty())
        return;
    m_saving = true;
    updateState();
    onReady(m_engine->adjustSaldo(m_customer.id, *d, ui->reasonEdit->text().trimmed(), m_actor), this,
            [this](common::Result<domain::LedgerEntry> result) {
                m_saving = false;
                if (!result) {
                    updateState();
                    showError(result.error().message);
                    return;
                }
                Q_EMIT adjusted(result.value());
                QDialog::accept();
            });
}

void SaldoDialog::updateState()
{
    const auto d = delta();
    ui->newSaldoLabel->setText(d ? common::formatRupiah(m_customer.saldo + *d) : QString());
    const QString error = validationError();
    showError(error);
    ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(error.isEmpty() && !m_saving);
}

void SaldoDialog::showError(const QString &message)
{
    ui->errorLabel->setText(message);
    ui->errorLabel->setVisible(!message.isEmpty());
}

} // namespace kedai::gui
