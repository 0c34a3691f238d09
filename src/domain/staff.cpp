#include "domain/staff.h"

#include <QRegularExpression>

namespace kedai::domain {

bool roleAllows(StaffRole role, Permission permission)
{
    switch (permission) {
    case Permission::ManageStock:
    case Permission::ResendDelivery:
    case Permission::ReplyToCustomers: return true;
    case Permission::EditProducts:
    case Permission::RevealItems:
    case Permission::Refund:
    case Permission::AdjustSaldo:
    case Permission::ManageCustomers:
    case Permission::ConfirmPayments:
    case Permission::ViewAudit: return role == StaffRole::Manager || role == StaffRole::Owner;
    case Permission::EditSettings:
    case Permission::ManageStaff:
    case Permission::Backups: return role == StaffRole::Owner;
    }
    return false;
}

QString staffRoleName(StaffRole role)
{
    switch (role) {
    case StaffRole::Staff: return QStringLiteral("staff");
    case StaffRole::Manager: return QStringLiteral("manager");
    case StaffRole::Owner: return QStringLiteral("owner");
    }
    return QStringLiteral("staff");
}

std::optional<StaffRole> parseStaffRole(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("staff"))
        return StaffRole::Staff;
    if (t == QLatin1String("manager"))
        return StaffRole::Manager;
    if (t == QLatin1String("owner"))
        return StaffRole::Owner;
    return std::nullopt;
}

QString normalizedUsername(const QString &text)
{
    static const QRegularExpression valid(QStringLiteral("^[a-z0-9._-]{3,32}$"));
    const QString name = text.trimmed().toLower();
    return valid.match(name).hasMatch() ? name : QString();
}

QString staffActor(const QString &username)
{
    return QStringLiteral("staff:") + username;
}

} // namespace kedai::domain
