#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace kedai::domain {

/// Who a desktop user is. Each role has the rights of the one below it and more.
enum class StaffRole { Staff, Manager, Owner };

/// What a change needs. The desktop window hides or disables what the signed-in role may not
/// do, and the Engine refuses it again for a "staff:<username>" actor (errors auth.forbidden).
enum class Permission {
    ManageStock,      ///< add, import and void stock items (staff)
    ResendDelivery,   ///< send a delivered order's items to the customer again (staff)
    ReplyToCustomers, ///< write in the Conversations tab, resume the bot (staff)
    EditProducts,     ///< add and edit products, prices, categories, thresholds (manager)
    RevealItems,      ///< show the delivered items of an order on screen (manager, audited)
    Refund,           ///< refund an order to saldo (manager)
    AdjustSaldo,      ///< top up or deduct saldo (manager)
    ManageCustomers,  ///< tier, block and unblock, merge (manager)
    ConfirmPayments,  ///< confirm a QRIS payment by hand, assign a queued notification (manager)
    ViewAudit,        ///< the Audit panel (manager)
    EditSettings,     ///< the Settings panel, QRIS set-up, reply templates (owner)
    ManageStaff,      ///< staff accounts (owner)
    Backups,          ///< back up now, backup folder (owner)
};

bool roleAllows(StaffRole role, Permission permission);

QString staffRoleName(StaffRole role);                        ///< "staff" | "manager" | "owner"
std::optional<StaffRole> parseStaffRole(const QString &text); ///< case-insensitive

/// A desktop account (staff_users). The password hash never leaves the store.
struct StaffUser
{
    qint64 id = 0;
    QString username; ///< lower case, 3..32 of [a-z0-9._-]
    QString displayName;
    StaffRole role = StaffRole::Staff;
    bool active = true;
    QDateTime createdAt;
    QDateTime lastLoginAt;
};

/// A username as stored: trimmed and lower-cased. Empty when it is not 3..32 of [a-z0-9._-].
QString normalizedUsername(const QString &text);

/// The actor written to the audit log and the ledger for a desktop user ("staff:<username>").
QString staffActor(const QString &username);

} // namespace kedai::domain
