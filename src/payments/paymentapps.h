#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace kedai::payments {

/// An Android app whose notifications announce money received by the shop.
struct KnownApp
{
    QString id;          ///< stable key for settings and logs ("gopay_merchant", "qris_generic")
    QString packageName; ///< Android package; empty for the generic QRIS matcher
    QString label;       ///< for the staff GUI
};

/// The id of the catch-all entry: any app whose notification mentions QRIS and incoming money.
inline constexpr QStringView kGenericQrisAppId = u"qris_generic";

/// GoPay Merchant, DANA Bisnis, OVO, ShopeePay Merchant / Partner, Livin' Merchant, BCA mobile,
/// myBCA, BRImo, Bank Jago, then the generic QRIS entry (last, with an empty package name).
QList<KnownApp> knownPaymentApps();

/// The known app with this package name (never the generic entry).
std::optional<KnownApp> findKnownApp(QStringView packageName);

/// Chat, SMS, e-mail and social apps: anyone can make them show any text (a customer can send
/// "Pembayaran QRIS Rp 50.023 berhasil" on WhatsApp), so their notifications never count.
bool isMessagingApp(QStringView packageName);

} // namespace kedai::payments
