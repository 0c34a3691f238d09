#pragma once

#include <QObject>

class QSocketNotifier;

namespace kedai::app {

/// Turns SIGINT/SIGTERM into a Qt signal through a self-pipe (the only async-signal-safe way),
/// so the engine stops cleanly on the event loop.
class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);

Q_SIGNALS:
    void terminationRequested(int signal);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace kedai::app
