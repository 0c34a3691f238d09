#include "store/staffrepository.h"

#include "store/sqlutil.h"

namespace kedai::store {

using common::makeError;
using common::Result;
using domain::StaffRole;
using domain::StaffUser;

namespace {

const QString kColumns = QStringLiteral(
    "id, username, display_name, role, active, created_at, last_login_at, password_hash, failed_logins, locked_until");

StaffCredentials readRow(const QSqlQuery &q)
{
    StaffCredentials c;
    c.user.id = q.value(0).toLongLong();
    c.user.username = q.value(1).toString();
    c.user.displayName = q.value(2).toString();
    c.user.role = domain::parseStaffRole(q.value(3).toString()).value_or(StaffRole::Staff);
    c.user.active = q.value(4).toInt() != 0;
    c.user.createdAt = sql::fromDb(q.value(5));
    c.user.lastLoginAt = sql::fromDb(q.value(6));
    c.passwordHash = q.value(7).toString();
    c.failedLogins = q.value(8).toInt();
    c.lockedUntil = sql::fromDb(q.value(9));
    return c;
}

Result<std::optional<StaffCredentials>> loadWhere(const QSqlDatabase &conn, const QString &where,
                                                  const QVariantList &args)
{
    auto q = sql::run(conn, QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM staff_users WHERE ") + where,
                      args, QStringLiteral("reading a staff account"));
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<StaffCredentials>();
    return std::optional<StaffCredentials>(readRow(q.value()));
}

QVariantMap shown(const StaffUser &u)
{
    return {{QStringLiteral("username"), u.username},
            {QStringLiteral("display_name"), u.displayName},
            {QStringLiteral("role"), domain::staffRoleName(u.role)},
            {QStringLiteral("active"), u.active}};
}

common::Error notFound(qint64 id)
{
    return makeError(QStringLiteral("staff.not_found"), QStringLiteral("There is no staff account with id %1").arg(id));
}

} // namespace

Result<QList<StaffUser>> StaffRepository::list()
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    auto q = sql::run(*conn,
                      QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM staff_users ORDER BY username"), {},
                      QStringLiteral("listing staff accounts"));
    if (!q)
        return q.error();
    QList<StaffUser> out;
    while (q.value().next())
        out << readRow(q.value()).user;
    return out;
}

Result<int> StaffRepository::count()
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    auto n = sql::scalar(*conn, QStringLiteral("SELECT COUNT(*) FROM staff_users"), {},
                         QStringLiteral("counting staff accounts"), 0);
    if (!n)
        return n.error();
    return n->toInt();
}

Result<StaffUser> StaffRepository::create(const QString &username, const QString &displayName, StaffRole role,
                                          const QString &passwordHash, const QString &actor, bool onlyIfNone)
{
    const QString name = domain::normalizedUsername(username);
    if (name.isEmpty())
        return makeError(QStringLiteral("staff.username_invalid"),
                         QStringLiteral("A username has 3 to 32 letters, digits, dots, dashes or underscores."));
    if (passwordHash.isEmpty())
        return makeError(QStringLiteral("staff.invalid"), QStringLiteral("A staff account needs a password."));
    return sql::transact(*m_db, QStringLiteral("creating a staff account"), [&](QSqlDatabase &c) -> Result<StaffUser> {
        // One writer at a time on this table (PostgreSQL), so the first-run check cannot race.
        if (auto l = sql::dialect::lockForTransaction(c, QStringLiteral("staff_users"),
                                                      QStringLiteral("creating a staff account"));
            !l)
            return l.error();
        if (onlyIfNone) {
            auto n = sql::scalar(c, QStringLiteral("SELECT COUNT(*) FROM staff_users"), {},
                                 QStringLiteral("counting staff accounts"), 0);
            if (!n)
                return n.error();
            if (n->toInt() > 0)
                return makeError(QStringLiteral("staff.already_set_up"),
                                 QStringLiteral("The owner account exists already: sign in instead."));
        }
        const QString now = sql::nowDb();
        auto id = sql::insertId(c,
                                QStringLiteral("INSERT INTO staff_users (username, display_name, role, password_hash, "
                                               "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
                                               "ON CONFLICT (username) DO NOTHING"),
                                {name, displayName.trimmed().left(100), domain::staffRoleName(role), passwordHash, now,
                                 now},
                                QStringLiteral("creating a staff account"));
        if (!id)
            return id.error();
        if (!*id)
            return makeError(QStringLiteral("staff.username_taken"),
                             QStringLiteral("The username \"%1\" is taken.").arg(name),
                             {{QStringLiteral("username"), name}});
        auto row = loadWhere(c, QStringLiteral("id = ?"), {**id});
        if (!row)
            return row.error();
        const StaffUser user = (*row)->user;
        if (auto a = sql::audit(c, actor, QStringLiteral("staff.create"), QStringLiteral("staff:") + name, {},
                                shown(user));
            !a)
            return a.error();
        return user;
    });
}

Result<StaffUser> StaffRepository::update(qint64 id, const QString &displayName, StaffRole role, bool active,
                                          const QString &actor)
{
    return sql::transact(*m_db, QStringLiteral("changing a staff account"), [&](QSqlDatabase &c) -> Result<StaffUser> {
        if (auto l = sql::dialect::lockForTransaction(c, QStringLiteral("staff_users"),
                                                      QStringLiteral("changing a staff account"));
            !l)
            return l.error();
        auto before = loadWhere(c, QStringLiteral("id = ?"), {id});
        if (!before)
            return before.error();
        if (!*before)
            return notFound(id);
        const StaffUser old = (*before)->user;
        const bool wasOwner = old.active && old.role == StaffRole::Owner;
        if (wasOwner && (role != StaffRole::Owner || !active)) {
            auto owners = sql::scalar(c,
                                      QStringLiteral("SELECT COUNT(*) FROM staff_users WHERE role = 'owner' "
                                                     "AND active = 1 AND id <> ?"),
                                      {id}, QStringLiteral("counting owners"), 0);
            if (!owners)
                return owners.error();
            if (owners->toInt() == 0)
                return makeError(QStringLiteral("staff.last_owner"),
                                 QStringLiteral("This is the only owner account: make another account owner first."));
        }
        auto q = sql::run(c,
                          QStringLiteral("UPDATE staff_users SET display_name = ?, role = ?, active = ?, "
                                         "updated_at = ? WHERE id = ?"),
                          {displayName.trimmed().left(100), domain::staffRoleName(role), active ? 1 : 0, sql::nowDb(),
                           id},
                          QStringLiteral("changing a staff account"));
        if (!q)
            return q.error();
        auto after = loadWhere(c, QStringLiteral("id = ?"), {id});
        if (!after)
            return after.error();
        const StaffUser user = (*after)->user;
        if (auto a = sql::audit(c, actor, QStringLiteral("staff.update"), QStringLiteral("staff:") + user.username,
                                shown(old), shown(user));
            !a)
            return a.error();
        return user;
    });
}

Result<void> StaffRepository::setPasswordHash(qint64 id, const QString &passwordHash, const QString &actor)
{
    if (passwordHash.isEmpty())
        return makeError(QStringLiteral("staff.invalid"), QStringLiteral("A staff account needs a password."));
    return sql::transact(*m_db, QStringLiteral("changing a password"), [&](QSqlDatabase &c) -> Result<void> {
        auto row = loadWhere(c, QStringLiteral("id = ?"), {id});
        if (!row)
            return row.error();
        if (!*row)
            return notFound(id);
        auto q = sql::run(c,
                          QStringLiteral("UPDATE staff_users SET password_hash = ?, failed_logins = 0, "
                                         "locked_until = NULL, updated_at = ? WHERE id = ?"),
                          {passwordHash, sql::nowDb(), id}, QStringLiteral("changing a password"));
        if (!q)
            return q.error();
        // Never the hash: only that it changed.
        return sql::audit(c, actor, QStringLiteral("staff.password"), QStringLiteral("staff:") + (*row)->user.username,
                          {}, {{QStringLiteral("password"), QStringLiteral("changed")}});
    });
}

Result<std::optional<StaffCredentials>> StaffRepository::credentials(const QString &username)
{
    const QString name = domain::normalizedUsername(username);
    if (name.isEmpty())
        return std::optional<StaffCredentials>();
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    return loadWhere(*conn, QStringLiteral("username = ?"), {name});
}

Result<void> StaffRepository::recordLogin(qint64 id, bool ok, const QDateTime &lockUntil)
{
    return sql::transact(*m_db, QStringLiteral("recording a login"), [&](QSqlDatabase &c) -> Result<void> {
        auto row = loadWhere(c, QStringLiteral("id = ?"), {id});
        if (!row)
            return row.error();
        if (!*row)
            return notFound(id);
        const QString now = sql::nowDb();
        auto q = ok ? sql::run(c,
                               QStringLiteral("UPDATE staff_users SET failed_logins = 0, locked_until = NULL, "
                                              "last_login_at = ? WHERE id = ?"),
                               {now, id}, QStringLiteral("recording a login"))
                    : sql::run(c,
                               QStringLiteral("UPDATE staff_users SET failed_logins = failed_logins + 1, "
                                              "locked_until = ? WHERE id = ?"),
                               {lockUntil.isValid() ? QVariant(sql::toDb(lockUntil)) : QVariant(), id},
                               QStringLiteral("recording a login"));
        if (!q)
            return q.error();
        const QString who = QStringLiteral("staff:") + (*row)->user.username;
        QVariantMap after;
        if (!ok && lockUntil.isValid())
            after.insert(QStringLiteral("locked_until"), sql::toDb(lockUntil));
        return sql::audit(c, who, ok ? QStringLiteral("staff.login") : QStringLiteral("staff.login_failed"), who, {},
                          after);
    });
}

Result<std::optional<StaffRole>> StaffRepository::activeRole(const QString &username)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    auto role = sql::scalar(*conn, QStringLiteral("SELECT role FROM staff_users WHERE username = ? AND active = 1"),
                            {username.trimmed().toLower()}, QStringLiteral("reading a staff role"));
    if (!role)
        return role.error();
    if (role->isNull())
        return std::optional<StaffRole>();
    return domain::parseStaffRole(role->toString());
}

} // namespace kedai::store
