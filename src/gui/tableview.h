#pragma once

class QTableView;

namespace kedai::gui {

/// The look shared by the panels' tables: one line per row, columns sized to their contents,
/// `stretchColumn` taking the remaining width.
void setUpTableView(QTableView *view, int stretchColumn);

} // namespace kedai::gui
