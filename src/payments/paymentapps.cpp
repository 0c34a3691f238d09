#include "payments/paymentapps.h"

namespace kedai::payments {

QList<KnownApp> knownPaymentApps()
{
    // Package names as published on Google Play.
    return {
        {QStringLiteral("gopay_merchant"), QStringLiteral("com.gojek.gopaymerchant"), QStringLiteral("GoPay Merchant")},
        {QStringLiteral("dana_bisnis"), QStringLiteral("id.dana.business"), QStringLiteral("DANA Bisnis")},
        {QStringLiteral("ovo"), QStringLiteral("ovo.id"), QStringLiteral("OVO")},
        {QStringLiteral("shopeepay_merchant"), QStringLiteral("com.shopeepay.merchant.id"),
         QStringLiteral("ShopeePay Merchant")},
        {QStringLiteral("shopee_partner"), QStringLiteral("com.shopee.partner"), QStringLiteral("ShopeePay Partner")},
        {QStringLiteral("livin_merchant"), QStringLiteral("id.co.bankmandiri.livinmerchant"),
         QStringLiteral("Livin' Merchant")},
        {QStringLiteral("bca_mobile"), QStringLiteral("com.bca"), QStringLiteral("BCA mobile")},
        {QStringLiteral("mybca"), QStringLiteral("com.bca.mybca.omni.android"), QStringLiteral("myBCA")},
        {QStringLiteral("brimo"), QStringLiteral("id.co.bri.brimo"), QStringLiteral("BRImo")},
        {QStringLiteral("jago"), QStringLiteral("com.jago.digitalBanking"), QStringLiteral("Bank Jago")},
        {kGenericQrisAppId.toString(), QString(), QStringLiteral("QRIS (other app)")},
    };
}

std::optional<KnownApp> findKnownApp(QStringView packageName)
{
    if (packageName.isEmpty())
        return std::nullopt;
    for (const KnownApp &app : knownPaymentApps()) {
        if (app.packageName == packageName)
            return app;
    }
    return std::nullopt;
}

bool isMessagingApp(QStringView packageName)
{
    static const QStringView kMessaging[] = {
        u"com.whatsapp",
        u"com.whatsapp.w4b",
        u"org.telegram.messenger",
        u"org.thunderdog.challegram",
        u"jp.naver.line.android",
        u"com.facebook.orca",
        u"com.facebook.katana",
        u"com.instagram.android",
        u"com.google.android.apps.messaging",
        u"com.android.mms",
        u"com.samsung.android.messaging",
        u"com.google.android.gm",
        u"com.twitter.android",
        u"com.zhiliaoapp.musically",
        u"com.ss.android.ugc.trill",
    };
    for (const QStringView messaging : kMessaging) {
        if (packageName == messaging)
            return true;
    }
    return false;
}

} // namespace kedai::payments
