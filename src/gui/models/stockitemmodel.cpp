#include "gui/models/stockitemmodel.h"

#include "engine/engine.h"
#include "gui/async.h"
#include "gui/labels.h"

#include <QBrush>
#include <QPalette>

namespace kedai::gui {

namespace {

/// A refresh reloads what is loaded, but never more than this in one query.
constexpr int kMaxRefreshRows = 5000;

} // namespace

StockItemModel::StockItemModel(engine::Engine *engine, QObject *parent) : QAbstractTableModel(parent), m_engine(engine)
{
}

int StockItemModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int StockItemModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StockItemModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const domain::StockItem &item = m_items.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdColumn: return item.id;
        case ContentColumn:
            return m_reveal && item.status != domain::StockStatus::Sold ? item.content : mask(item.content);
        case StatusColumn: return Labels::stockStatus(item.status);
        case AddedColumn: return Labels::dateTime(item.createdAt);
        default: return {};
        }
    case IdRole: return item.id;
    case StatusRole: return int(item.status);
    case Qt::ForegroundRole:
        if (item.status == domain::StockStatus::Sold || item.status == domain::StockStatus::Void)
            return QBrush(QPalette().color(QPalette::Disabled, QPalette::Text));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == IdColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    default: return {};
    }
}

QVariant StockItemModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn: return tr("ID");
    case ContentColumn: return tr("Content");
    case StatusColumn: return tr("Status");
    case AddedColumn: return tr("Added");
    default: return {};
    }
}

bool StockItemModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_productId != 0 && m_hasMore && !m_fetching;
}

void StockItemModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    // Views and testers call fetchMore() while they handle rowsInserted: a page that has already
    // arrived (onReady then runs at once) would be inserted in the middle of that. Queued, it is
    // inserted from the event loop.
    m_fetching = true;
    QMetaObject::invokeMethod(
        this,
        [this, after = m_items.isEmpty() ? 0 : m_items.constLast().id, generation = m_generation] {
            if (generation == m_generation)
                request(after, kPageSize, false);
        },
        Qt::QueuedConnection);
}

void StockItemModel::setProduct(qint64 productId, std::optional<domain::StockStatus> status)
{
    ++m_generation;
    beginResetModel();
    m_productId = productId;
    m_status = status;
    m_items.clear();
    m_hasMore = false;
    m_fetching = false;
    endResetModel();
    if (productId != 0)
        request(0, kPageSize, true);
}

void StockItemModel::refresh()
{
    if (m_productId == 0)
        return;
    ++m_generation; // a page still on its way would append to rows that are being replaced
    m_fetching = false;
    request(0, qBound(kPageSize, int(m_items.size()), kMaxRefreshRows), true);
}

void StockItemModel::setRevealContents(bool reveal)
{
    if (reveal == m_reveal)
        return;
    m_reveal = reveal;
    if (!m_items.isEmpty())
        Q_EMIT dataChanged(index(0, ContentColumn), index(rowCount() - 1, ContentColumn), {Qt::DisplayRole});
}

int StockItemModel::rowOfId(qint64 id) const
{
    for (qsizetype i = 0; i < m_items.size(); ++i) {
        if (m_items.at(i).id == id)
            return int(i);
    }
    return -1;
}

void StockItemModel::request(qint64 afterId, int limit, bool replace)
{
    m_fetching = true;
    const quint64 generation = m_generation;
    onReady(m_engine->stockItemsPage(m_productId, afterId, limit, m_status), this,
            [this, generation, afterId, limit, replace](common::Result<QList<domain::StockItem>> result) {
                if (generation != m_generation)
                    return;
                const qint64 last = m_items.isEmpty() ? 0 : m_items.constLast().id;
                if (!result || (!replace && afterId != last)) { // failed, or no longer the next page
                    m_fetching = false;
                    if (!result)
                        Q_EMIT loadFailed(result.error().message);
                    return;
                }
                apply(std::move(result).value(), limit, replace);
                Q_EMIT pageLoaded();
            });
}

void StockItemModel::apply(QList<domain::StockItem> items, int limit, bool replace)
{
    m_hasMore = items.size() >= limit;
    // m_fetching ends once the rows are in: views and testers call fetchMore() from the
    // rowsAboutToBeInserted/modelAboutToBeReset handlers too, when the next cursor is not known yet.
    if (!replace) {
        if (items.isEmpty()) {
            m_fetching = false;
            return;
        }
        beginInsertRows({}, rowCount(), rowCount() + int(items.size()) - 1);
        m_items.append(std::move(items));
        m_fetching = false;
        endInsertRows();
        return;
    }
    bool sameRows = items.size() == m_items.size();
    for (qsizetype i = 0; sameRows && i < items.size(); ++i)
        sameRows = items.at(i).id == m_items.at(i).id;
    if (sameRows) { // views keep their selection and scroll position
        m_items = std::move(items);
        m_fetching = false;
        if (!m_items.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_items = std::move(items);
    m_fetching = false;
    endResetModel();
}

QString StockItemModel::mask(const QString &content)
{
    return QString(content.left(3) + QString(3, QChar(0x2022)));
}

} // namespace kedai::gui
