#pragma once

#include "domain/customer.h"

#include <QAbstractTableModel>
#include <QList>

namespace kedai::gui {

/// Customers with their tier and saldo.
class CustomerTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { PhoneColumn, NameColumn, TierColumn, SaldoColumn, BlockedColumn, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, IdRole };

    explicit CustomerTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Updates rows in place when the same customers come back in the same order.
    void setCustomers(QList<domain::Customer> customers);
    const domain::Customer &customer(int row) const { return m_customers.at(row); }
    int rowOfId(qint64 id) const;

private:
    QVariant displayData(const domain::Customer &c, int column) const;

    QList<domain::Customer> m_customers;
};

} // namespace kedai::gui
