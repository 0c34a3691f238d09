#pragma once

#include "domain/staff.h"

#include <QObject>

namespace kedai::gui {

/// Who is signed in to the window. Panels ask it what to show (can()) and write actor() into
/// every change; the Engine checks the same permission again for that actor.
class Session : public QObject
{
    Q_OBJECT
public:
    explicit Session(domain::StaffUser user, QObject *parent = nullptr) : QObject(parent), m_user(std::move(user)) {}

    const domain::StaffUser &user() const { return m_user; }
    domain::StaffRole role() const { return m_user.role; }
    bool can(domain::Permission permission) const { return domain::roleAllows(m_user.role, permission); }
    /// "staff:<username>", the actor of the audit log and the ledger.
    QString actor() const { return domain::staffActor(m_user.username); }
    /// The name shown to people (display name, else username).
    QString displayName() const { return m_user.displayName.isEmpty() ? m_user.username : m_user.displayName; }

    /// Another user signed in at the lock screen: panels re-check what they show.
    void switchUser(domain::StaffUser user)
    {
        m_user = std::move(user);
        Q_EMIT changed();
    }

Q_SIGNALS:
    void changed();

private:
    domain::StaffUser m_user;
};

} // namespace kedai::gui
