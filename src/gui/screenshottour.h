#pragma once

#include <QObject>
#include <QStringList>

class QTabWidget;

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

/// The screenshots of the README (scripts/screenshots.sh): a few demo customers write to the
/// bot through the simulator (a purchase with saldo, a QRIS order, a question), then every
/// visible tab of the window is shown in turn and saved as `<dir>/NN-<tab>.png`. Runs only
/// when asked (`kedai --screenshots DIR`), on a demo data folder.
class ScreenshotTour : public QObject
{
    Q_OBJECT
public:
    ScreenshotTour(QWidget *window, QTabWidget *tabs, engine::Engine *engine, QString dir, QObject *parent = nullptr);

    void start();
    QStringList saved() const { return m_saved; }

Q_SIGNALS:
    void finished(bool ok);

private:
    void shootNext();

    QWidget *m_window;
    QTabWidget *m_tabs;
    engine::Engine *m_engine;
    QString m_dir;
    int m_next = 0;
    QStringList m_saved;
};

} // namespace kedai::gui
