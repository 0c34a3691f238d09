#include "gui/dialogs/orderdetaildialog.h"

#include "common/money.h"
#include "engine/engine.h"
#include "gui/async.h"
#include "gui/dialogs/refunddialog.h"
#include "gui/labels.h"
#include "gui/session.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace kedai::gui {

namespace {

QLabel *valueLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

QString orDash(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("—") : text;
}

} // namespace

OrderDetailDialog::OrderDetailDialog(engine::Engine *engine, Session *session, const QString &ref, QWidget *parent)
    : QDialog(parent)
    , m_engine(engine)
    , m_session(session)
    , m_ref(ref)
    , m_form(new QFormLayout)
    , m_message(new QLabel(this))
    , m_items(new QPlainTextEdit(this))
    , m_revealButton(new QPushButton(tr("&Reveal"), this))
    , m_resendButton(new QPushButton(tr("Re&send delivery"), this))
    , m_refundButton(new QPushButton(tr("Re&fund…"), this))
{
    setWindowTitle(tr("Order %1").arg(ref));
    setObjectName(QStringLiteral("orderDetailDialog"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);

    auto *itemsBox = new QGroupBox(tr("Delivered items"), this);
    auto *itemsLayout = new QHBoxLayout(itemsBox);
    m_items->setObjectName(QStringLiteral("itemsView"));
    m_items->setReadOnly(true);
    m_items->setMaximumBlockCount(1000);
    m_items->setPlaceholderText(tr("No items"));
    itemsLayout->addWidget(m_items, 1);
    m_revealButton->setObjectName(QStringLiteral("revealButton"));
    m_revealButton->setToolTip(tr("Show the delivered items. Who looked is written in the audit log."));
    itemsLayout->addWidget(m_revealButton, 0, Qt::AlignTop);
    layout->addWidget(itemsBox);

    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setWordWrap(true);
    layout->addWidget(m_message);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_resendButton->setObjectName(QStringLiteral("resendButton"));
    m_refundButton->setObjectName(QStringLiteral("refundButton"));
    buttons->addButton(m_resendButton, QDialogButtonBox::ActionRole);
    buttons->addButton(m_refundButton, QDialogButtonBox::ActionRole);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_revealButton, &QPushButton::clicked, this, &OrderDetailDialog::reveal);
    connect(m_resendButton, &QPushButton::clicked, this, &OrderDetailDialog::resend);
    connect(m_refundButton, &QPushButton::clicked, this, &OrderDetailDialog::refund);
    connect(m_session, &Session::changed, this, [this] {
        // Another user signed in: what the last one revealed is not theirs to see.
        m_revealed = false;
        if (m_detail)
            display(*m_detail);
        updateButtons();
    });
    // Changed elsewhere (a refund over WhatsApp, another window): show it as it is now.
    connect(m_engine, &engine::Engine::orderChanged, this, [this](qint64, const QString &ref) {
        if (ref.compare(m_ref, Qt::CaseInsensitive) == 0 && !m_busy)
            reload();
    });
    resize(560, 560);
    updateButtons();
    reload();
}

OrderDetailDialog::~OrderDetailDialog() = default;

QString OrderDetailDialog::maskedItem()
{
    return QString(8, QChar(0x2022));
}

QString OrderDetailDialog::itemsText() const
{
    return m_items->toPlainText();
}

void OrderDetailDialog::reload()
{
    m_busy = true;
    updateButtons();
    onReady(m_engine->orderDetail(m_ref), this, [this](common::Result<std::optional<store::OrderDetail>> result) {
        m_busy = false;
        if (!result) {
            setMessage(tr("Could not load the order: %1").arg(Labels::error(result.error())));
        } else if (!result.value()) {
            setMessage(tr("There is no order %1.").arg(m_ref));
        } else {
            m_detail = *result.value();
            m_revealed = false;
            display(*m_detail);
        }
        updateButtons();
        Q_EMIT loadedDetail();
    });
}

void OrderDetailDialog::display(const store::OrderDetail &d)
{
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    const domain::Order &o = d.order;
    const auto row = [this](const QString &label, const QString &value) {
        m_form->addRow(label, valueLabel(value, this));
    };
    row(tr("Ref:"), o.ref);
    row(tr("Status:"), Labels::orderStatus(o.status));
    row(tr("Created:"), Labels::dateTime(o.createdAt));
    row(tr("Paid:"), orDash(Labels::dateTime(o.paidAt)));
    row(tr("Delivered:"), orDash(Labels::dateTime(o.deliveredAt)));
    const QString who = d.customer.name.isEmpty() ? o.customerPhone
                                                  : tr("%1 (%2)").arg(d.customer.name, orDash(o.customerPhone));
    row(tr("Customer:"), who);
    row(tr("Customer's saldo now:"), common::formatRupiah(d.customer.saldo));
    row(tr("Product:"), tr("%1 (%2)").arg(o.productName, o.productCode));
    row(tr("Quantity:"), QString::number(o.qty));
    row(tr("Unit price:"), common::formatRupiah(o.unitPrice));
    row(tr("Total:"), common::formatRupiah(o.total));
    row(tr("Payment:"), Labels::paymentMethod(o.method));
    if (o.method != domain::PaymentMethod::Saldo) {
        row(tr("Kode unik:"), common::formatRupiah(o.uniqueCode));
        row(tr("Amount paid:"), common::formatRupiah(o.payable));
    }
    QStringList movements;
    for (const domain::LedgerEntry &e : d.ledger)
        movements << tr("%1  %2  %3  by %4  %5")
                         .arg(Labels::dateTime(e.createdAt), Labels::ledgerKind(e.kind),
                              (e.delta > 0 ? QStringLiteral("+") : QString()) + common::formatRupiah(e.delta), e.actor,
                              e.note);
    row(tr("Saldo movements:"), orDash(movements.join(QLatin1Char('\n'))));

    if (!m_revealed) {
        QStringList masked;
        for (int i = 0; i < d.itemCount; ++i)
            masked << tr("Item %1: %2").arg(i + 1).arg(maskedItem());
        m_items->setPlainText(masked.join(QLatin1Char('\n')));
    }
}

void OrderDetailDialog::reveal()
{
    if (!m_detail || m_busy || m_revealed || !m_session->can(domain::Permission::RevealItems))
        return;
    m_busy = true;
    updateButtons();
    onReady(m_engine->revealOrderItems(m_ref, m_session->actor()), this, [this](common::Result<QStringList> result) {
        m_busy = false;
        if (!result) {
            setMessage(Labels::error(result.error()));
        } else {
            m_revealed = true;
            QStringList lines;
            for (int i = 0; i < result->size(); ++i)
                lines << tr("Item %1: %2").arg(i + 1).arg(result->at(i));
            m_items->setPlainText(lines.join(QLatin1Char('\n')));
            setMessage(tr("Shown to you; this was written in the audit log."));
        }
        updateButtons();
    });
}

void OrderDetailDialog::resend()
{
    if (!m_detail || m_busy || !m_session->can(domain::Permission::ResendDelivery))
        return;
    m_busy = true;
    updateButtons();
    onReady(m_engine->resendDelivery(m_ref, m_session->actor()), this,
            [this](common::Result<store::ResendOutcome> result) {
                m_busy = false;
                if (!result) {
                    setMessage(result.error().code == QLatin1String("order.no_contact")
                                   ? tr("This customer has no WhatsApp or other channel to write to.")
                                   : Labels::error(result.error()));
                } else {
                    const QString text = tr("The delivery of %1 is on its way to %2 again.")
                                             .arg(result->order.ref, result->recipient);
                    setMessage(text);
                    Q_EMIT statusMessage(text);
                }
                updateButtons();
            });
}

RefundDialog *OrderDetailDialog::refund()
{
    if (!m_detail || m_busy || !m_session->can(domain::Permission::Refund)
        || !domain::canTransition(m_detail->order.status, domain::OrderStatus::Refunded))
        return nullptr;
    domain::Order order = m_detail->order;
    order.customerName = m_detail->customer.name;
    auto *dialog = new RefundDialog(m_engine, order, m_session->actor(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RefundDialog::refunded, this, [this](const store::RefundOutcome &r) {
        const QString text = tr("%1 refunded: %2 added to the customer's saldo (now %3).")
                                 .arg(r.order.ref, common::formatRupiah(r.credited),
                                      common::formatRupiah(r.saldoAfter));
        setMessage(text);
        Q_EMIT statusMessage(text);
        reload();
    });
    dialog->open();
    return dialog;
}

void OrderDetailDialog::updateButtons()
{
    const bool loaded = m_detail.has_value();
    const domain::OrderStatus status = loaded ? m_detail->order.status : domain::OrderStatus::Pending;
    const bool mayReveal = m_session->can(domain::Permission::RevealItems);
    const bool mayResend = m_session->can(domain::Permission::ResendDelivery);
    const bool mayRefund = m_session->can(domain::Permission::Refund);
    // Hidden for roles that may not (the engine refuses them anyway).
    m_revealButton->setVisible(mayReveal);
    m_resendButton->setVisible(mayResend);
    m_refundButton->setVisible(mayRefund);
    m_revealButton->setEnabled(mayReveal && loaded && !m_busy && !m_revealed && m_detail->itemCount > 0);
    m_resendButton->setEnabled(mayResend && loaded && !m_busy && status == domain::OrderStatus::Delivered);
    m_refundButton->setEnabled(mayRefund && loaded && !m_busy
                               && domain::canTransition(status, domain::OrderStatus::Refunded));
}

void OrderDetailDialog::setMessage(const QString &text)
{
    m_message->setText(text);
}

} // namespace kedai::gui
