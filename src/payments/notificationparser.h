#pragma once

#include "common/money.h"
#include "common/result.h"
#include "domain/payment.h"
#include "payments/paymentapps.h"

#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace kedai::payments {

/// One notification forwarded from the shop's Android phone (POST /webhook/payment-notification).
struct PaymentNotification
{
    QString packageName;
    QString appName;
    QString title;
    QString text;
    std::optional<QDateTime> postedAt;
    /// The amount the forwarder sent, if any. When absent, use extractAmount(title, text).
    std::optional<common::Rupiah> amount;
};

/// At most this many notifications in one request body.
inline constexpr qsizetype kMaxNotificationsPerBody = 100;
/// At most this many bytes in one request body.
inline constexpr qsizetype kMaxNotificationBodyBytes = 1024 * 1024;

/// Parses one JSON object or an array of them with the fields "packageName" (required),
/// "appName", "title", "text" (strings; title or text must be non-empty), "postedAt" (epoch
/// milliseconds or an ISO-8601 string) and "amount" (a whole non-negative number, or a string
/// such as "50023", "50.023" or "Rp 50.023,00"). Unknown fields are ignored; null or "" means
/// absent. Errors ("notification.*") name the entry and the field.
common::Result<QList<PaymentNotification>> parseNotificationJson(QByteArrayView body);

/// The amount received in an Indonesian payment notification: "Rp 50.023", "Rp50.023,00",
/// "Rp. 50.023", "IDR 50,023", "IDR 50,023.00", "sebesar 10.000", "Rp 50.000,-". The title is
/// read before the text and the first amount wins, except amounts introduced by a balance, fee
/// or discount word ("Saldo Rp 1.234.567", "biaya Rp 350", "Diskon Rp 10.000"), which are skipped.
/// Negative amounts ("-Rp 50.000"), fractions of a rupiah and zero are never returned.
std::optional<common::Rupiah> extractAmount(const QString &title, const QString &text);

/// The app this notification comes from: its known payment app by package name, or the generic
/// QRIS entry when the text mentions QRIS and incoming money; nullopt for anything else and for
/// messaging apps (whose text anyone can write).
std::optional<KnownApp> matchPaymentApp(const PaymentNotification &notification);

/// True when the notification announces money received by the shop: a matching app (see
/// matchPaymentApp), an incoming word (masuk, diterima, menerima, berhasil, received, …), an
/// amount (sent or extracted), and neither an outgoing phrase ("transfer ke", "pembayaran ke",
/// "kamu membayar", "top up", "tarik tunai", …) nor promotional wording ("diskon", "promo",
/// "cashback", "voucher", …).
bool isIncomingPayment(const PaymentNotification &notification);

/// What a forwarded notification is, before any matching.
struct NotificationClass
{
    /// Unmatched: money received by the shop (matching decides what it becomes);
    /// Unparsed: from a payment app (or mentioning a payment) but no amount could be read;
    /// Ignored: not money received (a messaging app, an app switched off in the settings, an
    /// outgoing payment, a promotion, an unrelated notification).
    domain::NotificationStatus status = domain::NotificationStatus::Ignored;
    QString appId;                        ///< the known app it matched, empty for none
    std::optional<common::Rupiah> amount; ///< the sent or extracted amount
};

/// Classifies a notification. `enabledAppIds` are the apps whose notifications count (setting
/// qris_apps); empty means every known app and the generic QRIS entry.
NotificationClass classifyNotification(const PaymentNotification &notification, const QStringList &enabledAppIds);

} // namespace kedai::payments
