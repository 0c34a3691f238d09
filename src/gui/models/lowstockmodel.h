#pragma once

#include "store/reportrepository.h"

#include <QAbstractTableModel>
#include <QList>

namespace kedai::gui {

/// Active products at or under their low-stock threshold, emptiest first. Sold out is red,
/// running low orange.
class LowStockModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { CodeColumn, NameColumn, AvailableColumn, ThresholdColumn, ColumnCount };
    /// Numbers as numbers (available, threshold), for sorting and tests.
    enum Role { SortRole = Qt::UserRole + 1 };

    explicit LowStockModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setProducts(QList<store::LowStockProduct> products);
    const QList<store::LowStockProduct> &products() const { return m_products; }
    /// Products with nothing left to sell.
    int soldOutCount() const;

private:
    QList<store::LowStockProduct> m_products;
};

} // namespace kedai::gui
