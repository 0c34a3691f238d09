#pragma once

#include "gui/constants.h"

#include <QObject>
#include <QTimer>

#include <functional>

namespace kedai::gui {

/// Coalesces reload requests: a burst of engine signals causes one reload, a request that
/// arrives while a reload is running causes exactly one more afterwards (so results never
/// arrive out of order and the last change is never missed).
class ReloadScheduler : public QObject
{
    Q_OBJECT
public:
    ReloadScheduler(std::function<void()> reload, QObject *parent, int delayMs = kReloadDelayMs);

    /// Requests a reload within the delay.
    void schedule();
    /// Requests a reload now (or right after the running one).
    void reloadNow();
    /// The running reload has delivered its result.
    void finished();

    bool isBusy() const { return m_running || m_timer.isActive(); }

private:
    void fire();

    std::function<void()> m_reload;
    QTimer m_timer;
    bool m_running = false;
    bool m_again = false;
};

} // namespace kedai::gui
