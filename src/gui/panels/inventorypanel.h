#pragma once

#include "domain/product.h"

#include <QWidget>

#include <memory>
#include <optional>

class QSortFilterProxyModel;

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

class Session;

namespace Ui {
class InventoryPanel;
}
class ProductFilterProxy;
class ProductTableModel;
class ReloadScheduler;
class StockItemModel;
class StockPasteDialog;

/// Products (search, filters by category, kind, state and low stock; sortable) and the stock
/// items of the selected product, a page at a time. Reloads itself on the engine's
/// catalogChanged/stockChanged signals. What the signed-in role may not do is disabled
/// (products need EditProducts, stock ManageStock); the Engine checks it again.
class InventoryPanel : public QWidget
{
    Q_OBJECT
public:
    InventoryPanel(engine::Engine *engine, Session *session, QWidget *parent = nullptr);
    ~InventoryPanel() override;

    ProductTableModel *productModel() const { return m_products; }
    QSortFilterProxyModel *productProxy() const;
    StockItemModel *stockModel() const { return m_stock; }
    /// True once the first product list has arrived.
    bool hasLoaded() const { return m_loaded; }
    /// Selects the product (clearing the search and filters if they hide it). False when it is
    /// not listed.
    bool selectProduct(qint64 productId);
    std::optional<domain::Product> selectedProduct() const;
    /// Opens the add-stock dialog for the selected product (nullptr when none is selected).
    StockPasteDialog *addStockToSelected();

    void reload();

Q_SIGNALS:
    void statusMessage(const QString &text);

private:
    void loadProducts();
    void loadStockItems();
    void fillCategoryFilter();
    void onSelectionChanged();
    void updateStockTitle();
    void updateButtons();
    void addProduct();
    void editProduct();
    void deactivateProduct();
    void voidItem();
    qint64 selectedStockItemId() const;

    std::unique_ptr<Ui::InventoryPanel> ui;
    engine::Engine *m_engine;
    Session *m_session;
    ProductTableModel *m_products;
    ProductFilterProxy *m_proxy;
    StockItemModel *m_stock;
    ReloadScheduler *m_productsReload;
    ReloadScheduler *m_stockReload;
    qint64 m_selectedId = 0;
    QString m_countsText; ///< per-status counts of the selected product's items
    bool m_applying = false;
    bool m_loaded = false;
};

} // namespace kedai::gui
