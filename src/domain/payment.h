#pragma once

#include "common/money.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace kedai::domain {

/// What a QRIS payment is for.
enum class QrisPurpose { Order, Deposit };

/// pending -> paid | expired | cancelled; expired | cancelled -> credited (paid late, the money
/// went to the customer's saldo).
enum class QrisStatus { Pending, Paid, Expired, Cancelled, Credited };

QString qrisPurposeName(QrisPurpose purpose);
std::optional<QrisPurpose> parseQrisPurpose(const QString &text);
QString qrisStatusName(QrisStatus status);
std::optional<QrisStatus> parseQrisStatus(const QString &text);

/// One QRIS payment request: a pending QRIS order or a saldo deposit (table qris_payments).
struct QrisPayment
{
    qint64 id = 0;
    QString ref; ///< the order's ref ("KD…") or the deposit's ("DP…")
    QrisPurpose purpose = QrisPurpose::Order;
    qint64 customerId = 0;
    QString customerPhone;
    QString customerName;
    qint64 orderId = 0; ///< 0 for a deposit
    QString productCode;
    QString productName;
    int qty = 0;
    QString channel;               ///< where the customer asked, so the answer goes back there
    QString recipient;             ///< the customer's id on that channel
    common::Rupiah amount = 0;     ///< the order's total or the deposit's nominal
    common::Rupiah uniqueCode = 0; ///< the "kode unik"
    common::Rupiah payable = 0;    ///< amount + uniqueCode: what the customer pays
    common::Rupiah bonus = 0;      ///< a deposit's bonus (credited with it)
    QrisStatus status = QrisStatus::Pending;
    QDateTime createdAt;
    QDateTime expiresAt;
    QDateTime closedAt;
    QString closedBy; ///< "system:listener", "system:expiry", "owner:62…", "staff:…", "customer:…"
    QString note;
    qint64 notificationId = 0;
    QString qrPath; ///< the PNG sent to the customer
};

/// How a forwarded payment notification was handled (table payment_notifications).
enum class NotificationStatus {
    Matched,   ///< paid a pending QRIS order or deposit
    Credited,  ///< paid an expired or cancelled one late: credited to that customer's saldo
    Unmatched, ///< money in, but no payment waits for that amount: in the owner's queue
    Assigned,  ///< taken out of the queue by staff (to an order or a saldo)
    Unparsed,  ///< no amount could be read
    Ignored    ///< not money received (another app, an outgoing payment, a promotion)
};

QString notificationStatusName(NotificationStatus status);
std::optional<NotificationStatus> parseNotificationStatus(const QString &text);

struct PaymentNotificationRecord
{
    qint64 id = 0;
    QString packageName;
    QString appName;
    QString appId; ///< the known app it matched ("gopay_merchant", "qris_generic"), else empty
    QString title;
    QString text;
    std::optional<common::Rupiah> amount;
    QDateTime postedAt; ///< invalid when the forwarder did not send it
    QDateTime receivedAt;
    NotificationStatus status = NotificationStatus::Unparsed;
    qint64 paymentId = 0;
    QString paymentRef; ///< the payment it paid or was assigned to
    int repeats = 0;    ///< how many times the same notification came again
    QString resolvedBy;
    QDateTime resolvedAt;
    QString note;
};

} // namespace kedai::domain
