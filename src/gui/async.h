#pragma once

#include <QCoreApplication>
#include <QEvent>
#include <QFuture>
#include <QObject>
#include <QPointer>

#include <memory>
#include <type_traits>
#include <utility>

namespace kedai::gui {

/// Runs `handler(result)` on the GUI thread when `future` finishes, unless `owner` has been
/// destroyed by then. A cancelled future (the engine is stopping) hands the handler a
/// default-constructed T, for common::Result an error, so callers always hear back once.
/// Never blocks.
///
/// Why not plain `future.then(owner, handler)`: in Qt 6.4 the continuation asserts that its
/// context is still alive (Q_ASSERT in qfuture_impl.h, fixed in later versions), so a debug
/// build aborts when a window is closed while a query is running. The context here is a relay
/// object that lives until the result has arrived; the owner is checked on the GUI thread.
template<typename T, typename Handler>
void onReady(QFuture<T> future, QObject *owner, Handler handler)
{
    static_assert(std::is_default_constructible_v<T>);
    auto *relay = new QObject;
    const QPointer<QObject> guard(owner);
    auto shared = std::make_shared<Handler>(std::move(handler));
    future
        .then(relay,
              [relay, guard, shared](T result) {
                  relay->deleteLater();
                  if (guard)
                      (*shared)(std::move(result));
              })
        .onCanceled(relay, [relay, guard, shared] {
            relay->deleteLater();
            if (guard)
                (*shared)(T{});
        });
}

/// Runs the results still queued for the GUI thread (and the deletions they cause). Call it after
/// Engine::stop() and before the QApplication is destroyed: in Qt 6.4 a continuation event
/// still queued then is destroyed inside ~QApplication, which cancels its promise, whose
/// continuation posts an event under the lock ~QApplication holds: the process hangs at exit.
inline void drainPendingResults()
{
    for (int round = 0; round < 10; ++round) {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QCoreApplication::processEvents();
    }
}

} // namespace kedai::gui
