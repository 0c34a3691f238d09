#include "gui/idlelock.h"

#include "engine/engine.h"
#include "gui/async.h"
#include "gui/dialogs/lockdialog.h"
#include "gui/session.h"

#include <QApplication>
#include <QDockWidget>
#include <QEvent>
#include <QMainWindow>

namespace kedai::gui {

namespace {

constexpr int kDefaultMinutes = 10;
constexpr int kMaxMinutes = 24 * 60;
/// How often the shop setting is read again (another window or kedaid may change it).
constexpr int kSettingRefreshMs = 5 * 60 * 1000;

bool isUserInput(QEvent::Type type)
{
    switch (type) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
    case QEvent::TabletPress: return true;
    default: return false;
    }
}

} // namespace

IdleLock::IdleLock(engine::Engine *engine, Session *session, QWidget *window)
    : QObject(window), m_engine(engine), m_session(session), m_window(window)
{
    m_idleTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, &IdleLock::check);
    m_settingTimer.setInterval(kSettingRefreshMs);
    connect(&m_settingTimer, &QTimer::timeout, this, &IdleLock::readSetting);
    connect(m_session, &Session::changed, this, &IdleLock::readSetting);
}

IdleLock::~IdleLock()
{
    if (m_started)
        qApp->removeEventFilter(this);
}

void IdleLock::start()
{
    if (m_started)
        return;
    m_started = true;
    qApp->installEventFilter(this);
    m_lastInput.start();
    applyTimeout(m_timeoutMs);
    m_settingTimer.start();
    readSetting();
}

LockDialog *IdleLock::lockDialog() const
{
    return m_dialog;
}

void IdleLock::setTimeoutMs(int ms)
{
    m_injected = true;
    applyTimeout(ms);
}

void IdleLock::readSetting()
{
    if (m_injected)
        return;
    onReady(m_engine->setting(QStringLiteral("idle_lock_min"), QString::number(kDefaultMinutes)), this,
            [this](common::Result<QString> value) {
                if (m_injected)
                    return;
                bool ok = false;
                const int minutes = value ? value->trimmed().toInt(&ok) : kDefaultMinutes;
                applyTimeout(qBound(0, ok || !value ? minutes : kDefaultMinutes, kMaxMinutes) * 60 * 1000);
            });
}

void IdleLock::applyTimeout(int ms)
{
    m_timeoutMs = qMax(0, ms);
    if (!m_started || m_locked)
        return;
    if (m_timeoutMs == 0) {
        m_idleTimer.stop();
        return;
    }
    check();
}

bool IdleLock::eventFilter(QObject *watched, QEvent *event)
{
    // Input on the lock screen does not count: only an unlock ends the lock.
    if (!m_locked && isUserInput(event->type()))
        m_lastInput.restart();
    return QObject::eventFilter(watched, event);
}

void IdleLock::check()
{
    if (m_locked || m_timeoutMs == 0)
        return;
    // Restarting a timer on every mouse move would be wasteful: the timer fires once per
    // timeout and waits again for whatever is left since the last input.
    const qint64 idle = m_lastInput.elapsed();
    if (idle >= m_timeoutMs) {
        lockNow();
        return;
    }
    m_idleTimer.start(int(m_timeoutMs - idle));
}

void IdleLock::lockNow()
{
    if (m_locked)
        return;
    m_locked = true;
    m_idleTimer.stop();
    m_hidden.clear();
    if (auto *main = qobject_cast<QMainWindow *>(m_window)) {
        if (QWidget *central = main->centralWidget(); central && central->isVisible())
            m_hidden << central;
        for (QDockWidget *dock : main->findChildren<QDockWidget *>(Qt::FindDirectChildrenOnly)) {
            if (dock->isVisible())
                m_hidden << dock;
        }
    } else {
        for (QWidget *child : m_window->findChildren<QWidget *>(Qt::FindDirectChildrenOnly)) {
            if (child->isVisible() && !child->isWindow())
                m_hidden << child;
        }
    }
    for (const QPointer<QWidget> &w : std::as_const(m_hidden))
        w->hide();

    m_dialog = new LockDialog(m_engine, m_session, m_window);
    m_dialog->setObjectName(QStringLiteral("lockDialog"));
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog->setWindowModality(Qt::WindowModal);
    connect(m_dialog, &QDialog::accepted, this, &IdleLock::unlock);
    Q_EMIT locked();
    m_dialog->open();
}

void IdleLock::unlock()
{
    const domain::StaffUser user = m_dialog ? m_dialog->user() : m_session->user();
    for (const QPointer<QWidget> &w : std::as_const(m_hidden)) {
        if (w)
            w->show();
    }
    m_hidden.clear();
    m_locked = false;
    m_dialog = nullptr;
    m_lastInput.restart();
    if (user.id != m_session->user().id || user.role != m_session->user().role)
        m_session->switchUser(user);
    Q_EMIT unlocked();
    applyTimeout(m_timeoutMs);
}

} // namespace kedai::gui
