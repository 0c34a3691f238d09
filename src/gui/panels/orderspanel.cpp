#include "gui/panels/orderspanel.h"

#include "engine/engine.h"
#include "gui/async.h"
#include "gui/labels.h"
#include "gui/models/ordertablemodel.h"
#include "gui/reloadscheduler.h"
#include "gui/tableview.h"

#include "ui_orderspanel.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>

namespace kedai::gui {

OrdersPanel::OrdersPanel(engine::Engine *engine, QWidget *parent)
    : QWidget(parent)
    , ui(std::make_unique<Ui::OrdersPanel>())
    , m_engine(engine)
    , m_orders(new OrderTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_reload(new ReloadScheduler([this] { loadOrders(); }, this))
{
    ui->setupUi(this);
    ui->statusFilterCombo->addItem(tr("All statuses"), -1);
    for (auto status : {domain::OrderStatus::Pending, domain::OrderStatus::Paid, domain::OrderStatus::Delivered,
                        domain::OrderStatus::Expired, domain::OrderStatus::Cancelled, domain::OrderStatus::Refunded})
        ui->statusFilterCombo->addItem(Labels::orderStatus(status), int(status));

    m_proxy->setSourceModel(m_orders);
    m_proxy->setSortRole(OrderTableModel::SortRole);
    ui->ordersView->setModel(m_proxy);
    // The engine lists newest first; the header can re-sort, and clearing the sort returns to it.
    ui->ordersView->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    ui->ordersView->horizontalHeader()->setSortIndicatorClearable(true);
    ui->ordersView->setSortingEnabled(true);
    setUpTableView(ui->ordersView, OrderTableModel::ProductColumn);

    connect(ui->statusFilterCombo, &QComboBox::currentIndexChanged, m_reload, &ReloadScheduler::reloadNow);
    connect(m_engine, &engine::Engine::orderChanged, m_reload, &ReloadScheduler::schedule);
    m_reload->reloadNow();
}

OrdersPanel::~OrdersPanel() = default;

void OrdersPanel::reload()
{
    m_reload->reloadNow();
}

void OrdersPanel::loadOrders()
{
    store::OrderFilter filter;
    const int status = ui->statusFilterCombo->currentData().toInt();
    if (status >= 0)
        filter.status = domain::OrderStatus(status);
    onReady(m_engine->orders(filter), this, [this, status](common::Result<QList<domain::Order>> result) {
        m_reload->finished();
        if (status != ui->statusFilterCombo->currentData().toInt())
            return; // the filter changed meanwhile; its reload is queued
        if (!result) {
            Q_EMIT statusMessage(tr("Could not load the orders: %1").arg(result.error().message));
            return;
        }
        const QString selectedRef = [this] {
            const QModelIndexList rows = ui->ordersView->selectionModel()->selectedRows();
            return rows.isEmpty() ? QString() : rows.first().data(OrderTableModel::RefRole).toString();
        }();
        m_orders->setOrders(std::move(result).value());
        m_loaded = true;
        ui->countLabel->setText(tr("Showing the latest %n order(s)", nullptr, m_orders->rowCount()));
        for (int row = 0; !selectedRef.isEmpty() && row < m_proxy->rowCount(); ++row) {
            if (m_proxy->index(row, 0).data(OrderTableModel::RefRole).toString() == selectedRef)
                ui->ordersView->selectRow(row);
        }
    });
}

} // namespace kedai::gui
