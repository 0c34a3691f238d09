#include "gui/labels.h"

#include "store/qrisservice.h"

#include <QDateTime>
#include <QLocale>

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
    {"auth.failed",
     QT_TRANSLATE_NOOP("kedai::gui::Labels",
                       "Wrong username or password. Check Caps Lock and try again; after 5 wrong tries the account "
                       "waits 5 minutes."),
     false},
    {"auth.inactive",
     QT_TRANSLATE_NOOP("kedai::gui::Labels", "This account is switched off. Ask the shop owner to switch it on again."),
     false},
    {"auth.forbidden",
     QT_TRANSLATE_NOOP("kedai::gui::Labels", "Your account may not do this. Ask the shop owner or a manager."), false},
    {"auth.hash_failed",
     QT_TRANSLATE_NOOP("kedai::gui::Labels",
                       "The password could not be processed (the computer is short of memory). Close other "
                       "programs and try again."),
     false},
    {"staff.username_invalid",
     QT_TRANSLATE_NOOP("kedai::gui::Labels",
                       "A username has 3 to 32 characters: small letters, digits, dots, dashes or underscores, "
                       "without spaces."),
     false},
    {"staff.last_owner",
     QT_TRANSLATE_NOOP("kedai::gui::Labels",
                       "This is the only owner account: it must stay an active owner. Make another account owner "
                       "first."),
     false},
    {"staff.not_found",
     QT_TRANSLATE_NOOP("kedai::gui::Labels", "This account no longer exists. Reload the list and choose again."),
     false},
    {"staff.already_set_up",
     QT_TRANSLATE_NOOP("kedai::gui::Labels", "The owner account exists already. Sign in with it instead."), false},
};

} // namespace

QString Labels::error(const common::Error &error)
{
    if (error.code == QLatin1String("result.empty") || error.message.isEmpty())
        return tr("The operation did not finish (Kedai may be stopping). Please try again.");
    if (error.code == QLatin1String("auth.password_too_short"))
        return tr("The password is too short: use at least %1 characters.")
            .arg(error.details.value(QStringLiteral("min"), 8).toInt());
    if (error.code == QLatin1String("auth.locked")) {
        const QDateTime until = error.details.value(QStringLiteral("until")).toDateTime();
        if (!until.isValid())
            return tr("Too many wrong passwords: this account is locked for a few minutes.");
        return tr("Too many wrong passwords: this account is locked until %1. Try again then, or ask the shop owner "
                  "to set a new password.")
            .arg(until.toLocalTime().toString(QStringLiteral("HH:mm")));
    }
    if (error.code == QLatin1String("staff.username_taken"))
        return tr("The username \"%1\" is taken. Choose another one.")
            .arg(error.details.value(QStringLiteral("username")).toString());
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
    // Month names in the window's language (installTranslations sets the default locale);
    // Indonesian writes the time with a dot: "21 Nov 2026 14.30".
    const QLocale locale;
    const bool indonesian = locale.language() == QLocale::Indonesian;
    return locale.toString(when.toLocalTime(),
                           indonesian ? QStringLiteral("d MMM yyyy HH.mm") : QStringLiteral("d MMM yyyy HH:mm"));
}

QString Labels::staffRole(domain::StaffRole role)
{
    switch (role) {
    case domain::StaffRole::Staff: return tr("Staff");
    case domain::StaffRole::Manager: return tr("Manager");
    case domain::StaffRole::Owner: return tr("Owner");
    }
    return {};
}

namespace {

/// The actions the store writes to audit_log (grep sql::audit in src/store).
constexpr std::pair<const char *, const char *> kAuditActions[] = {
    {"order.purchase", QT_TRANSLATE_NOOP("kedai::gui::Labels", "Order bought with saldo")},
    {"order.refund", QT_TRANSLATE_NOOP("kedai::gui::Labels", "Order refunded")},
    {"order.reveal", QT_TRANSLATE_NOOP("kedai::gui::Labels", "Delivered items shown")},
    {"order.resend", QT_TRANSLATE_NOOP("kedai::gui::Labels", "Delivery sent again")},
    {"ledger.post", QT_TRANSLATE_NOOP("kedai::gui::Labels", "Saldo changed")},
    {"stock.add", QT_TRANSLATE_NOOP("kedai::gui::Labels", "Stock added")},
    {"stock.void", QT_TRANSLATE_NOOP("kedai::gui::Labels", "Stock item voided")},
    {"stock.void_unsold", QT_TRANSLATE_NOOP("kedai::gui::Labels", "Unsold stock voided")},
    {"product.create", QT_TRANSLATE_NOOP("kedai::gui::Labels", "Product added")},
    {"product.update", QT_TRANSLATE_NOOP("kedai::gui::Labels", "Product edited")},
    {"product.set_price", QT_TRANSLATE_NOOP("kedai::gui::Labels", "Price changed")},
    {"product.set_description", QT_TRANSLATE_NOOP("kedai::gui::Labels", "Description changed")},
    {"product.deactivate", QT_TRANSLATE_NOOP("kedai::gui::Labels", "Product removed")},
    {"customer.create", QT_TRANSLATE_NOOP("kedai::gui::Labels", "New customer")},
    {"customer.set_tier", QT_TRANSLATE_NOOP("kedai::gui::Labels", "Customer tier changed")},
    {"customer.set_blocked", QT_TRANSLATE_NOOP("kedai::gui::Labels", "Customer blocked or unblocked")},
    {"customer.merge", QT_TRANSLATE_NOOP("kedai::gui::Labels", "Customers merged")},
    {"setting.set", QT_TRANSLATE_NOOP("kedai::gui::Labels", "Setting changed")},
    {"staff.create", QT_TRANSLATE_NOOP("kedai::gui::Labels", "Account created")},
    {"staff.update", QT_TRANSLATE_NOOP("kedai::gui::Labels", "Account changed")},
    {"staff.password", QT_TRANSLATE_NOOP("kedai::gui::Labels", "Password changed")},
    {"staff.login", QT_TRANSLATE_NOOP("kedai::gui::Labels", "Signed in")},
    {"staff.login_failed", QT_TRANSLATE_NOOP("kedai::gui::Labels", "Wrong password")},
    {"qris.order_created", QT_TRANSLATE_NOOP("kedai::gui::Labels", "QRIS order created")},
    {"qris.deposit_created", QT_TRANSLATE_NOOP("kedai::gui::Labels", "QRIS deposit created")},
    {"qris.paid", QT_TRANSLATE_NOOP("kedai::gui::Labels", "QRIS payment received")},
    {"qris.credited_late", QT_TRANSLATE_NOOP("kedai::gui::Labels", "Late QRIS payment credited to saldo")},
    {"qris.expired", QT_TRANSLATE_NOOP("kedai::gui::Labels", "QRIS payment expired")},
    {"qris.cancelled", QT_TRANSLATE_NOOP("kedai::gui::Labels", "QRIS payment cancelled")},
    {"qris.notification_assigned", QT_TRANSLATE_NOOP("kedai::gui::Labels", "Unmatched money assigned")},
    {"conversation.staff_reply", QT_TRANSLATE_NOOP("kedai::gui::Labels", "Staff replied in a chat")},
    {"conversation.resume_bot", QT_TRANSLATE_NOOP("kedai::gui::Labels", "Bot resumed in a chat")},
};

} // namespace

QString Labels::auditAction(const QString &action)
{
    for (const auto &[code, text] : kAuditActions) {
        if (action == QLatin1String(code))
            return tr(text);
    }
    return action;
}

QString Labels::auditActor(const QString &actor)
{
    if (actor.startsWith(QLatin1String("staff:")))
        return actor.mid(6);
    if (actor == QLatin1String("system"))
        return tr("System");
    return actor;
}

} // namespace kedai::gui
