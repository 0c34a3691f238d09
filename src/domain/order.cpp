#include "domain/order.h"

namespace kedai::domain {

QString orderStatusName(OrderStatus status)
{
    switch (status) {
    case OrderStatus::Pending: return QStringLiteral("pending");
    case OrderStatus::Paid: return QStringLiteral("paid");
    case OrderStatus::Delivered: return QStringLiteral("delivered");
    case OrderStatus::Expired: return QStringLiteral("expired");
    case OrderStatus::Cancelled: return QStringLiteral("cancelled");
    case OrderStatus::Refunded: return QStringLiteral("refunded");
    }
    return QStringLiteral("pending");
}

std::optional<OrderStatus> parseOrderStatus(const QString &text)
{
    for (auto s : {OrderStatus::Pending, OrderStatus::Paid, OrderStatus::Delivered, OrderStatus::Expired,
                   OrderStatus::Cancelled, OrderStatus::Refunded}) {
        if (orderStatusName(s) == text)
            return s;
    }
    return std::nullopt;
}

QString paymentMethodName(PaymentMethod method)
{
    switch (method) {
    case PaymentMethod::Saldo: return QStringLiteral("saldo");
    case PaymentMethod::Qris: return QStringLiteral("qris");
    case PaymentMethod::Midtrans: return QStringLiteral("midtrans");
    case PaymentMethod::Ppob: return QStringLiteral("ppob");
    }
    return QStringLiteral("saldo");
}

std::optional<PaymentMethod> parsePaymentMethod(const QString &text)
{
    for (auto m : {PaymentMethod::Saldo, PaymentMethod::Qris, PaymentMethod::Midtrans, PaymentMethod::Ppob}) {
        if (paymentMethodName(m) == text)
            return m;
    }
    return std::nullopt;
}

bool canTransition(OrderStatus from, OrderStatus to)
{
    using S = OrderStatus;
    switch (from) {
    case S::Pending: return to == S::Paid || to == S::Delivered || to == S::Expired || to == S::Cancelled;
    case S::Paid: return to == S::Delivered || to == S::Refunded;
    case S::Delivered: return to == S::Refunded;
    case S::Expired:
    case S::Cancelled:
    case S::Refunded: return false;
    }
    return false;
}

} // namespace kedai::domain
