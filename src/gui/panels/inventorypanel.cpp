#include "gui/panels/inventorypanel.h"

#include "engine/engine.h"
#include "gui/async.h"
#include "gui/constants.h"
#include "gui/dialogs/productdialog.h"
#include "gui/dialogs/stockpastedialog.h"
#include "gui/models/producttablemodel.h"
#include "gui/models/stockitemmodel.h"
#include "gui/reloadscheduler.h"
#include "gui/tableview.h"

#include "ui_inventorypanel.h"

#include <QHeaderView>
#include <QMessageBox>
#include <QSortFilterProxyModel>

namespace kedai::gui {

InventoryPanel::InventoryPanel(engine::Engine *engine, QWidget *parent)
    : QWidget(parent)
    , ui(std::make_unique<Ui::InventoryPanel>())
    , m_engine(engine)
    , m_products(new ProductTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_stock(new StockItemModel(this))
    , m_productsReload(new ReloadScheduler([this] { loadProducts(); }, this))
    , m_stockReload(new ReloadScheduler([this] { loadStockItems(); }, this))
{
    ui->setupUi(this);
    m_proxy->setSourceModel(m_products);
    m_proxy->setSortRole(ProductTableModel::SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    ui->productsView->setModel(m_proxy);
    // Natural order (category, code, as the store lists them) until a header is clicked.
    ui->productsView->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    ui->productsView->horizontalHeader()->setSortIndicatorClearable(true);
    ui->productsView->setSortingEnabled(true);
    ui->stockItemsView->setModel(m_stock);
    setUpTableView(ui->productsView, ProductTableModel::NameColumn);
    setUpTableView(ui->stockItemsView, StockItemModel::AddedColumn);

    connect(ui->searchEdit, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(ui->productsView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &InventoryPanel::onSelectionChanged);
    connect(ui->stockItemsView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &InventoryPanel::updateButtons);
    connect(ui->productsView, &QAbstractItemView::doubleClicked, this, &InventoryPanel::editProduct);
    connect(ui->addButton, &QPushButton::clicked, this, &InventoryPanel::addProduct);
    connect(ui->editButton, &QPushButton::clicked, this, &InventoryPanel::editProduct);
    connect(ui->deactivateButton, &QPushButton::clicked, this, &InventoryPanel::deactivateProduct);
    connect(ui->pasteStockButton, &QPushButton::clicked, this, &InventoryPanel::pasteStock);
    connect(ui->voidItemButton, &QPushButton::clicked, this, &InventoryPanel::voidItem);

    connect(m_engine, &engine::Engine::catalogChanged, m_productsReload, &ReloadScheduler::schedule);
    // A sale changes the sold count (and, with a reservation, the stock) of its product.
    connect(m_engine, &engine::Engine::orderChanged, m_productsReload, &ReloadScheduler::schedule);
    connect(m_engine, &engine::Engine::stockChanged, this, [this](qint64 productId) {
        m_productsReload->schedule();
        if (productId == m_selectedId)
            m_stockReload->schedule();
    });

    updateButtons();
    m_productsReload->reloadNow();
}

InventoryPanel::~InventoryPanel() = default;

void InventoryPanel::reload()
{
    m_productsReload->reloadNow();
    if (m_selectedId != 0)
        m_stockReload->reloadNow();
}

void InventoryPanel::loadProducts()
{
    onReady(m_engine->products(true), this, [this](common::Result<QList<domain::Product>> result) {
        m_productsReload->finished();
        if (!result) {
            Q_EMIT statusMessage(tr("Could not load the products: %1").arg(result.error().message));
            return;
        }
        // A reset clears the selection: keep the selected product across it.
        const qint64 keep = m_selectedId;
        m_applying = true;
        m_products->setProducts(std::move(result).value());
        if (keep != 0 && !ui->productsView->selectionModel()->hasSelection()) {
            const int row = m_products->rowOfId(keep);
            const QModelIndex index = row < 0 ? QModelIndex() : m_proxy->mapFromSource(m_products->index(row, 0));
            if (index.isValid())
                ui->productsView->selectRow(index.row());
        }
        m_applying = false;
        m_loaded = true;
        onSelectionChanged();
    });
}

void InventoryPanel::loadStockItems()
{
    const qint64 productId = m_selectedId;
    if (productId == 0) {
        m_stock->clear();
        m_stockReload->finished();
        return;
    }
    onReady(m_engine->stockItems(productId, true), this,
            [this, productId](common::Result<QList<domain::StockItem>> result) {
                m_stockReload->finished();
                if (productId != m_selectedId)
                    return; // the selection moved on; a reload for the new product is queued
                if (!result) {
                    Q_EMIT statusMessage(tr("Could not load the stock items: %1").arg(result.error().message));
                    return;
                }
                const qint64 keepItem = selectedStockItemId();
                m_stock->setItems(productId, std::move(result).value());
                for (int row = 0; keepItem != 0 && row < m_stock->rowCount(); ++row) {
                    if (m_stock->item(row).id == keepItem)
                        ui->stockItemsView->selectRow(row);
                }
                updateButtons();
            });
}

void InventoryPanel::onSelectionChanged()
{
    if (m_applying)
        return;
    const auto product = selectedProduct();
    const qint64 id = product ? product->id : 0;
    if (product) {
        ui->stockTitleLabel->setText(tr("%1 (%2): %3 available, %4 sold")
                                         .arg(product->name, product->code)
                                         .arg(product->stockAvailable)
                                         .arg(product->sold));
    } else {
        ui->stockTitleLabel->setText(tr("Select a product to see its stock items."));
    }
    if (id != m_selectedId) {
        m_selectedId = id;
        m_stock->clear();
        m_stockReload->reloadNow();
    }
    updateButtons();
}

bool InventoryPanel::selectProduct(qint64 productId)
{
    const int row = m_products->rowOfId(productId);
    if (row < 0)
        return false;
    QModelIndex index = m_proxy->mapFromSource(m_products->index(row, 0));
    if (!index.isValid()) {
        ui->searchEdit->clear();
        index = m_proxy->mapFromSource(m_products->index(row, 0));
    }
    ui->productsView->selectRow(index.row());
    ui->productsView->scrollTo(index);
    return true;
}

std::optional<domain::Product> InventoryPanel::selectedProduct() const
{
    const QModelIndexList rows = ui->productsView->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    const QModelIndex source = m_proxy->mapToSource(rows.first());
    if (!source.isValid())
        return std::nullopt;
    return m_products->product(source.row());
}

qint64 InventoryPanel::selectedStockItemId() const
{
    const QModelIndexList rows = ui->stockItemsView->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : m_stock->item(rows.first().row()).id;
}

void InventoryPanel::updateButtons()
{
    const auto product = selectedProduct();
    ui->editButton->setEnabled(product.has_value());
    ui->deactivateButton->setEnabled(product && product->active);
    ui->pasteStockButton->setEnabled(product && product->kind != domain::ProductKind::Ppob);
    const QModelIndexList items = ui->stockItemsView->selectionModel()->selectedRows();
    ui->voidItemButton->setEnabled(!items.isEmpty()
                                   && m_stock->item(items.first().row()).status == domain::StockStatus::Available);
}

void InventoryPanel::addProduct()
{
    auto *dialog = new ProductDialog(m_engine, std::nullopt, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ProductDialog::saved, this, [this](const domain::Product &p) {
        Q_EMIT statusMessage(tr("Product %1 added.").arg(p.code));
        m_productsReload->schedule();
    });
    dialog->open();
}

void InventoryPanel::editProduct()
{
    const auto product = selectedProduct();
    if (!product)
        return;
    auto *dialog = new ProductDialog(m_engine, product, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ProductDialog::saved, this, [this](const domain::Product &p) {
        Q_EMIT statusMessage(tr("Product %1 saved.").arg(p.code));
        m_productsReload->schedule();
    });
    dialog->open();
}

void InventoryPanel::deactivateProduct()
{
    const auto product = selectedProduct();
    if (!product || !product->active)
        return;
    const auto answer = QMessageBox::question(
        this, tr("Deactivate product"),
        tr("Deactivate %1 (%2)? Customers can no longer buy it; its orders and stock items are kept.")
            .arg(product->name, product->code));
    if (answer != QMessageBox::Yes)
        return;
    const QString code = product->code;
    onReady(m_engine->deactivateProduct(code, desktopActor()), this, [this, code](common::Result<void> result) {
        if (!result) {
            QMessageBox::warning(this, tr("Deactivate product"), result.error().message);
            return;
        }
        Q_EMIT statusMessage(tr("Product %1 deactivated.").arg(code));
        m_productsReload->schedule();
    });
}

void InventoryPanel::pasteStock()
{
    const auto product = selectedProduct();
    if (!product)
        return;
    auto *dialog = new StockPasteDialog(m_engine, *product, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &StockPasteDialog::stockAdded, this, [this](const QString &summary) {
        Q_EMIT statusMessage(summary);
        m_productsReload->schedule();
        m_stockReload->schedule();
    });
    dialog->open();
}

void InventoryPanel::voidItem()
{
    const qint64 itemId = selectedStockItemId();
    if (itemId == 0)
        return;
    const auto answer = QMessageBox::question(
        this, tr("Void stock item"),
        tr("Void stock item #%1? It will never be sold; this cannot be undone.").arg(itemId));
    if (answer != QMessageBox::Yes)
        return;
    onReady(m_engine->voidStockItem(itemId, desktopActor()), this, [this, itemId](common::Result<int> result) {
        if (!result) {
            QMessageBox::warning(this, tr("Void stock item"), result.error().message);
            return;
        }
        Q_EMIT statusMessage(tr("Stock item #%1 voided.").arg(itemId));
        m_productsReload->schedule();
        m_stockReload->schedule();
    });
}

} // namespace kedai::gui
