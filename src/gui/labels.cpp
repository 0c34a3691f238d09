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

QString Labels::qrisStatus(domain::QrisStatus status)
{
    switch (status) {
    case domain::QrisStatus::Pending: return tr("Waiting for payment");
    case domain::QrisStatus::Paid: return tr("Paid");
    case domain::QrisStatus::Expired: return tr("Expired");
    case domain::QrisStatus::Cancelled: return tr("Cancelled");
    case domain::QrisStatus::Credited: return tr("Credited to saldo");
    }
    return {};
}

QString Labels::notificationStatus(domain::NotificationStatus status)
{
    switch (status) {
    case domain::NotificationStatus::Matched: return tr("Matched");
    case domain::NotificationStatus::Credited: return tr("Credited to saldo");
    case domain::NotificationStatus::Unmatched: return tr("Unmatched");
    case domain::NotificationStatus::Assigned: return tr("Assigned");
    case domain::NotificationStatus::Unparsed: return tr("Unparsed");
    case domain::NotificationStatus::Ignored: return tr("Ignored");
    }
    return {};
}

QString Labels::yesNo(bool value)
{
    return value ? tr("Yes") : tr("No");
}

QString Labels::error(const common::Error &error)
{
    if (error.code == QLatin1String("qris.not_built"))
        return tr("QRIS is not available in this version of Kedai yet.");
    if (error.code == QLatin1String("result.empty") || error.message.isEmpty())
        return tr("The operation did not finish (Kedai may be stopping). Please try again.");
    return error.message;
}

QString Labels::dateTime(const QDateTime &when)
{
    if (!when.isValid())
        return {};
    return when.toLocalTime().toString(QStringLiteral("dd/MM/yyyy HH:mm"));
}

} // namespace kedai::gui
