#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QWidget;

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

class LockDialog;
class Session;

/// Locks the window after the shop setting `idle_lock_min` minutes without keyboard, mouse or
/// touch input anywhere in the application (default 10; 0 = never). While locked, the window's
/// content is hidden and a window-modal LockDialog asks for the password of the signed-in user
/// or lets another user sign in (the Session then switches to them). The setting is read again
/// when the session changes and every few minutes.
class IdleLock : public QObject
{
    Q_OBJECT
public:
    /// `window` is what gets covered (for a QMainWindow its central widget and docks are hidden).
    /// The engine, the session and the window must outlive this object.
    IdleLock(engine::Engine *engine, Session *session, QWidget *window);
    ~IdleLock() override;

    /// Starts watching the input (installs the application-wide event filter).
    void start();
    void lockNow();
    bool isLocked() const { return m_locked; }
    /// The lock screen while locked, else nullptr.
    LockDialog *lockDialog() const;

    /// The timeout in milliseconds; 0 = never. Once set, the shop setting is no longer read
    /// (tests inject a short timeout here).
    void setTimeoutMs(int ms);
    int timeoutMs() const { return m_timeoutMs; }

Q_SIGNALS:
    void locked();
    void unlocked();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void readSetting();
    void applyTimeout(int ms);
    void check();
    void unlock();

    engine::Engine *m_engine;
    Session *m_session;
    QWidget *m_window;
    QTimer m_idleTimer;
    QTimer m_settingTimer;
    QElapsedTimer m_lastInput;
    QPointer<LockDialog> m_dialog;
    QList<QPointer<QWidget>> m_hidden;
    int m_timeoutMs = 10 * 60 * 1000;
    bool m_injected = false;
    bool m_started = false;
    bool m_locked = false;
};

} // namespace kedai::gui
