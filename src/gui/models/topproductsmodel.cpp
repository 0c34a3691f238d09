#include "gui/models/topproductsmodel.h"

namespace kedai::gui {

TopProductsModel::TopProductsModel(QObject *parent) : QAbstractTableModel(parent) {}

int TopProductsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_products.size());
}

int TopProductsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TopProductsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const store::TopProduct &p = m_products.at(index.row());
    const int column = index.column();
    if (role == Qt::DisplayRole || role == SortRole) {
        const bool sort = role == SortRole;
        switch (column) {
        case RankColumn: return sort ? QVariant(index.row() + 1) : QVariant(QString::number(index.row() + 1));
        case CodeColumn: return p.code;
        case NameColumn: return p.name;
        case QtyColumn: return sort ? QVariant(p.qty) : QVariant(QString::number(p.qty));
        case RevenueColumn: return sort ? QVariant(p.revenue) : QVariant(common::formatRupiah(p.revenue));
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole && (column == RankColumn || column == QtyColumn || column == RevenueColumn))
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    return {};
}

QVariant TopProductsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case RankColumn: return tr("#");
    case CodeColumn: return tr("Code");
    case NameColumn: return tr("Product");
    case QtyColumn: return tr("Sold");
    case RevenueColumn: return tr("Revenue");
    default: return {};
    }
}

void TopProductsModel::setProducts(QList<store::TopProduct> products)
{
    beginResetModel();
    m_products = std::move(products);
    endResetModel();
}

} // namespace kedai::gui
