#pragma once

#include "store/reportrepository.h"

#include <QAbstractTableModel>
#include <QList>

namespace kedai::gui {

/// The dashboard's best sellers of the last 30 days, best first (as the engine ranks them).
class TopProductsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { RankColumn, CodeColumn, NameColumn, QtyColumn, RevenueColumn, ColumnCount };
    /// Numbers as numbers (qty, rupiah), for sorting and tests.
    enum Role { SortRole = Qt::UserRole + 1 };

    explicit TopProductsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setProducts(QList<store::TopProduct> products);
    const QList<store::TopProduct> &products() const { return m_products; }

private:
    QList<store::TopProduct> m_products;
};

} // namespace kedai::gui
