#pragma once

#include "domain/stockitem.h"

#include <QAbstractTableModel>
#include <QList>

#include <optional>

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

/// The stock items of one product, loaded a page at a time (keyset paging by id through
/// Engine::stockItemsPage): a product with 100,000 items opens with one page, and views ask for
/// the next one through canFetchMore()/fetchMore() as they scroll.
///
/// Contents are shown masked ("abc•••"): they are credentials or voucher codes and the window may
/// be seen by people who must not read them. With setRevealContents(true) available, reserved
/// and void items show in full (staff manage them); a sold item never does: the store sends
/// only its first three characters.
class StockItemModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { IdColumn, ContentColumn, StatusColumn, AddedColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, StatusRole };
    static constexpr int kPageSize = 200;

    explicit StockItemModel(engine::Engine *engine, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    /// Shows the items of `productId` (0: none), all statuses or only `status`: empties the
    /// model and asks for the first page.
    void setProduct(qint64 productId, std::optional<domain::StockStatus> status = {});
    /// After a change: loads again as many rows as are loaded now (at least a page).
    void refresh();
    void clear() { setProduct(0); }
    void setRevealContents(bool reveal);
    bool revealContents() const { return m_reveal; }

    qint64 productId() const { return m_productId; }
    std::optional<domain::StockStatus> statusFilter() const { return m_status; }
    const domain::StockItem &item(int row) const { return m_items.at(row); }
    int rowOfId(qint64 id) const;
    /// A page is on its way.
    bool isFetching() const { return m_fetching; }
    /// More items exist beyond the loaded ones.
    bool hasMore() const { return m_hasMore; }

    /// "abc•••": the first three characters and a fixed-length mask.
    static QString mask(const QString &content);

Q_SIGNALS:
    /// A page arrived (or the model was reloaded).
    void pageLoaded();
    void loadFailed(const QString &message);

private:
    void request(qint64 afterId, int limit, bool replace);
    void apply(QList<domain::StockItem> items, int limit, bool replace);

    engine::Engine *m_engine;
    qint64 m_productId = 0;
    std::optional<domain::StockStatus> m_status;
    QList<domain::StockItem> m_items;
    bool m_hasMore = false;
    bool m_fetching = false;
    bool m_reveal = false;
    quint64 m_generation = 0; ///< answers for an earlier product or filter are dropped
};

} // namespace kedai::gui
