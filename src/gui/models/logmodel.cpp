#include "gui/models/logmodel.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>

namespace kedai::gui {

LogModel::LogModel(QObject *parent) : QAbstractTableModel(parent) {}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString LogModel::levelName(spdlog::level::level_enum level)
{
    switch (level) {
    case spdlog::level::trace:
    case spdlog::level::debug: return tr("debug");
    case spdlog::level::info: return tr("info");
    case spdlog::level::warn: return tr("warning");
    case spdlog::level::err:
    case spdlog::level::critical: return tr("error");
    default: return {};
    }
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const log::LogLine &l = line(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case TimeColumn: return QDateTime::fromMSecsSinceEpoch(l.timeMs).toString(QStringLiteral("HH:mm:ss.zzz"));
        case LevelColumn: return levelName(l.level);
        case SourceColumn: return l.logger;
        case MessageColumn: return l.text;
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == TimeColumn)
        return QDateTime::fromMSecsSinceEpoch(l.timeMs).toString(Qt::ISODateWithMs);
    if (role == Qt::ForegroundRole && index.column() == LevelColumn) {
        if (l.level >= spdlog::level::err)
            return QBrush(QColor(0xc6, 0x28, 0x28));
        if (l.level == spdlog::level::warn)
            return QBrush(QColor(0xb2, 0x6a, 0x00));
    }
    return {};
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn: return tr("Time");
    case LevelColumn: return tr("Level");
    case SourceColumn: return tr("Source");
    case MessageColumn: return tr("Message");
    default: return {};
    }
}

bool LogModel::matches(const log::LogLine &l) const
{
    if (l.level < m_minLevel)
        return false;
    return m_search.isEmpty() || l.text.contains(m_search, Qt::CaseInsensitive)
           || l.logger.contains(m_search, Qt::CaseInsensitive);
}

void LogModel::append(const QList<log::LogLine> &lines)
{
    if (lines.isEmpty())
        return;
    QList<size_t> added;
    for (const log::LogLine &l : lines) {
        if (l.seq <= m_lastSeq)
            continue;
        m_lastSeq = l.seq;
        m_all.push_back(l);
        if (matches(l))
            added << m_base + m_all.size() - 1;
    }
    // The oldest lines beyond the cap go first, so the view never holds more than the cap.
    const size_t cap = size_t(log::kRingLines);
    if (m_all.size() > cap) {
        const size_t drop = m_all.size() - cap;
        const size_t firstKept = m_base + drop;
        size_t gone = 0;
        while (gone < m_rows.size() && m_rows[gone] < firstKept)
            ++gone;
        if (gone > 0) {
            beginRemoveRows({}, 0, int(gone) - 1);
            m_rows.erase(m_rows.begin(), m_rows.begin() + qsizetype(gone));
            endRemoveRows();
        }
        added.removeIf([firstKept](size_t i) { return i < firstKept; });
        m_all.erase(m_all.begin(), m_all.begin() + qsizetype(drop));
        m_base = firstKept;
    }
    if (added.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + size_t(added.size())) - 1);
    m_rows.insert(m_rows.end(), added.begin(), added.end());
    endInsertRows();
}

void LogModel::refilter()
{
    beginResetModel();
    m_rows.clear();
    for (size_t i = 0; i < m_all.size(); ++i) {
        if (matches(m_all[i]))
            m_rows.push_back(m_base + i);
    }
    endResetModel();
}

void LogModel::setMinimumLevel(spdlog::level::level_enum level)
{
    if (level == m_minLevel)
        return;
    m_minLevel = level;
    refilter();
}

void LogModel::setSearchText(const QString &text)
{
    const QString t = text.trimmed();
    if (t == m_search)
        return;
    m_search = t;
    refilter();
}

void LogModel::clear()
{
    beginResetModel();
    m_base += m_all.size();
    m_all.clear();
    m_rows.clear();
    endResetModel();
}

QString LogModel::text(const QList<int> &rows) const
{
    QStringList out;
    for (int row : rows) {
        if (row < 0 || row >= rowCount())
            continue;
        const log::LogLine &l = line(row);
        out << QDateTime::fromMSecsSinceEpoch(l.timeMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"))
                   + QLatin1Char(' ') + levelName(l.level) + QStringLiteral(" [") + l.logger + QStringLiteral("] ")
                   + l.text;
    }
    return out.join(QLatin1Char('\n'));
}

} // namespace kedai::gui
