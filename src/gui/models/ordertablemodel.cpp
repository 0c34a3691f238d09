#include "gui/models/ordertablemodel.h"

#include "common/money.h"
#include "engine/engine.h"
#include "gui/async.h"
#include "gui/labels.h"

#include <QBrush>
#include <QColor>

#include <algorithm>
#include <limits>

namespace kedai::gui {

using common::Result;
using domain::Order;

OrderTableModel::OrderTableModel(engine::Engine *engine, QObject *parent)
    : QAbstractTableModel(parent), m_engine(engine)
{
}

int OrderTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_orders.size());
}

int OrderTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OrderTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Order &o = m_orders.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole: return displayData(o, column);
    case SortRole:
        switch (column) {
        case TimeColumn: return o.createdAt;
        case QtyColumn: return o.qty;
        case TotalColumn: return o.total;
        default: return displayData(o, column);
        }
    case IdRole: return o.id;
    case RefRole: return o.ref;
    case Qt::ToolTipRole:
        if (column == ProductColumn)
            return o.productCode;
        if (column == CustomerColumn)
            return o.customerPhone;
        return {};
    case Qt::TextAlignmentRole:
        if (column == QtyColumn || column == TotalColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    case Qt::ForegroundRole:
        if (column != StatusColumn)
            return {};
        switch (o.status) {
        case domain::OrderStatus::Delivered: return QBrush(QColor(0x1e, 0x84, 0x49));
        case domain::OrderStatus::Pending:
        case domain::OrderStatus::Paid: return QBrush(QColor(0xb9, 0x77, 0x0e));
        case domain::OrderStatus::Refunded: return QBrush(QColor(0x1f, 0x61, 0x8d));
        case domain::OrderStatus::Expired:
        case domain::OrderStatus::Cancelled: return QBrush(QColor(0x7f, 0x8c, 0x8d));
        }
        return {};
    default: return {};
    }
}

QVariant OrderTableModel::displayData(const Order &o, int column) const
{
    switch (column) {
    case RefColumn: return o.ref;
    case TimeColumn: return Labels::dateTime(o.createdAt);
    case CustomerColumn:
        if (o.customerName.isEmpty() || o.customerName == o.customerPhone)
            return o.customerPhone;
        return tr("%1 (%2)").arg(o.customerName, o.customerPhone);
    case ProductColumn: return o.productName.isEmpty() ? o.productCode : o.productName;
    case QtyColumn: return o.qty;
    case TotalColumn: return common::formatRupiah(o.total);
    case MethodColumn: return Labels::paymentMethod(o.method);
    case StatusColumn: return Labels::orderStatus(o.status);
    default: return {};
    }
}

QVariant OrderTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case RefColumn: return tr("Ref");
    case TimeColumn: return tr("Time");
    case CustomerColumn: return tr("Customer");
    case ProductColumn: return tr("Product");
    case QtyColumn: return tr("Qty");
    case TotalColumn: return tr("Total");
    case MethodColumn: return tr("Method");
    case StatusColumn: return tr("Status");
    default: return {};
    }
}

bool OrderTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_loaded && !m_atEnd && !m_fetching && !m_orders.isEmpty();
}

void OrderTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    store::OrderFilter page = m_filter;
    page.beforeId = m_orders.last().id;
    page.limit = kPageSize;
    const quint64 generation = m_generation;
    onReady(m_engine->orders(page), this, [this, generation](Result<QList<Order>> result) {
        later([this, generation, result = std::move(result)]() mutable {
            if (generation != m_generation)
                return;
            m_fetching = false;
            if (!result) {
                Q_EMIT loadFailed(Labels::error(result.error()));
                return;
            }
            appendPage(std::move(result).value());
        });
    });
}

void OrderTableModel::setFilter(const store::OrderFilter &filter)
{
    m_filter = filter;
    m_filter.beforeId = 0;
    m_filter.afterId = 0;
    m_filter.ids.clear();
    m_filter.offset = 0;
    m_filter.limit = kPageSize;
    const quint64 generation = ++m_generation;
    m_loaded = false;
    m_fetching = true;
    m_total = -1;
    onReady(m_engine->orders(m_filter), this, [this, generation](Result<QList<Order>> result) {
        later([this, generation, result = std::move(result)]() mutable {
            if (generation != m_generation)
                return;
            m_fetching = false;
            if (!result) {
                Q_EMIT loadFailed(Labels::error(result.error()));
                return;
            }
            applyFirstPage(std::move(result).value());
        });
    });
    requestCount();
}

void OrderTableModel::requestCount()
{
    const quint64 generation = m_generation;
    onReady(m_engine->orderCount(m_filter), this, [this, generation](Result<qint64> result) {
        later([this, generation, result] {
            if (generation != m_generation || !result)
                return;
            m_total = result.value();
            Q_EMIT countsChanged();
        });
    });
}

void OrderTableModel::applyFirstPage(QList<Order> orders)
{
    beginResetModel();
    m_orders = std::move(orders);
    m_atEnd = m_orders.size() < kPageSize;
    m_loaded = true;
    endResetModel();
    Q_EMIT loaded();
    Q_EMIT countsChanged();
}

void OrderTableModel::appendPage(QList<Order> orders)
{
    m_atEnd = orders.size() < kPageSize;
    // Rows removed meanwhile may have moved the end: keep only what is older than the last row.
    const qint64 lastId = m_orders.isEmpty() ? std::numeric_limits<qint64>::max() : m_orders.last().id;
    orders.removeIf([lastId](const Order &o) { return o.id >= lastId; });
    if (!orders.isEmpty()) {
        const int first = int(m_orders.size());
        beginInsertRows({}, first, first + int(orders.size()) - 1);
        m_orders.append(std::move(orders));
        endInsertRows();
    }
    Q_EMIT countsChanged();
}

void OrderTableModel::refresh(const QSet<qint64> &changedIds)
{
    if (!m_loaded || m_refreshing) {
        // The first page on its way will have these orders as they are now.
        Q_EMIT refreshed();
        return;
    }
    m_refreshing = true;
    const quint64 generation = m_generation;
    // Applied from the event loop (see later()); a newer filter drops the answer.
    const auto apply = [this, generation](QList<Order> newer, QList<Order> changed, QSet<qint64> asked) {
        later([this, generation, newer = std::move(newer), changed = std::move(changed),
               asked = std::move(asked)]() mutable {
            if (generation != m_generation) {
                m_refreshing = false;
                Q_EMIT refreshed();
                return;
            }
            applyRefresh(std::move(newer), std::move(changed), asked);
        });
    };
    store::OrderFilter newer = m_filter;
    newer.afterId = m_orders.isEmpty() ? 0 : m_orders.first().id;
    QSet<qint64> loadedIds;
    for (const qint64 id : changedIds) {
        if (rowOfId(id) >= 0)
            loadedIds.insert(id);
    }
    onReady(m_engine->orders(newer), this, [this, loadedIds, apply](Result<QList<Order>> newerResult) {
        if (!newerResult)
            return apply({}, {}, {});
        if (loadedIds.isEmpty())
            return apply(std::move(newerResult).value(), {}, {});
        store::OrderFilter again = m_filter;
        again.ids = QList<qint64>(loadedIds.cbegin(), loadedIds.cend());
        again.limit = int(loadedIds.size());
        onReady(m_engine->orders(again), this,
                [loadedIds, apply, newer = std::move(newerResult).value()](Result<QList<Order>> changed) mutable {
                    if (!changed)
                        return apply(std::move(newer), {}, {});
                    apply(std::move(newer), std::move(changed).value(), loadedIds);
                });
    });
    requestCount();
}

void OrderTableModel::applyRefresh(QList<Order> newer, QList<Order> changed, const QSet<qint64> &asked)
{
    if (newer.size() >= kPageSize) {
        // More new orders than a page since the last look: starting over is simpler and as fast.
        m_refreshing = false;
        reload();
        Q_EMIT refreshed();
        return;
    }
    for (const qint64 id : asked) {
        const int row = rowOfId(id);
        if (row < 0)
            continue;
        const auto it = std::find_if(changed.cbegin(), changed.cend(), [id](const Order &o) { return o.id == id; });
        if (it != changed.cend()) {
            m_orders[row] = *it;
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        } else {
            // It no longer matches the filter (e.g. refunded while the list shows delivered ones).
            beginRemoveRows({}, row, row);
            m_orders.removeAt(row);
            endRemoveRows();
        }
    }
    const qint64 firstId = m_orders.isEmpty() ? 0 : m_orders.first().id;
    newer.removeIf([firstId](const Order &o) { return o.id <= firstId; });
    if (!newer.isEmpty()) {
        beginInsertRows({}, 0, int(newer.size()) - 1);
        m_orders = newer + m_orders;
        endInsertRows();
    }
    m_refreshing = false;
    Q_EMIT countsChanged();
    Q_EMIT refreshed();
}

void OrderTableModel::later(std::function<void()> apply)
{
    QMetaObject::invokeMethod(this, std::move(apply), Qt::QueuedConnection);
}

int OrderTableModel::rowOfId(qint64 id) const
{
    // Rows are in descending id order.
    const auto it = std::lower_bound(m_orders.cbegin(), m_orders.cend(), id,
                                     [](const Order &o, qint64 value) { return o.id > value; });
    return it != m_orders.cend() && it->id == id ? int(it - m_orders.cbegin()) : -1;
}

int OrderTableModel::rowOfRef(const QString &ref) const
{
    for (int row = 0; row < m_orders.size(); ++row) {
        if (m_orders.at(row).ref.compare(ref, Qt::CaseInsensitive) == 0)
            return row;
    }
    return -1;
}

} // namespace kedai::gui
