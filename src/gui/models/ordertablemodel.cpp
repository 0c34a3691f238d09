#include "gui/models/ordertablemodel.h"

#include "common/money.h"
#include "gui/labels.h"

#include <QBrush>
#include <QColor>

namespace kedai::gui {

OrderTableModel::OrderTableModel(QObject *parent) : QAbstractTableModel(parent) {}

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
    const domain::Order &o = m_orders.at(index.row());
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

QVariant OrderTableModel::displayData(const domain::Order &o, int column) const
{
    switch (column) {
    case RefColumn: return o.ref;
    case TimeColumn: return Labels::dateTime(o.createdAt);
    case CustomerColumn: return o.customerPhone;
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

void OrderTableModel::setOrders(QList<domain::Order> orders)
{
    beginResetModel();
    m_orders = std::move(orders);
    endResetModel();
}

} // namespace kedai::gui
