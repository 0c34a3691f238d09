#include "gui/labels.h"

#include <QDateTime>

namespace kedai::gui {

QString Labels::orderStatus(domain::OrderStatus status)
{
    switch (status) {
    case domain::OrderStatus::Pending: return tr("Pending");
    case domain::OrderStatus::Paid: return tr("Paid");
    case domain::OrderStatus::Delivered: return tr("Delivered");
    case domain::OrderStatus::Expired: return tr("Expired");
    case domain::OrderStatus::Cancelled: return tr("Cancelled");
    case domain::OrderStatus::Refunded: return tr("Refunded");
    }
    return {};
}

QString Labels::paymentMethod(domain::PaymentMethod method)
{
    switch (method) {
    case domain::PaymentMethod::Saldo: return tr("Saldo");
    case domain::PaymentMethod::Qris: return tr("QRIS");
    case domain::PaymentMethod::Midtrans: return tr("Midtrans");
    case domain::PaymentMethod::Ppob: return tr("PPOB");
    }
    return {};
}

QString Labels::productKind(domain::ProductKind kind)
{
    switch (kind) {
    case domain::ProductKind::Digital: return tr("Digital");
    case domain::ProductKind::Counted: return tr("Counted");
    case domain::ProductKind::Ppob: return tr("PPOB");
    }
    return {};
}

QString Labels::stockStatus(domain::StockStatus status)
{
    switch (status) {
    case domain::StockStatus::Available: return tr("Available");
    case domain::StockStatus::Reserved: return tr("Reserved");
    case domain::StockStatus::Sold: return tr("Sold");
    case domain::StockStatus::Void: return tr("Void");
    }
    return {};
}

QString Labels::tier(domain::Tier tier)
{
    switch (tier) {
    case domain::Tier::Bronze: return tr("Bronze");
    case domain::Tier::Silver: return tr("Silver");
    case domain::Tier::Gold: return tr("Gold");
    }
    return {};
}

QString Labels::ledgerKind(domain::LedgerKind kind)
{
    switch (kind) {
    case domain::LedgerKind::Topup: return tr("Top-up");
    case domain::LedgerKind::Deposit: return tr("Deposit");
    case domain::LedgerKind::Bonus: return tr("Bonus");
    case domain::LedgerKind::Purchase: return tr("Purchase");
    case domain::LedgerKind::Refund: return tr("Refund");
    case domain::LedgerKind::Adjustment: return tr("Adjustment");
    }
    return {};
}

QString Labels::yesNo(bool value)
{
    return value ? tr("Yes") : tr("No");
}

QString Labels::dateTime(const QDateTime &when)
{
    if (!when.isValid())
        return {};
    return when.toLocalTime().toString(QStringLiteral("dd/MM/yyyy HH:mm"));
}

} // namespace kedai::gui
