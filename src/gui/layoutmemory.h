#pragma once

#include <QByteArray>
#include <QString>

class QHeaderView;
class QSplitter;
class QWidget;

namespace kedai::gui {

/// Remembers how staff arranged the window: its size and position, the open tab, and each
/// table's column widths, order and sort, in `<data dir>/kedai-window.ini` (per shop, so tests
/// and a second shop on the same PC keep their own).
class LayoutMemory
{
public:
    /// The file; nothing is read or written before it is set.
    static void setFile(const QString &path);
    static QString file();

    static QByteArray value(const QString &key);
    static void setValue(const QString &key, const QByteArray &value);

    /// Restores `header`'s state when its view is first shown (or, with nothing saved, sizes the
    /// columns to their contents once the first rows arrive) and saves it after every change.
    /// The key is the path of object names from the window down to the view.
    static void remember(QHeaderView *header);
    /// The same for a splitter's sizes.
    static void remember(QSplitter *splitter);

    /// "ordersPanel/ordersView": the object names from below the window down to `widget`.
    static QString keyOf(const QWidget *widget);
};

} // namespace kedai::gui
