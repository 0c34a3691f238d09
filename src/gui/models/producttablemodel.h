#pragma once

#include "domain/product.h"

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>

namespace kedai::gui {

/// The catalog as a table: one row per product, prices formatted as rupiah.
class ProductTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        CodeColumn,
        NameColumn,
        CategoryColumn,
        KindColumn,
        BronzeColumn,
        SilverColumn,
        GoldColumn,
        StockColumn,
        SoldColumn,
        ActiveColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, ///< raw value (numbers stay numbers)
        IdRole,                      ///< product id (qint64)
    };

    explicit ProductTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Replaces the rows. When the same products come back in the same order the rows are
    /// updated in place, so views keep their selection and scroll position.
    void setProducts(QList<domain::Product> products);
    const QList<domain::Product> &products() const { return m_products; }
    const domain::Product &product(int row) const { return m_products.at(row); }
    /// Row of the product with this id, or -1.
    int rowOfId(qint64 id) const;
    /// The categories in use, sorted, without duplicates (case-insensitive).
    QStringList categories() const;

    /// Active, not PPOB, and at most its low-stock threshold of items available.
    static bool isLowStock(const domain::Product &p);

private:
    QVariant displayData(const domain::Product &p, int column) const;
    QVariant sortData(const domain::Product &p, int column) const;

    QList<domain::Product> m_products;
};

} // namespace kedai::gui
