#include "gui/reloadscheduler.h"

namespace kedai::gui {

ReloadScheduler::ReloadScheduler(std::function<void()> reload, QObject *parent, int delayMs)
    : QObject(parent), m_reload(std::move(reload))
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(delayMs);
    connect(&m_timer, &QTimer::timeout, this, &ReloadScheduler::fire);
}

void ReloadScheduler::schedule()
{
    // Not restarted on every request: a steady stream of sales must still refresh the view.
    if (!m_timer.isActive())
        m_timer.start();
}

void ReloadScheduler::reloadNow()
{
    m_timer.stop();
    fire();
}

void ReloadScheduler::finished()
{
    m_running = false;
    if (m_again) {
        m_again = false;
        schedule();
    }
}

void ReloadScheduler::fire()
{
    if (m_running) {
        m_again = true;
        return;
    }
    m_running = true;
    m_reload();
}

} // namespace kedai::gui
