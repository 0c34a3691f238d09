#pragma once

#include "common/money.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace kedai::domain {

enum class OrderStatus { Pending, Paid, Delivered, Expired, Cancelled, Refunded };
enum class PaymentMethod { Saldo, Qris, Midtrans, Ppob };

QString orderStatusName(OrderStatus status);
std::optional<OrderStatus> parseOrderStatus(const QString &text);
QString paymentMethodName(PaymentMethod method);
std::optional<PaymentMethod> parsePaymentMethod(const QString &text);

/// The order state machine:
/// pending -> paid -> delivered -> refunded; pending -> expired | cancelled;
/// a saldo purchase goes straight to delivered in one transaction.
bool canTransition(OrderStatus from, OrderStatus to);

struct Order
{
    qint64 id = 0;
    QString ref;
    qint64 customerId = 0;
    QString customerPhone;
    QString customerName; ///< filled by the order lists (may be empty)
    qint64 productId = 0;
    QString productCode;
    QString productName;
    int qty = 0;
    common::Rupiah unitPrice = 0;
    common::Rupiah total = 0;
    common::Rupiah uniqueCode = 0; ///< QRIS "kode unik" (0 for saldo purchases)
    common::Rupiah payable = 0;    ///< total + uniqueCode: what the customer pays
    PaymentMethod method = PaymentMethod::Saldo;
    OrderStatus status = OrderStatus::Pending;
    QDateTime createdAt;
    QDateTime paidAt;
    QDateTime deliveredAt;
    QDateTime expiresAt; ///< a pending QRIS order's deadline
    QStringList items;   ///< delivered stock lines (filled only where asked for)
};

} // namespace kedai::domain
