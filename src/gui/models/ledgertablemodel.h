#pragma once

#include "domain/ledger.h"

#include <QAbstractTableModel>
#include <QList>

namespace kedai::gui {

/// The saldo history (ledger entries) of one customer.
class LedgerTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, KindColumn, AmountColumn, BalanceColumn, ActorColumn, NoteColumn, ColumnCount };

    explicit LedgerTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setEntries(qint64 customerId, QList<domain::LedgerEntry> entries);
    void clear();
    qint64 customerId() const { return m_customerId; }
    const domain::LedgerEntry &entry(int row) const { return m_entries.at(row); }

private:
    qint64 m_customerId = 0;
    QList<domain::LedgerEntry> m_entries;
};

} // namespace kedai::gui
