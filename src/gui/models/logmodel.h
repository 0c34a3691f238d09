#pragma once

#include "common/log.h"

#include <QAbstractTableModel>

#include <deque>

namespace kedai::gui {

/// The lines of Kedai's log that the Logs panel shows: the newest kedai::log::kRingLines lines
/// it was given, of which those at or above the minimum level and containing the search text
/// (case-insensitive, in the source or the message) are rows. New lines arrive in batches
/// (append, beginInsertRows); the oldest fall out (beginRemoveRows), so 5,000 lines stay cheap.
class LogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, LevelColumn, SourceColumn, MessageColumn, ColumnCount };

    explicit LogModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Adds lines (oldest first, sequence numbers increasing) and drops the oldest beyond the cap.
    void append(const QList<log::LogLine> &lines);
    void setMinimumLevel(spdlog::level::level_enum level);
    void setSearchText(const QString &text);
    void clear();

    /// The sequence number of the newest line received (to ask the log for what came after).
    quint64 lastSequence() const { return m_lastSeq; }
    const log::LogLine &line(int row) const { return m_all[m_rows[size_t(row)] - m_base]; }
    /// "time level [source] message" per row, one line each, for the clipboard.
    QString text(const QList<int> &rows) const;
    static QString levelName(spdlog::level::level_enum level);

private:
    bool matches(const log::LogLine &line) const;
    void refilter();

    std::deque<log::LogLine> m_all; ///< every line kept, oldest first
    std::deque<size_t> m_rows;      ///< the visible lines: absolute indexes (m_all[i - m_base])
    size_t m_base = 0;              ///< the absolute index of m_all.front()
    quint64 m_lastSeq = 0;
    spdlog::level::level_enum m_minLevel = spdlog::level::debug;
    QString m_search;
};

} // namespace kedai::gui
