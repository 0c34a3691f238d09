#include "gui/panels/inventorypanel.h"

#include "engine/engine.h"
#include "gui/async.h"
#include "gui/dialogs/productdialog.h"
#include "gui/dialogs/stockpastedialog.h"
#include "gui/labels.h"
#include "gui/models/productfilterproxy.h"
#include "gui/models/producttablemodel.h"
#include "gui/models/stockitemmodel.h"
#include "gui/reloadscheduler.h"
#include "gui/session.h"
#include "gui/tableview.h"

#include "ui_inventorypanel.h"

#include <QHeaderView>
#include <QMessageBox>

namespace kedai::gui {

namespace {

using domain::Permission;

std::optional<domain::StockStatus> statusOf(const QVariant &data)
{
    if (!data.isValid())
        return std::nullopt;
    return domain::StockStatus(data.toInt());
}

} // namespace

InventoryPanel::InventoryPanel(engine::Engine *engine, Session *session, QWidget *parent)
    : QWidget(parent)
    , ui(std::make_unique<Ui::InventoryPanel>())
    , m_engine(engine)
    , m_session(session)
    , m_products(new ProductTableModel(this))
    , m_proxy(new ProductFilterProxy(this))
    , m_stock(new StockItemModel(engine, this))
    , m_productsReload(new ReloadScheduler([this] { loadProducts(); }, this))
    , m_stockReload(new ReloadScheduler([this] { loadStockItems(); }, this))
{
    ui->setupUi(this);
    m_proxy->setSourceModel(m_products);
    ui->productsView->setModel(m_proxy);
    // Natural order (category, code, as the store lists them) until a header is clicked.
    ui->productsView->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    ui->productsView->horizontalHeader()->setSortIndicatorClearable(true);
    ui->productsView->setSortingEnabled(true);
    ui->stockItemsView->setModel(m_stock);
    setUpTableView(ui->productsView, ProductTableModel::NameColumn);
    setUpTableView(ui->stockItemsView, StockItemModel::AddedColumn);

    ui->categoryFilter->addItem(tr("All categories"));
    ui->kindFilter->addItem(tr("All kinds"));
    for (auto kind : {domain::ProductKind::Digital, domain::ProductKind::Counted, domain::ProductKind::Ppob})
        ui->kindFilter->addItem(Labels::productKind(kind), int(kind));
    ui->stateFilter->addItem(tr("Active and inactive"), int(ProductFilterProxy::State::Any));
    ui->stateFilter->addItem(tr("Active"), int(ProductFilterProxy::State::Active));
    ui->stateFilter->addItem(tr("Inactive"), int(ProductFilterProxy::State::Inactive));
    ui->statusFilter->addItem(tr("All items"));
    for (auto status : {domain::StockStatus::Available, domain::StockStatus::Reserved, domain::StockStatus::Sold,
                        domain::StockStatus::Void})
        ui->statusFilter->addItem(Labels::stockStatus(status), int(status));

    connect(ui->searchEdit, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(ui->categoryFilter, &QComboBox::currentIndexChanged, this,
            [this](int index) { m_proxy->setCategory(index <= 0 ? QString() : ui->categoryFilter->itemText(index)); });
    connect(ui->kindFilter, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant kind = ui->kindFilter->currentData();
        m_proxy->setKind(kind.isValid() ? std::optional(domain::ProductKind(kind.toInt())) : std::nullopt);
    });
    connect(ui->stateFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setState(ProductFilterProxy::State(ui->stateFilter->currentData().toInt())); });
    connect(ui->lowStockCheck, &QCheckBox::toggled, m_proxy, &ProductFilterProxy::setLowStockOnly);
    connect(ui->statusFilter, &QComboBox::currentIndexChanged, this, [this] {
        if (m_selectedId != 0)
            m_stock->setProduct(m_selectedId, statusOf(ui->statusFilter->currentData()));
        updateButtons();
    });
    connect(ui->revealCheck, &QCheckBox::toggled, m_stock, &StockItemModel::setRevealContents);
    connect(m_stock, &StockItemModel::loadFailed, this, [this](const QString &message) {
        Q_EMIT statusMessage(tr("Could not load the stock items: %1").arg(message));
    });
    connect(m_stock, &QAbstractItemModel::modelReset, this, &InventoryPanel::updateButtons);

    connect(ui->productsView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &InventoryPanel::onSelectionChanged);
    connect(ui->stockItemsView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &InventoryPanel::updateButtons);
    connect(ui->productsView, &QAbstractItemView::doubleClicked, this, [this] {
        if (m_session->can(Permission::EditProducts))
            editProduct();
    });
    connect(ui->addButton, &QPushButton::clicked, this, &InventoryPanel::addProduct);
    connect(ui->editButton, &QPushButton::clicked, this, &InventoryPanel::editProduct);
    connect(ui->deactivateButton, &QPushButton::clicked, this, &InventoryPanel::deactivateProduct);
    connect(ui->pasteStockButton, &QPushButton::clicked, this, &InventoryPanel::addStockToSelected);
    connect(ui->voidItemButton, &QPushButton::clicked, this, &InventoryPanel::voidItem);
    connect(m_session, &Session::changed, this, &InventoryPanel::updateButtons);

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

QSortFilterProxyModel *InventoryPanel::productProxy() const
{
    return m_proxy;
}

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
        fillCategoryFilter();
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

void InventoryPanel::fillCategoryFilter()
{
    const QString current = ui->categoryFilter->currentIndex() > 0 ? ui->categoryFilter->currentText() : QString();
    const QSignalBlocker blocker(ui->categoryFilter);
    while (ui->categoryFilter->count() > 1)
        ui->categoryFilter->removeItem(1);
    ui->categoryFilter->addItems(m_products->categories());
    const int index = current.isEmpty() ? 0 : ui->categoryFilter->findText(current);
    ui->categoryFilter->setCurrentIndex(qMax(index, 0));
    if (index < 0) // the category is gone: show every product again
        m_proxy->setCategory({});
}

void InventoryPanel::loadStockItems()
{
    const qint64 productId = m_selectedId;
    if (productId == 0) {
        m_stock->clear();
        m_countsText.clear();
        m_stockReload->finished();
        return;
    }
    const auto status = statusOf(ui->statusFilter->currentData());
    if (m_stock->productId() != productId || m_stock->statusFilter() != status)
        m_stock->setProduct(productId, status);
    else
        m_stock->refresh();
    onReady(m_engine->stockCounts(productId), this, [this, productId](common::Result<store::StockCounts> counts) {
        m_stockReload->finished();
        if (productId != m_selectedId)
            return; // the selection moved on; a reload for the new product is queued
        if (!counts) {
            Q_EMIT statusMessage(tr("Could not count the stock items: %1").arg(counts.error().message));
            return;
        }
        m_countsText = tr("%1 available, %2 reserved, %3 sold, %4 void")
                           .arg(counts->available)
                           .arg(counts->reserved)
                           .arg(counts->sold)
                           .arg(counts->voided);
        updateStockTitle();
    });
}

void InventoryPanel::onSelectionChanged()
{
    if (m_applying)
        return;
    const auto product = selectedProduct();
    const qint64 id = product ? product->id : 0;
    if (id != m_selectedId) {
        m_selectedId = id;
        m_countsText.clear();
        m_stock->clear();
        m_stockReload->reloadNow();
    }
    updateStockTitle();
    updateButtons();
}

void InventoryPanel::updateStockTitle()
{
    const auto product = selectedProduct();
    if (!product) {
        ui->stockTitleLabel->setText(tr("Select a product to see its stock items."));
        return;
    }
    ui->stockTitleLabel->setText(
        tr("%1 (%2): %3").arg(product->name, product->code, m_countsText.isEmpty() ? tr("counting…") : m_countsText));
}

bool InventoryPanel::selectProduct(qint64 productId)
{
    const int row = m_products->rowOfId(productId);
    if (row < 0)
        return false;
    QModelIndex index = m_proxy->mapFromSource(m_products->index(row, 0));
    if (!index.isValid()) {
        ui->searchEdit->clear();
        ui->categoryFilter->setCurrentIndex(0);
        ui->kindFilter->setCurrentIndex(0);
        ui->stateFilter->setCurrentIndex(0);
        ui->lowStockCheck->setChecked(false);
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
    const bool editProducts = m_session->can(Permission::EditProducts);
    const bool manageStock = m_session->can(Permission::ManageStock);
    const QString needsManager = editProducts ? QString() : tr("Only a manager or the shop owner can change products.");
    for (QPushButton *button : {ui->addButton, ui->editButton, ui->deactivateButton})
        button->setToolTip(needsManager);
    ui->addButton->setEnabled(editProducts);
    ui->editButton->setEnabled(editProducts && product.has_value());
    ui->deactivateButton->setEnabled(editProducts && product && product->active);
    ui->pasteStockButton->setEnabled(manageStock && product && product->kind != domain::ProductKind::Ppob);
    ui->revealCheck->setEnabled(manageStock);
    const QModelIndexList items = ui->stockItemsView->selectionModel()->selectedRows();
    ui->voidItemButton->setEnabled(manageStock && !items.isEmpty()
                                   && m_stock->item(items.first().row()).status == domain::StockStatus::Available);
}

void InventoryPanel::addProduct()
{
    if (!m_session->can(Permission::EditProducts))
        return;
    auto *dialog = new ProductDialog(m_engine, std::nullopt, m_session->actor(), m_products->products(), this);
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
    if (!product || !m_session->can(Permission::EditProducts))
        return;
    auto *dialog = new ProductDialog(m_engine, product, m_session->actor(), m_products->products(), this);
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
    if (!product || !product->active || !m_session->can(Permission::EditProducts))
        return;
    const auto answer = QMessageBox::question(
        this, tr("Deactivate product"),
        tr("Deactivate %1 (%2)? Customers can no longer buy it; its orders and stock items are kept.")
            .arg(product->name, product->code));
    if (answer != QMessageBox::Yes)
        return;
    const QString code = product->code;
    onReady(m_engine->deactivateProduct(code, m_session->actor()), this, [this, code](common::Result<void> result) {
        if (!result) {
            QMessageBox::warning(this, tr("Deactivate product"), result.error().message);
            return;
        }
        Q_EMIT statusMessage(tr("Product %1 deactivated.").arg(code));
        m_productsReload->schedule();
    });
}

StockPasteDialog *InventoryPanel::addStockToSelected()
{
    const auto product = selectedProduct();
    if (!product || !m_session->can(Permission::ManageStock))
        return nullptr;
    auto *dialog = new StockPasteDialog(m_engine, *product, m_session->actor(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &StockPasteDialog::stockAdded, this, [this](const QString &summary) {
        Q_EMIT statusMessage(summary);
        m_productsReload->schedule();
        m_stockReload->schedule();
    });
    dialog->open();
    return dialog;
}

void InventoryPanel::voidItem()
{
    const qint64 itemId = selectedStockItemId();
    if (itemId == 0 || !m_session->can(Permission::ManageStock))
        return;
    const auto answer = QMessageBox::question(
        this, tr("Void stock item"),
        tr("Void stock item #%1? It will never be sold; this cannot be undone.").arg(itemId));
    if (answer != QMessageBox::Yes)
        return;
    onReady(m_engine->voidStockItem(itemId, m_session->actor()), this, [this, itemId](common::Result<int> result) {
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
