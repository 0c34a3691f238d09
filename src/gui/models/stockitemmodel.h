#pragma once

#include "domain/stockitem.h"

#include <QAbstractTableModel>
#include <QList>

namespace kedai::gui {

/// The stock items of one product. Contents are masked: they are credentials or voucher codes
/// and the window may be seen by people who must not read them.
class StockItemModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { IdColumn, ContentColumn, StatusColumn, AddedColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, StatusRole };

    explicit StockItemModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setItems(qint64 productId, QList<domain::StockItem> items);
    void clear();
    qint64 productId() const { return m_productId; }
    const domain::StockItem &item(int row) const { return m_items.at(row); }

    /// "abc•••": the first three characters and a fixed-length mask.
    static QString mask(const QString &content);

private:
    qint64 m_productId = 0;
    QList<domain::StockItem> m_items;
};

} // namespace kedai::gui
