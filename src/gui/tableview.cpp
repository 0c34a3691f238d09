#include "gui/tableview.h"

#include <QHeaderView>
#include <QTableView>

namespace kedai::gui {

void setUpTableView(QTableView *view, int stretchColumn)
{
    view->setWordWrap(false);
    view->setTextElideMode(Qt::ElideRight);
    QHeaderView *header = view->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(stretchColumn, QHeaderView::Stretch);
    const int rowHeight = view->fontMetrics().height() + 8;
    view->verticalHeader()->setMinimumSectionSize(rowHeight);
    view->verticalHeader()->setDefaultSectionSize(rowHeight);
}

} // namespace kedai::gui
