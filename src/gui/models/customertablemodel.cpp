#include "gui/models/customertablemodel.h"

#include "common/money.h"
#include "gui/labels.h"

#include <QBrush>
#include <QColor>

namespace kedai::gui {

CustomerTableModel::CustomerTableModel(QObject *parent) : QAbstractTableModel(parent) {}

int CustomerTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_customers.size());
}

int CustomerTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CustomerTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const domain::Customer &c = m_customers.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole: return displayData(c, column);
    case SortRole:
        switch (column) {
        case TierColumn: return int(c.tier);
        case SaldoColumn: return c.saldo;
        case BlockedColumn: return c.blocked;
        default: return displayData(c, column);
        }
    case IdRole: return c.id;
    case Qt::TextAlignmentRole:
        if (column == SaldoColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    case Qt::ForegroundRole:
        if (c.blocked)
            return QBrush(QColor(0xc0, 0x39, 0x2b));
        return {};
    default: return {};
    }
}

QVariant CustomerTableModel::displayData(const domain::Customer &c, int column) const
{
    switch (column) {
    case PhoneColumn: return c.phone;
    case NameColumn: return c.name;
    case TierColumn: return Labels::tier(c.tier);
    case SaldoColumn: return common::formatRupiah(c.saldo);
    case BlockedColumn: return Labels::yesNo(c.blocked);
    default: return {};
    }
}

QVariant CustomerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case PhoneColumn: return tr("Phone");
    case NameColumn: return tr("Name");
    case TierColumn: return tr("Tier");
    case SaldoColumn: return tr("Saldo");
    case BlockedColumn: return tr("Blocked");
    default: return {};
    }
}

void CustomerTableModel::setCustomers(QList<domain::Customer> customers)
{
    bool sameRows = customers.size() == m_customers.size();
    for (qsizetype i = 0; sameRows && i < customers.size(); ++i)
        sameRows = customers.at(i).id == m_customers.at(i).id;
    if (sameRows) {
        m_customers = std::move(customers);
        if (!m_customers.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_customers = std::move(customers);
    endResetModel();
}

int CustomerTableModel::rowOfId(qint64 id) const
{
    for (qsizetype i = 0; i < m_customers.size(); ++i) {
        if (m_customers.at(i).id == id)
            return int(i);
    }
    return -1;
}

} // namespace kedai::gui
