#include "gui/models/lowstockmodel.h"

#include <QBrush>
#include <QColor>

#include <algorithm>

namespace kedai::gui {

LowStockModel::LowStockModel(QObject *parent) : QAbstractTableModel(parent) {}

int LowStockModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_products.size());
}

int LowStockModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LowStockModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const store::LowStockProduct &p = m_products.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
    case SortRole: {
        const bool sort = role == SortRole;
        switch (column) {
        case CodeColumn: return p.code;
        case NameColumn: return p.name;
        case AvailableColumn: return sort ? QVariant(p.available) : QVariant(QString::number(p.available));
        case ThresholdColumn: return sort ? QVariant(p.threshold) : QVariant(QString::number(p.threshold));
        default: return {};
        }
    }
    case Qt::ForegroundRole:
        if (column != AvailableColumn)
            return {};
        return QBrush(p.available == 0 ? QColor(0xc0, 0x39, 0x2b) : QColor(0xb9, 0x77, 0x0e));
    case Qt::ToolTipRole:
        if (p.available == 0)
            return tr("Sold out: customers cannot buy %1 until stock is added.").arg(p.code);
        return tr("%n item(s) left; the alert starts at %1.", nullptr, int(p.available)).arg(p.threshold);
    case Qt::TextAlignmentRole:
        if (column == AvailableColumn || column == ThresholdColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    default: return {};
    }
}

QVariant LowStockModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case CodeColumn: return tr("Code");
    case NameColumn: return tr("Product");
    case AvailableColumn: return tr("Available");
    case ThresholdColumn: return tr("Alert at");
    default: return {};
    }
}

void LowStockModel::setProducts(QList<store::LowStockProduct> products)
{
    beginResetModel();
    m_products = std::move(products);
    endResetModel();
}

int LowStockModel::soldOutCount() const
{
    return int(std::count_if(m_products.cbegin(), m_products.cend(),
                             [](const store::LowStockProduct &p) { return p.available == 0; }));
}

} // namespace kedai::gui
