#include "gui/panels/customerspanel.h"

#include "common/money.h"
#include "engine/engine.h"
#include "gui/async.h"
#include "gui/constants.h"
#include "gui/dialogs/mergecustomersdialog.h"
#include "gui/dialogs/saldodialog.h"
#include "gui/labels.h"
#include "gui/models/customertablemodel.h"
#include "gui/models/ledgertablemodel.h"
#include "gui/reloadscheduler.h"
#include "gui/tableview.h"

#include "ui_customerspanel.h"

#include <QHeaderView>
#include <QMessageBox>
#include <QSortFilterProxyModel>

namespace kedai::gui {

CustomersPanel::CustomersPanel(engine::Engine *engine, QWidget *parent)
    : QWidget(parent)
    , ui(std::make_unique<Ui::CustomersPanel>())
    , m_engine(engine)
    , m_customers(new CustomerTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_ledger(new LedgerTableModel(this))
    , m_customersReload(new ReloadScheduler([this] { loadCustomers(); }, this))
    , m_ledgerReload(new ReloadScheduler([this] { loadLedger(); }, this))
    , m_mergeButton(new QPushButton(tr("&Merge…"), this))
{
    ui->setupUi(this);
    m_mergeButton->setObjectName(QStringLiteral("mergeButton"));
    m_mergeButton->setToolTip(tr("Merge this customer with another one who is the same person."));
    ui->toolbarLayout->addWidget(m_mergeButton);
    for (auto tier : {domain::Tier::Bronze, domain::Tier::Silver, domain::Tier::Gold})
        ui->tierCombo->addItem(Labels::tier(tier), int(tier));

    m_proxy->setSourceModel(m_customers);
    m_proxy->setSortRole(CustomerTableModel::SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    ui->customersView->setModel(m_proxy);
    ui->customersView->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    ui->customersView->horizontalHeader()->setSortIndicatorClearable(true);
    ui->customersView->setSortingEnabled(true);
    ui->ledgerView->setModel(m_ledger);
    setUpTableView(ui->customersView, CustomerTableModel::NameColumn);
    setUpTableView(ui->ledgerView, LedgerTableModel::NoteColumn);

    connect(ui->searchEdit, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(ui->customersView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CustomersPanel::onSelectionChanged);
    connect(ui->customersView, &QAbstractItemView::doubleClicked, this, &CustomersPanel::adjustSaldo);
    connect(ui->saldoButton, &QPushButton::clicked, this, &CustomersPanel::adjustSaldo);
    connect(ui->setTierButton, &QPushButton::clicked, this, &CustomersPanel::setTier);
    connect(m_mergeButton, &QPushButton::clicked, this, &CustomersPanel::mergeSelected);

    connect(m_engine, &engine::Engine::customerChanged, m_customersReload, &ReloadScheduler::schedule);
    connect(m_engine, &engine::Engine::orderChanged, m_customersReload, &ReloadScheduler::schedule);

    updateButtons();
    m_customersReload->reloadNow();
}

CustomersPanel::~CustomersPanel() = default;

void CustomersPanel::reload()
{
    m_customersReload->reloadNow();
}

void CustomersPanel::loadCustomers()
{
    onReady(m_engine->customers(), this, [this](common::Result<QList<domain::Customer>> result) {
        m_customersReload->finished();
        if (!result) {
            Q_EMIT statusMessage(tr("Could not load the customers: %1").arg(result.error().message));
            return;
        }
        const qint64 keep = m_selectedId;
        m_applying = true;
        m_customers->setCustomers(std::move(result).value());
        if (keep != 0 && !ui->customersView->selectionModel()->hasSelection()) {
            const int row = m_customers->rowOfId(keep);
            const QModelIndex index = row < 0 ? QModelIndex() : m_proxy->mapFromSource(m_customers->index(row, 0));
            if (index.isValid())
                ui->customersView->selectRow(index.row());
        }
        m_applying = false;
        m_loaded = true;
        onSelectionChanged();
        // The selected customer's saldo may have moved: refresh the history with it.
        if (m_selectedId != 0)
            m_ledgerReload->schedule();
    });
}

void CustomersPanel::loadLedger()
{
    const qint64 customerId = m_selectedId;
    if (customerId == 0) {
        m_ledger->clear();
        m_ledgerReload->finished();
        return;
    }
    onReady(m_engine->ledger(customerId), this, [this, customerId](common::Result<QList<domain::LedgerEntry>> result) {
        m_ledgerReload->finished();
        if (customerId != m_selectedId)
            return;
        if (!result) {
            Q_EMIT statusMessage(tr("Could not load the saldo history: %1").arg(result.error().message));
            return;
        }
        m_ledger->setEntries(customerId, std::move(result).value());
    });
}

void CustomersPanel::onSelectionChanged()
{
    if (m_applying)
        return;
    const auto customer = selectedCustomer();
    const qint64 id = customer ? customer->id : 0;
    if (customer) {
        ui->ledgerTitleLabel->setText(tr("%1: saldo %2")
                                          .arg(customer->name.isEmpty() ? customer->phone : customer->name,
                                               common::formatRupiah(customer->saldo)));
    } else {
        ui->ledgerTitleLabel->setText(tr("Select a customer to see the saldo history."));
    }
    if (id != m_selectedId) {
        m_selectedId = id;
        if (customer)
            ui->tierCombo->setCurrentIndex(ui->tierCombo->findData(int(customer->tier)));
        m_ledger->clear();
        m_ledgerReload->reloadNow();
    }
    updateButtons();
}

bool CustomersPanel::selectCustomer(qint64 customerId)
{
    const int row = m_customers->rowOfId(customerId);
    if (row < 0)
        return false;
    QModelIndex index = m_proxy->mapFromSource(m_customers->index(row, 0));
    if (!index.isValid()) {
        ui->searchEdit->clear();
        index = m_proxy->mapFromSource(m_customers->index(row, 0));
    }
    ui->customersView->selectRow(index.row());
    ui->customersView->scrollTo(index);
    return true;
}

std::optional<domain::Customer> CustomersPanel::selectedCustomer() const
{
    const QModelIndexList rows = ui->customersView->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    const QModelIndex source = m_proxy->mapToSource(rows.first());
    if (!source.isValid())
        return std::nullopt;
    return m_customers->customer(source.row());
}

void CustomersPanel::updateButtons()
{
    const bool selected = m_selectedId != 0;
    ui->saldoButton->setEnabled(selected);
    ui->tierCombo->setEnabled(selected);
    ui->setTierButton->setEnabled(selected);
    m_mergeButton->setEnabled(selected);
}

void CustomersPanel::adjustSaldo()
{
    const auto customer = selectedCustomer();
    if (!customer)
        return;
    auto *dialog = new SaldoDialog(m_engine, *customer, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString phone = customer->phone;
    connect(dialog, &SaldoDialog::adjusted, this, [this, phone](const domain::LedgerEntry &entry) {
        Q_EMIT statusMessage(tr("Saldo of %1 is now %2.").arg(phone, common::formatRupiah(entry.balanceAfter)));
        m_customersReload->schedule();
    });
    dialog->open();
}

MergeCustomersDialog *CustomersPanel::mergeSelected()
{
    const auto customer = selectedCustomer();
    if (!customer)
        return nullptr;
    auto *dialog = new MergeCustomersDialog(m_engine, *customer, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &MergeCustomersDialog::merged, this, [this](const store::CustomerMergeResult &result) {
        const domain::Customer &into = result.into;
        Q_EMIT statusMessage(tr("Customers merged: %1 now has saldo %2.")
                                 .arg(into.name.isEmpty() ? into.phone : into.name, common::formatRupiah(into.saldo)));
        m_customersReload->schedule();
        selectCustomer(into.id);
    });
    dialog->open();
    return dialog;
}

void CustomersPanel::setTier()
{
    const auto customer = selectedCustomer();
    if (!customer)
        return;
    const auto tier = domain::Tier(ui->tierCombo->currentData().toInt());
    if (tier == customer->tier)
        return;
    onReady(m_engine->setTier(customer->id, tier, desktopActor()), this,
            [this](common::Result<domain::Customer> result) {
                if (!result) {
                    QMessageBox::warning(this, tr("Set tier"), result.error().message);
                    return;
                }
                Q_EMIT statusMessage(tr("%1 is now %2.").arg(result.value().phone, Labels::tier(result.value().tier)));
                m_customersReload->schedule();
            });
}

} // namespace kedai::gui
