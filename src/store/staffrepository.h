#pragma once

#include "common/result.h"
#include "domain/staff.h"
#include "store/database.h"

#include <QList>

#include <memory>
#include <optional>

namespace kedai::store {

/// What a login needs to see, and never more than the store.
struct StaffCredentials
{
    domain::StaffUser user;
    QString passwordHash;
    int failedLogins = 0;
    QDateTime lockedUntil; ///< invalid: not locked
};

/// Desktop accounts (staff_users). Every change is audited with the actor; password hashes are
/// never written to the audit log. There is always at least one active owner once the first
/// account exists: demoting, deactivating or renaming away the last one is refused.
class StaffRepository
{
public:
    explicit StaffRepository(std::shared_ptr<Database> db) : m_db(std::move(db)) {}

    /// Accounts by username (active and inactive).
    common::Result<QList<domain::StaffUser>> list();
    common::Result<int> count();
    /// Creates an account. `onlyIfNone`: refused with staff.already_set_up when any account exists
    /// (the first-run owner; checked inside the transaction, so two windows cannot both create it).
    /// Errors: staff.username_invalid, staff.username_taken, staff.already_set_up.
    common::Result<domain::StaffUser> create(const QString &username, const QString &displayName,
                                             domain::StaffRole role, const QString &passwordHash, const QString &actor,
                                             bool onlyIfNone = false);
    /// Errors: staff.not_found, staff.last_owner.
    common::Result<domain::StaffUser> update(qint64 id, const QString &displayName, domain::StaffRole role, bool active,
                                             const QString &actor);
    common::Result<void> setPasswordHash(qint64 id, const QString &passwordHash, const QString &actor);
    common::Result<std::optional<StaffCredentials>> credentials(const QString &username);
    /// A successful login (clears the failures) or a failed one (counts it; `lockUntil` valid
    /// locks the account until then). Audited as staff.login / staff.login_failed.
    common::Result<void> recordLogin(qint64 id, bool ok, const QDateTime &lockUntil);
    /// The role of an active account, nullopt for an unknown or inactive one.
    common::Result<std::optional<domain::StaffRole>> activeRole(const QString &username);

private:
    std::shared_ptr<Database> m_db;
};

} // namespace kedai::store
