#pragma once

#include "domain/customer.h"

#include <QAbstractTableModel>
#include <QList>

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

/// Customers with their tier and saldo, newest first, loaded a page at a time (keyset paging
/// through Engine::customersPage) and searched in the store: a shop with 50,000 customers
/// opens with one page, and views ask for more through canFetchMore()/fetchMore().
class CustomerTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { PhoneColumn, NameColumn, TierColumn, SaldoColumn, BlockedColumn, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, IdRole };
    static constexpr int kPageSize = 200;

    explicit CustomerTableModel(engine::Engine *engine, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    /// Searches phone and name in the store (empty: everyone): empties the model and asks for
    /// the first page.
    void setTerm(const QString &term);
    QString term() const { return m_term; }
    /// After a change: loads again as many rows as are loaded now (at least a page). Rows are
    /// updated in place when the same customers come back in the same order.
    void refresh();
    const domain::Customer &customer(int row) const { return m_customers.at(row); }
    int rowOfId(qint64 id) const;
    bool isFetching() const { return m_fetching; }
    bool hasMore() const { return m_hasMore; }

Q_SIGNALS:
    /// A page arrived (or the loaded rows were reloaded).
    void pageLoaded();
    void loadFailed(const QString &message);

private:
    QVariant displayData(const domain::Customer &c, int column) const;
    void request(qint64 beforeId, int limit, bool replace);
    void apply(QList<domain::Customer> customers, int limit, bool replace);

    engine::Engine *m_engine;
    QString m_term;
    QList<domain::Customer> m_customers;
    bool m_hasMore = false;
    bool m_fetching = false;
    quint64 m_generation = 0; ///< answers for an earlier search are dropped
};

} // namespace kedai::gui
