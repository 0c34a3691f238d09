#include "gui/dialogs/refunddialog.h"

#include "common/money.h"
#include "engine/engine.h"
#include "gui/async.h"
#include "gui/labels.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace kedai::gui {

namespace {

/// What staff should read for the refund's own refusals; other errors as Labels has them.
QString refundError(const common::Error &error)
{
    if (error.code == QLatin1String("order.already_refunded"))
        return RefundDialog::tr("This order has already been refunded. Nothing was changed.");
    if (error.code == QLatin1String("order.not_refundable"))
        return RefundDialog::tr("Only paid or delivered orders can be refunded. Nothing was changed.");
    if (error.code == QLatin1String("order.reason_required"))
        return RefundDialog::tr("Write the reason for the refund.");
    if (error.code == QLatin1String("auth.forbidden"))
        return RefundDialog::tr("Your account may not refund orders. Ask the shop owner or a manager.");
    return Labels::error(error);
}

} // namespace

RefundDialog::RefundDialog(engine::Engine *engine, const domain::Order &order, const QString &actor, QWidget *parent)
    : QDialog(parent)
    , m_engine(engine)
    , m_actor(actor)
    , m_order(order)
    , m_reasonEdit(new QLineEdit(this))
    , m_returnItems(new QCheckBox(tr("Return the items to stock"), this))
    , m_errorLabel(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Refund order %1").arg(order.ref));
    auto *layout = new QVBoxLayout(this);
    const QString customer = order.customerName.isEmpty() ? order.customerPhone
                                                          : tr("%1 (%2)").arg(order.customerName, order.customerPhone);
    auto *intro = new QLabel(tr("%1 goes back to the saldo of %2. The order becomes \"Refunded\"; this cannot be "
                                "undone.")
                                 .arg(common::formatRupiah(order.total), customer),
                             this);
    intro->setObjectName(QStringLiteral("refundIntroLabel"));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    form->addRow(tr("Ref:"), new QLabel(order.ref, this));
    form->addRow(tr("Product:"), new QLabel(tr("%1 × %2").arg(order.qty).arg(order.productName), this));
    form->addRow(tr("Refund:"), new QLabel(common::formatRupiah(order.total), this));
    m_reasonEdit->setObjectName(QStringLiteral("reasonEdit"));
    m_reasonEdit->setMaxLength(store::OrderService::kMaxReasonLength);
    m_reasonEdit->setPlaceholderText(tr("e.g. the account does not work, the customer asked"));
    form->addRow(tr("&Reason:"), m_reasonEdit);
    layout->addLayout(form);

    m_returnItems->setObjectName(QStringLiteral("returnItemsBox"));
    m_returnItems->setToolTip(tr("Only when the items were never used: the customer has seen them and could still "
                                 "use them. They are sold again to the next buyer."));
    layout->addWidget(m_returnItems);

    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #c0392b;"));
    layout->addWidget(m_errorLabel);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    refundButton()->setText(tr("Refund to saldo"));
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &RefundDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &RefundDialog::reject);
    connect(m_reasonEdit, &QLineEdit::textChanged, this, &RefundDialog::updateState);
    updateState();
}

RefundDialog::~RefundDialog() = default;

QPushButton *RefundDialog::refundButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

QString RefundDialog::validationError() const
{
    if (m_reasonEdit->text().trimmed().isEmpty())
        return tr("Write the reason for the refund: it is kept in the customer's saldo history.");
    return {};
}

void RefundDialog::accept()
{
    if (m_saving || !validationError().isEmpty())
        return;
    m_saving = true;
    updateState();
    onReady(m_engine->refundOrder(m_order.ref, m_reasonEdit->text().trimmed(), m_returnItems->isChecked(), m_actor),
            this, [this](common::Result<store::RefundOutcome> result) {
                m_saving = false;
                if (!result) {
                    updateState();
                    showError(refundError(result.error()));
                    return;
                }
                Q_EMIT refunded(result.value());
                QDialog::accept();
            });
}

void RefundDialog::updateState()
{
    const QString error = validationError();
    showError(error);
    refundButton()->setEnabled(error.isEmpty() && !m_saving);
}

void RefundDialog::showError(const QString &message)
{
    m_errorLabel->setText(message);
    m_errorLabel->setVisible(!message.isEmpty());
}

} // namespace kedai::gui
