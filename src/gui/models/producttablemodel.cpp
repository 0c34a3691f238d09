#include "gui/models/producttablemodel.h"

#include "common/money.h"
#include "gui/labels.h"

#include <QBrush>
#include <QColor>
#include <QPalette>

namespace kedai::gui {

bool ProductTableModel::isLowStock(const domain::Product &p)
{
    // PPOB products are bought from the provider on demand and have no stock items.
    return p.active && p.kind != domain::ProductKind::Ppob && p.stockAvailable <= p.lowStockThreshold;
}

QStringList ProductTableModel::categories() const
{
    QStringList out;
    for (const domain::Product &p : m_products) {
        if (!p.category.isEmpty() && !out.contains(p.category, Qt::CaseInsensitive))
            out << p.category;
    }
    out.sort(Qt::CaseInsensitive);
    return out;
}

ProductTableModel::ProductTableModel(QObject *parent) : QAbstractTableModel(parent) {}

int ProductTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_products.size());
}

int ProductTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProductTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const domain::Product &p = m_products.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole: return displayData(p, column);
    case SortRole: return sortData(p, column);
    case IdRole: return p.id;
    case Qt::TextAlignmentRole:
        if (column >= BronzeColumn && column <= SoldColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    case Qt::ForegroundRole:
        if (!p.active)
            return QBrush(QPalette().color(QPalette::Disabled, QPalette::Text));
        if (column == StockColumn && isLowStock(p))
            return QBrush(QColor(0xc0, 0x39, 0x2b));
        return {};
    case Qt::ToolTipRole:
        if (column == StockColumn && isLowStock(p))
            return tr("Low stock: %1 or fewer items left").arg(p.lowStockThreshold);
        if (column == NameColumn && !p.description.isEmpty())
            return p.description;
        return {};
    default: return {};
    }
}

QVariant ProductTableModel::displayData(const domain::Product &p, int column) const
{
    switch (column) {
    case CodeColumn: return p.code;
    case NameColumn: return p.name;
    case CategoryColumn: return p.category;
    case KindColumn: return Labels::productKind(p.kind);
    case BronzeColumn: return common::formatRupiah(p.priceBronze);
    case SilverColumn: return common::formatRupiah(p.priceSilver);
    case GoldColumn: return common::formatRupiah(p.priceGold);
    case StockColumn: return p.stockAvailable;
    case SoldColumn: return p.sold;
    case ActiveColumn: return Labels::yesNo(p.active);
    default: return {};
    }
}

QVariant ProductTableModel::sortData(const domain::Product &p, int column) const
{
    switch (column) {
    case BronzeColumn: return p.priceBronze;
    case SilverColumn: return p.priceSilver;
    case GoldColumn: return p.priceGold;
    case ActiveColumn: return p.active;
    default: return displayData(p, column);
    }
}

QVariant ProductTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case CodeColumn: return tr("Code");
    case NameColumn: return tr("Name");
    case CategoryColumn: return tr("Category");
    case KindColumn: return tr("Kind");
    case BronzeColumn: return tr("Bronze price");
    case SilverColumn: return tr("Silver price");
    case GoldColumn: return tr("Gold price");
    case StockColumn: return tr("Stock");
    case SoldColumn: return tr("Sold");
    case ActiveColumn: return tr("Active");
    default: return {};
    }
}

void ProductTableModel::setProducts(QList<domain::Product> products)
{
    bool sameRows = products.size() == m_products.size();
    for (qsizetype i = 0; sameRows && i < products.size(); ++i)
        sameRows = products.at(i).id == m_products.at(i).id;
    if (sameRows) {
        m_products = std::move(products);
        if (!m_products.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_products = std::move(products);
    endResetModel();
}

int ProductTableModel::rowOfId(qint64 id) const
{
    for (qsizetype i = 0; i < m_products.size(); ++i) {
        if (m_products.at(i).id == id)
            return int(i);
    }
    return -1;
}

} // namespace kedai::gui
