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

namespace Ui {
class InventoryPanel;
}
class ProductTableModel;
class ReloadScheduler;
class StockItemModel;

/// Products and the stock items of the selected product. Reloads itself on the engine's
/// catalogChanged/stockChanged signals.
class InventoryPanel : public QWidget
{
    Q_OBJECT
public:
    explicit InventoryPanel(engine::Engine *engine, QWidget *parent = nullptr);
    ~InventoryPanel() override;

    ProductTableModel *productModel() const { return m_products; }
    QSortFilterProxyModel *productProxy() const { return m_proxy; }
    StockItemModel *stockModel() const { return m_stock; }
    /// True once the first product list has arrived.
    bool hasLoaded() const { return m_loaded; }
    /// Selects the product (clearing the search if it hides it). False when it is not listed.
    bool selectProduct(qint64 productId);
    std::optional<domain::Product> selectedProduct() const;

    void reload();

Q_SIGNALS:
    void statusMessage(const QString &text);

private:
    void loadProducts();
    void loadStockItems();
    void onSelectionChanged();
    void updateButtons();
    void addProduct();
    void editProduct();
    void deactivateProduct();
    void pasteStock();
    void voidItem();
    qint64 selectedStockItemId() const;

    std::unique_ptr<Ui::InventoryPanel> ui;
    engine::Engine *m_engine;
    ProductTableModel *m_products;
    QSortFilterProxyModel *m_proxy;
    StockItemModel *m_stock;
    ReloadScheduler *m_productsReload;
    ReloadScheduler *m_stockReload;
    qint64 m_selectedId = 0;
    bool m_applying = false;
    bool m_loaded = false;
};

} // namespace kedai::gui
