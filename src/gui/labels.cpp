#include "gui/labels.h"

#include "store/qrisservice.h"

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

namespace {

/// Errors with a fixed explanation. copyAgain: the owner pasted a QRIS text that cannot be used,
/// and the way out is the same for all of them.
struct ErrorText
{
    const char *code;
    const char *text;
    bool copyAgain;
};

constexpr ErrorText kErrorTexts[] = {
    {"qris.empty", QT_TRANSLATE_NOOP("kedai::gui::Labels", "The QRIS text is empty."), true},
    {"qris.crc_mismatch",
     QT_TRANSLATE_NOOP("kedai::gui::Labels",
                       "The QRIS text is damaged: some characters are missing or changed (its check digits do not "
                       "match)."),
     true},
    {"qris.malformed",
     QT_TRANSLATE_NOOP("kedai::gui::Labels", "This is not a valid QRIS text: it is incomplete or not a QRIS code."),
     true},
    {"qris.not_ascii",
     QT_TRANSLATE_NOOP("kedai::gui::Labels",
                       "The QRIS text contains characters that never occur in a QRIS (such as accented letters, "
                       "emoji or line breaks)."),
     true},
    {"qris.truncated", QT_TRANSLATE_NOOP("kedai::gui::Labels", "The QRIS text is cut off: its end is missing."), true},
    {"qris.missing_tag",
     QT_TRANSLATE_NOOP("kedai::gui::Labels",
                       "The QRIS text lacks parts every QRIS has (such as the country or the check digits)."),
     true},
    {"qris.already_dynamic",
     QT_TRANSLATE_NOOP("kedai::gui::Labels",
                       "This is a one-time QRIS for a single payment, not the shop's static QRIS."),
     true},
    {"qris.not_static",
     QT_TRANSLATE_NOOP("kedai::gui::Labels",
                       "This is a one-time QRIS for a single payment, not the shop's static QRIS."),
     true},
    {"qris.has_amount",
     QT_TRANSLATE_NOOP("kedai::gui::Labels",
                       "This QRIS already carries a fixed amount, so it is not the shop's static QRIS."),
     true},
    {"qris.not_id", QT_TRANSLATE_NOOP("kedai::gui::Labels", "This is not an Indonesian QRIS."), true},
    {"qris.ambiguous",
     QT_TRANSLATE_NOOP("kedai::gui::Labels",
                       "Kedai cannot make payment codes from this QRIS. Use the static QRIS of another bank or "
                       "wallet, and tell the Kedai developers about this one."),
     false},
    {"qris.conversion_failed",
     QT_TRANSLATE_NOOP("kedai::gui::Labels",
                       "Kedai cannot make payment codes from this QRIS. Use the static QRIS of another bank or "
                       "wallet, and tell the Kedai developers about this one."),
     false},
    {"qris.bad_listener_key",
     QT_TRANSLATE_NOOP("kedai::gui::Labels",
                       "The listener key must be 16 to 200 characters long: letters, digits and symbols, without "
                       "spaces. Leave the field empty to let Kedai make one."),
     false},
    {"settings.deposit_bonus",
     QT_TRANSLATE_NOOP("kedai::gui::Labels",
                       "Write the deposit bonus as bonus/step in whole rupiah, e.g. 2000/50000 for Rp 2.000 on "
                       "every full Rp 50.000 (the bonus must be smaller than the step), or leave it empty for no "
                       "bonus."),
     false},
    {"settings.qris_apps",
     QT_TRANSLATE_NOOP("kedai::gui::Labels",
                       "A chosen payment app is not known to this version of Kedai. Tick the apps again and save."),
     false},
    {"qris.note_required",
     QT_TRANSLATE_NOOP("kedai::gui::Labels",
                       "Write a note saying why (for example \"seen in the bank app\"): it is kept with the "
                       "payment."),
     false},
    {"qris.not_found",
     QT_TRANSLATE_NOOP("kedai::gui::Labels",
                       "There is no QRIS payment with this reference. Check the reference, or pick the payment "
                       "from the list."),
     false},
    {"qris.notification_not_found",
     QT_TRANSLATE_NOOP("kedai::gui::Labels", "This notification no longer exists. Reload the list and choose again."),
     false},
    {"qris.notification_resolved",
     QT_TRANSLATE_NOOP("kedai::gui::Labels",
                       "This money is no longer waiting: it was matched or assigned meanwhile. Reload the list to "
                       "see where it went."),
     false},
    {"qris.notification_no_amount",
     QT_TRANSLATE_NOOP("kedai::gui::Labels",
                       "No amount could be read from this notification, so it cannot be assigned. Check the "
                       "amount in the bank app and adjust the customer's saldo by hand if needed."),
     false},
    {"customer.not_found",
     QT_TRANSLATE_NOOP("kedai::gui::Labels",
                       "This customer no longer exists. Search again and choose another customer."),
     false},
    {"store.unavailable",
     QT_TRANSLATE_NOOP("kedai::gui::Labels",
                       "The database cannot be reached right now. Check that the database is running, then try "
                       "again."),
     false},
    {"store.busy",
     QT_TRANSLATE_NOOP("kedai::gui::Labels", "The database is busy right now. Please try again in a moment."), false},
};

} // namespace

QString Labels::error(const common::Error &error)
{
    if (error.code == QLatin1String("result.empty") || error.message.isEmpty())
        return tr("The operation did not finish (Kedai may be stopping). Please try again.");
    if (error.code == QLatin1String("settings.qris_code_max"))
        return tr("The highest unique code must be a whole number from 1 to %1.").arg(store::QrisOptions::kMaxCodeMax);
    if (error.code == QLatin1String("qris.already_paid")) {
        const QString ref = error.details.value(QStringLiteral("ref")).toString();
        const auto status = domain::parseQrisStatus(error.details.value(QStringLiteral("status")).toString());
        if (ref.isEmpty() || !status)
            return tr("This payment is no longer waiting for money. Reload the list to see its state.");
        return tr("Payment %1 is no longer waiting for money (now: %2). Reload the list to see its state.")
            .arg(ref, qrisStatus(*status));
    }
    for (const ErrorText &known : kErrorTexts) {
        if (error.code != QLatin1String(known.code))
            continue;
        QString text = tr(known.text);
        if (known.copyAgain)
            text += QLatin1Char(' ')
                    + tr("Copy the text again from the shop's static QRIS: scan the printed code with a QR reader "
                         "app and copy the whole text (it starts with 000201).");
        return text;
    }
    return error.message;
}

QString Labels::dateTime(const QDateTime &when)
{
    if (!when.isValid())
        return {};
    return when.toLocalTime().toString(QStringLiteral("dd/MM/yyyy HH:mm"));
}

} // namespace kedai::gui
