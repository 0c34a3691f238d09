#pragma once

#include "domain/order.h"

#include <QAbstractTableModel>
#include <QList>

namespace kedai::gui {

/// Orders, newest first (the order the engine returns them in).
class OrderTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        RefColumn,
        TimeColumn,
        CustomerColumn,
        ProductColumn,
        QtyColumn,
        TotalColumn,
        MethodColumn,
        StatusColumn,
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole + 1, IdRole, RefRole };

    explicit OrderTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setOrders(QList<domain::Order> orders);
    const domain::Order &order(int row) const { return m_orders.at(row); }

private:
    QVariant displayData(const domain::Order &o, int column) const;

    QList<domain::Order> m_orders;
};

} // namespace kedai::gui
