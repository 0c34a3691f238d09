#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace kedai::gui {

class LogModel;

/// A live tail of Kedai's log: polls the in-memory ring (kedai::log::linesAfter) every 250 ms,
/// so a busy log costs one batch per tick, never a signal per line. Level filter, search, pause
/// (the view stands still; the ring keeps the lines meanwhile), follow (scroll to the newest
/// line) and copy (the selected lines, or all shown).
class LogsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit LogsPanel(QWidget *parent = nullptr);

    LogModel *model() const { return m_model; }
    /// Reads what the log has that the panel does not (the timer calls it).
    void poll();
    void setPaused(bool paused);
    /// Copies the selected lines (all shown lines when none is selected) to the clipboard.
    void copyLines();

private:
    void updateCount();

    LogModel *m_model;
    QTableView *m_view;
    QComboBox *m_level;
    QLineEdit *m_search;
    QCheckBox *m_pause;
    QCheckBox *m_follow;
    QLabel *m_count;
    QTimer *m_timer;
};

} // namespace kedai::gui
