#pragma once

class QTableView;

namespace kedai::gui {

/// The look shared by the panels' tables: one line per row, columns sized to their first rows
/// (then resizable and movable, remembered per table by LayoutMemory), `stretchColumn` taking
/// the remaining width. Call it after setModel().
void setUpTableView(QTableView *view, int stretchColumn);

} // namespace kedai::gui
