#include "gui/tableview.h"

#include "gui/layoutmemory.h"

#include <QHeaderView>
#include <QTableView>

namespace kedai::gui {

void setUpTableView(QTableView *view, int stretchColumn)
{
    view->setWordWrap(false);
    view->setTextElideMode(Qt::ElideRight);
    QHeaderView *header = view->horizontalHeader();
    header->setStretchLastSection(false);
    // Staff may widen, narrow and reorder columns; the window remembers it (LayoutMemory).
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(stretchColumn, QHeaderView::Stretch);
    header->setSectionsMovable(true);
    header->setHighlightSections(false);
    const int rowHeight = view->fontMetrics().height() + 8;
    view->verticalHeader()->setMinimumSectionSize(rowHeight);
    view->verticalHeader()->setDefaultSectionSize(rowHeight);
    LayoutMemory::remember(header);
}

} // namespace kedai::gui
