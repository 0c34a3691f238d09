#pragma once

#include "common/result.h"

#include <QFuture>
#include <QWidget>

#include <functional>

class QLabel;
class QProgressBar;
class QPushButton;

namespace kedai::gui {

/// "Test connection" with a busy indicator and the answer beside it. The test runs in the
/// engine (a worker thread); the window keeps responding and the button is disabled meanwhile.
class ConnectionTestRow : public QWidget
{
    Q_OBJECT
public:
    using Starter = std::function<QFuture<common::Result<QString>>()>;
    explicit ConnectionTestRow(Starter starter, QWidget *parent = nullptr);

    QPushButton *button() const { return m_button; }
    QLabel *resultLabel() const { return m_result; }
    bool isBusy() const { return m_busy; }
    void start();

Q_SIGNALS:
    void finished(bool ok);

private:
    Starter m_starter;
    QPushButton *m_button;
    QProgressBar *m_busyBar;
    QLabel *m_result;
    bool m_busy = false;
};

} // namespace kedai::gui
