#pragma once

// Signs a test in to the desktop window: real accounts through the Engine's API, so the
// Engine's own permission checks apply to what the test does through the panels.

#include "engine/engine.h"
#include "gui/session.h"

#include <QFuture>
#include <QTest>

#include <memory>

namespace kedai::test {

/// Waits for a future on the GUI thread while events keep flowing (results come back queued).
template<typename T>
T waitFor(QFuture<T> future, int timeoutMs = 20000)
{
    QElapsedTimer timer;
    timer.start();
    while (!future.isFinished() && timer.elapsed() < timeoutMs)
        QTest::qWait(5);
    return future.isFinished() ? future.result() : T{};
}

/// The owner account "owner" (created on first use; password "owner-password") or, for another
/// role, an account named after it ("manager", "staff") created by that owner.
inline std::unique_ptr<gui::Session> signIn(engine::Engine *engine, domain::StaffRole role = domain::StaffRole::Owner)
{
    const QString password = QStringLiteral("owner-password");
    auto owner = waitFor(engine->login(QStringLiteral("owner"), password));
    if (!owner)
        owner = waitFor(engine->createFirstOwner(QStringLiteral("owner"), QStringLiteral("Pemilik"), password));
    if (!owner)
        return {};
    if (role == domain::StaffRole::Owner)
        return std::make_unique<gui::Session>(*owner);
    const QString name = domain::staffRoleName(role);
    auto user = waitFor(engine->login(name, password));
    if (!user) {
        user = waitFor(
            engine->createStaffUser(name, name, role, password, domain::staffActor(QStringLiteral("owner"))));
        if (!user)
            return {};
    }
    return std::make_unique<gui::Session>(*user);
}

} // namespace kedai::test
