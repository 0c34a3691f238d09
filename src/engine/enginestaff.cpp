// Staff accounts, sign-in and the audit trail: the Engine's part (issue 6).

#include "common/log.h"
#include "common/passwordhash.h"
#include "engine/engine.h"
#include "engine/engineprivate.h"

#include <QtConcurrent>

namespace kedai::engine {

using common::makeError;
using common::PasswordHash;
using common::Result;
using domain::StaffUser;

namespace {

constexpr int kMaxFailedLogins = 5;
constexpr int kLockMinutes = 5;

common::Error loginFailed()
{
    return makeError(QStringLiteral("auth.failed"), QStringLiteral("Wrong username or password."));
}

} // namespace

Result<void> EnginePrivate::authorize(const QString &actor, domain::Permission permission)
{
    // A change nobody signs for is refused: every caller names its actor.
    if (actor.trimmed().isEmpty())
        return makeError(QStringLiteral("auth.forbidden"), QStringLiteral("A change needs to say who makes it."));
    if (!actor.startsWith(QLatin1String("staff:")))
        return {};
    auto role = staff->activeRole(actor.mid(6));
    if (!role)
        return role.error();
    if (!*role || !domain::roleAllows(**role, permission))
        return makeError(QStringLiteral("auth.forbidden"),
                         QStringLiteral("Your account may not do this. Ask the shop owner or a manager."));
    return {};
}

QFuture<Result<int>> Engine::staffAccountCount()
{
    return QtConcurrent::run(&d->pool, [s = d->staff] { return s->count(); });
}

QFuture<Result<StaffUser>> Engine::createFirstOwner(const QString &username, const QString &displayName,
                                                    const QString &password)
{
    return QtConcurrent::run(&d->pool, [s = d->staff, username, displayName, password]() -> Result<StaffUser> {
        auto hash = PasswordHash::hash(password);
        if (!hash)
            return hash.error();
        const QString name = domain::normalizedUsername(username);
        return s->create(username, displayName, domain::StaffRole::Owner, *hash, domain::staffActor(name), true);
    });
}

QFuture<Result<StaffUser>> Engine::login(const QString &username, const QString &password)
{
    return QtConcurrent::run(&d->pool, [this, username, password]() -> Result<StaffUser> {
        auto found = d->staff->credentials(username);
        if (!found)
            return found.error();
        if (!*found) {
            // The same work and answer as a wrong password, so names cannot be probed.
            static const QString dummy = [] {
                auto h = PasswordHash::hash(QStringLiteral("kedai-no-such-account"));
                return h ? *h : QString();
            }();
            (void)PasswordHash::verify(dummy, password);
            return loginFailed();
        }
        const store::StaffCredentials &c = **found;
        const QDateTime now = d->clock->now();
        if (c.lockedUntil.isValid() && c.lockedUntil > now)
            return makeError(QStringLiteral("auth.locked"),
                             QStringLiteral("Too many wrong passwords: this account waits until %1.")
                                 .arg(c.lockedUntil.toLocalTime().toString(QStringLiteral("HH:mm"))),
                             {{QStringLiteral("until"), c.lockedUntil}});
        if (!PasswordHash::verify(c.passwordHash, password)) {
            const bool lock = c.failedLogins + 1 >= kMaxFailedLogins;
            if (auto r = d->staff->recordLogin(c.user.id, false, lock ? now.addSecs(kLockMinutes * 60) : QDateTime());
                !r)
                return r.error();
            log::get("engine")->warn("Failed desktop sign-in for an account ({} in a row)", c.failedLogins + 1);
            return loginFailed();
        }
        if (!c.user.active)
            return makeError(QStringLiteral("auth.inactive"),
                             QStringLiteral("This account is switched off. Ask the shop owner."));
        if (PasswordHash::needsRehash(c.passwordHash)) {
            if (auto rehashed = PasswordHash::hash(password); rehashed)
                (void)d->staff->setPasswordHash(c.user.id, *rehashed, domain::staffActor(c.user.username));
        }
        if (auto r = d->staff->recordLogin(c.user.id, true, {}); !r)
            return r.error();
        StaffUser user = c.user;
        user.lastLoginAt = now;
        return user;
    });
}

QFuture<Result<QList<StaffUser>>> Engine::staffUsers()
{
    return QtConcurrent::run(&d->pool, [s = d->staff] { return s->list(); });
}

QFuture<Result<StaffUser>> Engine::createStaffUser(const QString &username, const QString &displayName,
                                                   domain::StaffRole role, const QString &password,
                                                   const QString &actor)
{
    return QtConcurrent::run(&d->pool, [this, username, displayName, role, password, actor]() -> Result<StaffUser> {
        if (auto ok = d->authorize(actor, domain::Permission::ManageStaff); !ok)
            return ok.error();
        auto hash = PasswordHash::hash(password);
        if (!hash)
            return hash.error();
        return d->staff->create(username, displayName, role, *hash, actor);
    });
}

QFuture<Result<StaffUser>> Engine::updateStaffUser(qint64 id, const QString &displayName, domain::StaffRole role,
                                                   bool active, const QString &actor)
{
    return QtConcurrent::run(&d->pool, [this, id, displayName, role, active, actor]() -> Result<StaffUser> {
        if (auto ok = d->authorize(actor, domain::Permission::ManageStaff); !ok)
            return ok.error();
        return d->staff->update(id, displayName, role, active, actor);
    });
}

QFuture<Result<void>> Engine::setStaffPassword(qint64 id, const QString &newPassword, const QString &currentPassword,
                                               const QString &actor)
{
    return QtConcurrent::run(&d->pool, [this, id, newPassword, currentPassword, actor]() -> Result<void> {
        auto users = d->staff->list();
        if (!users)
            return users.error();
        const auto it = std::find_if(users->cbegin(), users->cend(), [id](const StaffUser &u) { return u.id == id; });
        if (it == users->cend())
            return makeError(QStringLiteral("staff.not_found"), QStringLiteral("There is no such staff account."));
        const bool own = actor == domain::staffActor(it->username);
        if (own) {
            auto c = d->staff->credentials(it->username);
            if (!c)
                return c.error();
            if (!*c || !PasswordHash::verify((*c)->passwordHash, currentPassword))
                return loginFailed();
        } else if (auto ok = d->authorize(actor, domain::Permission::ManageStaff); !ok) {
            return ok.error();
        }
        auto hash = PasswordHash::hash(newPassword);
        if (!hash)
            return hash.error();
        return d->staff->setPasswordHash(id, *hash, actor);
    });
}

QFuture<Result<QList<store::AuditEntry>>> Engine::auditLog(const store::AuditFilter &filter, const QString &actor)
{
    return QtConcurrent::run(&d->pool, [this, filter, actor]() -> Result<QList<store::AuditEntry>> {
        if (auto ok = d->authorize(actor, domain::Permission::ViewAudit); !ok)
            return ok.error();
        return d->settings->auditLog(filter);
    });
}

QFuture<Result<QPair<QStringList, QStringList>>> Engine::auditFacets(const QString &actor)
{
    return QtConcurrent::run(&d->pool, [this, actor]() -> Result<QPair<QStringList, QStringList>> {
        if (auto ok = d->authorize(actor, domain::Permission::ViewAudit); !ok)
            return ok.error();
        return d->settings->auditFacets();
    });
}

} // namespace kedai::engine
