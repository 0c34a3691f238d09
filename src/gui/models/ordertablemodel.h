#pragma once

#include "domain/order.h"
#include "store/orderrepository.h"

#include <QAbstractTableModel>
#include <QList>
#include <QSet>

#include <functional>

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

/// The orders matching a filter, newest first, loaded lazily: the first page at once, the next
/// ones when the view scrolls near the end (canFetchMore/fetchMore), each page one keyset query
/// (id below the last row's), so the 200th page costs what the first does. Only newest-first:
/// sorting by another column would need an OFFSET or a keyset per column, and would make the
/// live insertion of new orders at the top ambiguous; the filters narrow the list instead.
/// Never holds delivered items.
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

    /// Rows per query.
    static constexpr int kPageSize = 500;

    explicit OrderTableModel(engine::Engine *engine, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    /// Starts over with `filter` (its paging fields are set here). The rows shown stay until the
    /// first page of the new filter replaces them.
    void setFilter(const store::OrderFilter &filter);
    const store::OrderFilter &filter() const { return m_filter; }
    /// Starts over with the same filter.
    void reload() { setFilter(m_filter); }
    /// Brings the loaded rows up to date without starting over: orders newer than the first row
    /// are inserted at the top, and the loaded ones among `changedIds` are re-read (updated in
    /// place, or removed when they no longer match). refreshed() follows, whatever happened.
    void refresh(const QSet<qint64> &changedIds);

    const domain::Order &order(int row) const { return m_orders.at(row); }
    int rowOfId(qint64 id) const;
    int rowOfRef(const QString &ref) const;
    /// How many orders match the filter (-1 until counted).
    qint64 totalCount() const { return m_total; }
    /// The first page of the current filter has arrived.
    bool hasLoaded() const { return m_loaded; }
    /// Everything matching is loaded.
    bool atEnd() const { return m_atEnd; }
    bool isFetching() const { return m_fetching || m_refreshing; }

Q_SIGNALS:
    /// The first page of a filter arrived.
    void loaded();
    /// Rows were added, removed or the total changed (update "x of y" labels).
    void countsChanged();
    void refreshed();
    void loadFailed(const QString &message);

private:
    void requestCount();
    void applyFirstPage(QList<domain::Order> orders);
    void appendPage(QList<domain::Order> orders);
    void applyRefresh(QList<domain::Order> newer, QList<domain::Order> changed, const QSet<qint64> &asked);
    QVariant displayData(const domain::Order &o, int column) const;
    /// Runs `apply` from the event loop. An answer can come back inside the call that asked for
    /// it (a future that had already finished runs its continuation at once), and rows must
    /// never change inside fetchMore() or setFilter(): views and QAbstractItemModelTester call
    /// fetchMore() while they handle another change of this model.
    void later(std::function<void()> apply);

    engine::Engine *m_engine;
    store::OrderFilter m_filter;
    QList<domain::Order> m_orders; ///< descending ids
    quint64 m_generation = 0;      ///< bumped by setFilter(): answers for an older filter are dropped
    qint64 m_total = -1;
    bool m_loaded = false;
    bool m_atEnd = false;
    bool m_fetching = false;
    bool m_refreshing = false;
};

} // namespace kedai::gui
