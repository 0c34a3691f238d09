#include "gui/screenshottour.h"

#include "engine/engine.h"

#include <QDir>
#include <QTabWidget>
#include <QTimer>

namespace kedai::gui {

namespace {
/// Long enough for a tab's first query and its charts to arrive on a slow PC.
constexpr int kSettleMs = 1500;
} // namespace

ScreenshotTour::ScreenshotTour(QWidget *window, QTabWidget *tabs, engine::Engine *engine, QString dir, QObject *parent)
    : QObject(parent), m_window(window), m_tabs(tabs), m_engine(engine), m_dir(std::move(dir))
{
}

void ScreenshotTour::start()
{
    if (!QDir().mkpath(m_dir)) {
        Q_EMIT finished(false);
        return;
    }
    // Demo customers at work, so that orders, conversations and the dashboard have something
    // to show. The demo customer has saldo; the second one asks and orders by QRIS.
    const QString demo = QStringLiteral("628111000001");
    const QString reseller = QStringLiteral("628111000002");
    const QList<QPair<QString, QString>> messages = {
        {demo, QStringLiteral("stok")},
        {demo, QStringLiteral("buy NF1 1")},
        {reseller, QStringLiteral("buy ML86 2")},
        {reseller, QStringLiteral("buy GP50 1")},
        {demo, QStringLiteral("buynow FF100 1")},
        {QStringLiteral("628111000003"), QStringLiteral("halo kak, ada netflix?")},
    };
    for (const auto &[from, text] : messages)
        m_engine->simulateMessage(from, QString(), text);
    QTimer::singleShot(3 * kSettleMs, this, &ScreenshotTour::shootNext);
}

void ScreenshotTour::shootNext()
{
    // Skip the tabs this user may not see.
    while (m_next < m_tabs->count() && !m_tabs->isTabVisible(m_next))
        ++m_next;
    if (m_next >= m_tabs->count()) {
        Q_EMIT finished(!m_saved.isEmpty());
        return;
    }
    m_tabs->setCurrentIndex(m_next);
    QTimer::singleShot(kSettleMs, this, [this] {
        QWidget *page = m_tabs->widget(m_next);
        const QString name = page->objectName().isEmpty() ? QStringLiteral("tab") : page->objectName();
        const QString file = QDir(m_dir).filePath(
            QStringLiteral("%1-%2.png").arg(m_next + 1, 2, 10, QLatin1Char('0')).arg(name));
        if (m_window->grab().save(file))
            m_saved << file;
        ++m_next;
        shootNext();
    });
}

} // namespace kedai::gui
