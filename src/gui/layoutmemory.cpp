#include "gui/layoutmemory.h"

#include <QAbstractItemView>
#include <QEvent>
#include <QHeaderView>
#include <QPointer>
#include <QSettings>
#include <QSplitter>
#include <QTimer>

#include <functional>

namespace kedai::gui {

namespace {

QString &settingsFile()
{
    static QString path;
    return path;
}

/// Restores once on the first Show, then saves (debounced) on every change.
class Keeper : public QObject
{
public:
    Keeper(QWidget *watched, std::function<void(const QByteArray &)> restore, std::function<QByteArray()> save)
        : QObject(watched), m_watched(watched), m_restore(std::move(restore)), m_save(std::move(save))
    {
        m_timer.setSingleShot(true);
        m_timer.setInterval(400);
        connect(&m_timer, &QTimer::timeout, this, [this] { flush(); });
        watched->installEventFilter(this);
    }
    ~Keeper() override
    {
        if (m_timer.isActive())
            flush();
    }

    void changed()
    {
        if (m_restored)
            m_timer.start();
    }
    bool restored() const { return m_restored; }

protected:
    bool eventFilter(QObject *object, QEvent *event) override
    {
        if (object == m_watched && event->type() == QEvent::Show && !m_restored) {
            m_key = LayoutMemory::keyOf(m_watched);
            const QByteArray saved = m_key.isEmpty() ? QByteArray() : LayoutMemory::value(m_key);
            if (!saved.isEmpty())
                m_restore(saved);
            m_restored = true;
            m_hadSaved = !saved.isEmpty();
            if (m_afterRestore)
                QTimer::singleShot(0, this, m_afterRestore);
        }
        return false;
    }

public:
    bool hadSaved() const { return m_hadSaved; }
    void setAfterRestore(std::function<void()> f) { m_afterRestore = std::move(f); }

private:
    void flush()
    {
        if (!m_key.isEmpty() && m_watched)
            LayoutMemory::setValue(m_key, m_save());
    }

    QPointer<QWidget> m_watched;
    std::function<void(const QByteArray &)> m_restore;
    std::function<QByteArray()> m_save;
    std::function<void()> m_afterRestore;
    QTimer m_timer;
    QString m_key;
    bool m_restored = false;
    bool m_hadSaved = false;
};

} // namespace

void LayoutMemory::setFile(const QString &path)
{
    settingsFile() = path;
}

QString LayoutMemory::file()
{
    return settingsFile();
}

QByteArray LayoutMemory::value(const QString &key)
{
    if (settingsFile().isEmpty())
        return {};
    QSettings settings(settingsFile(), QSettings::IniFormat);
    return settings.value(key).toByteArray();
}

void LayoutMemory::setValue(const QString &key, const QByteArray &value)
{
    if (settingsFile().isEmpty())
        return;
    QSettings settings(settingsFile(), QSettings::IniFormat);
    settings.setValue(key, value);
}

QString LayoutMemory::keyOf(const QWidget *widget)
{
    QStringList names;
    for (const QWidget *w = widget; w && !w->isWindow(); w = w->parentWidget()) {
        if (!w->objectName().isEmpty() && !w->objectName().startsWith(QLatin1String("qt_")))
            names.prepend(w->objectName());
    }
    return names.isEmpty() ? QString() : QStringLiteral("layout/") + names.join(QLatin1Char('/'));
}

void LayoutMemory::remember(QHeaderView *header)
{
    auto *view = qobject_cast<QAbstractItemView *>(header->parentWidget());
    QWidget *watched = view ? static_cast<QWidget *>(view) : static_cast<QWidget *>(header);
    auto *keeper = new Keeper(
        watched, [header](const QByteArray &state) { header->restoreState(state); },
        [header] { return header->saveState(); });
    QObject::connect(header, &QHeaderView::sectionResized, keeper, [keeper] { keeper->changed(); });
    QObject::connect(header, &QHeaderView::sectionMoved, keeper, [keeper] { keeper->changed(); });
    QObject::connect(header, &QHeaderView::sortIndicatorChanged, keeper, [keeper] { keeper->changed(); });
    if (!view)
        return;
    // Nothing saved: fit the columns to the first rows once, then leave them to the user.
    auto sizeOnce = [view, header, keeper] {
        if (!keeper->restored() || keeper->hadSaved() || header->property("kedaiSized").toBool() || !view->model()
            || view->model()->rowCount() == 0)
            return;
        header->setProperty("kedaiSized", true);
        for (int c = 0; c < header->count(); ++c) {
            if (header->sectionResizeMode(c) == QHeaderView::Interactive)
                header->resizeSection(c, qMin(qMax(view->sizeHintForColumn(c), header->sectionSizeHint(c)), 400));
        }
    };
    keeper->setAfterRestore(sizeOnce);
    if (QAbstractItemModel *model = view->model()) {
        QObject::connect(model, &QAbstractItemModel::modelReset, keeper, sizeOnce);
        QObject::connect(model, &QAbstractItemModel::rowsInserted, keeper, sizeOnce);
        QObject::connect(model, &QAbstractItemModel::layoutChanged, keeper, sizeOnce);
    }
}

void LayoutMemory::remember(QSplitter *splitter)
{
    auto *keeper = new Keeper(
        splitter, [splitter](const QByteArray &state) { splitter->restoreState(state); },
        [splitter] { return splitter->saveState(); });
    QObject::connect(splitter, &QSplitter::splitterMoved, keeper, [keeper] { keeper->changed(); });
}

} // namespace kedai::gui
