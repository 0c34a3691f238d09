#include "gui/models/stockitemmodel.h"

#include "gui/labels.h"

#include <QBrush>
#include <QPalette>

namespace kedai::gui {

StockItemModel::StockItemModel(QObject *parent) : QAbstractTableModel(parent) {}

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
        case ContentColumn: return mask(item.content);
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

void StockItemModel::setItems(qint64 productId, QList<domain::StockItem> items)
{
    beginResetModel();
    m_productId = productId;
    m_items = std::move(items);
    endResetModel();
}

void StockItemModel::clear()
{
    setItems(0, {});
}

QString StockItemModel::mask(const QString &content)
{
    return QString(content.left(3) + QString(3, QChar(0x2022)));
}

} // namespace kedai::gui
