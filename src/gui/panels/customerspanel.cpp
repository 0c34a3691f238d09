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
#include "gui/session.h"
#include "gui/tableview.h"

#include "ui_customerspanel.h"

#include <QHeaderView>
#include <QMessageBox>
#include <QSortFilterProxyModel>

namespace kedai::gui {

namespace {

using domain::Permission;

QString shownName(const domain::Customer &c)
{
    return c.name.isEmpty() ? c.phone : QStringLiteral("%1 (%2)").arg(c.name, c.phone);
}

} // namespace

CustomersPanel::CustomersPanel(engine::Engine *engine, Session *session, QWidget *parent)
    : QWidget(parent)
    , ui(std::make_unique<Ui::CustomersPanel>())
    , m_engine(engine)
    , m_session(session)
    , m_customers(new CustomerTableModel(engine, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_ledger(new LedgerTableModel(this))
    , m_customersReload(new ReloadScheduler([this] { m_customers->refresh(); }, this))
    , m_ledgerReload(new ReloadScheduler([this] { loadLedger(); }, this))
    , m_mergeButton(new QPushButton(tr("&Merge…"), this))
{
    ui->setupUi(this);
    m_mergeButton->setObjectName(QStringLiteral("mergeButton"));
    m_mergeButton->setToolTip(tr("Merge this customer with another one who is the same person."));
    ui->toolbarLayout->addWidget(m_mergeButton);
    for (auto tier : {domain::Tier::Bronze, domain::Tier::Silver, domain::Tier::Gold})
        ui->tierCombo->addItem(Labels::tier(tier), int(tier));

    // The store searches and orders (newest first); sorting only the loaded page would mislead.
    m_proxy->setSourceModel(m_customers);
    ui->customersView->setModel(m_proxy);
    ui->customersView->setSortingEnabled(false);
    ui->ledgerView->setModel(m_ledger);
    setUpTableView(ui->customersView, CustomerTableModel::NameColumn);
    setUpTableView(ui->ledgerView, LedgerTableModel::NoteColumn);

    // A query per keystroke would be wasted: the search runs when typing pauses.
    m_searchTimer.setSingleShot(true);
    m_searchTimer.setInterval(2 * kReloadDelayMs);
    connect(ui->searchEdit, &QLineEdit::textChanged, &m_searchTimer, qOverload<>(&QTimer::start));
    connect(&m_searchTimer, &QTimer::timeout, this, [this] { m_customers->setTerm(ui->searchEdit->text()); });
    connect(m_customers, &CustomerTableModel::pageLoaded, this, &CustomersPanel::onLoaded);
    connect(m_customers, &CustomerTableModel::loadFailed, this, [this](const QString &message) {
        m_customersReload->finished();
        Q_EMIT statusMessage(tr("Could not load the customers: %1").arg(message));
    });
    connect(m_customers, &QAbstractItemModel::modelAboutToBeReset, this, [this] { m_applying = true; });
    connect(m_customers, &QAbstractItemModel::modelReset, this, [this] {
        m_applying = false;
        // A reset clears the selection: keep the selected customer across it.
        const int row = m_selectedId == 0 ? -1 : m_customers->rowOfId(m_selectedId);
        if (row >= 0)
            ui->customersView->selectRow(m_proxy->mapFromSource(m_customers->index(row, 0)).row());
        onSelectionChanged();
    });
    connect(ui->customersView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CustomersPanel::onSelectionChanged);
    connect(ui->customersView, &QAbstractItemView::doubleClicked, this, [this] {
        if (m_session->can(Permission::AdjustSaldo))
            adjustSaldo();
    });
    connect(ui->saldoButton, &QPushButton::clicked, this, &CustomersPanel::adjustSaldo);
    connect(ui->setTierButton, &QPushButton::clicked, this, &CustomersPanel::setTier);
    connect(ui->blockButton, &QPushButton::clicked, this, &CustomersPanel::toggleBlocked);
    connect(m_mergeButton, &QPushButton::clicked, this, &CustomersPanel::mergeSelected);
    connect(m_session, &Session::changed, this, &CustomersPanel::updateButtons);

    connect(m_engine, &engine::Engine::customerChanged, m_customersReload, &ReloadScheduler::schedule);
    connect(m_engine, &engine::Engine::orderChanged, m_customersReload, &ReloadScheduler::schedule);

    updateButtons();
    m_customers->setTerm({});
}

CustomersPanel::~CustomersPanel() = default;

void CustomersPanel::reload()
{
    m_customersReload->reloadNow();
}

void CustomersPanel::onLoaded()
{
    m_customersReload->finished();
    m_loaded = true;
    onSelectionChanged();
    // The selected customer's saldo may have moved: refresh the history with it.
    if (m_selectedId != 0)
        m_ledgerReload->schedule();
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
        ui->ledgerTitleLabel->setText(tr("%1: saldo %2%3")
                                          .arg(customer->name.isEmpty() ? customer->phone : customer->name,
                                               common::formatRupiah(customer->saldo),
                                               customer->blocked ? tr(" (blocked)") : QString()));
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
    const QModelIndex index = m_proxy->mapFromSource(m_customers->index(row, 0));
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
    const auto customer = selectedCustomer();
    const bool selected = customer.has_value();
    const bool saldo = m_session->can(Permission::AdjustSaldo);
    const bool manage = m_session->can(Permission::ManageCustomers);
    ui->saldoButton->setEnabled(selected && saldo);
    ui->saldoButton->setToolTip(saldo ? QString() : tr("Only a manager or the shop owner can change saldo."));
    ui->tierCombo->setEnabled(selected && manage);
    ui->setTierButton->setEnabled(selected && manage);
    ui->blockButton->setEnabled(selected && manage);
    ui->blockButton->setText(customer && customer->blocked ? tr("Un&block…") : tr("&Block…"));
    m_mergeButton->setEnabled(selected && manage);
    const QString needsManager = manage ? QString() : tr("Only a manager or the shop owner can do this.");
    for (QWidget *w : {static_cast<QWidget *>(ui->setTierButton), static_cast<QWidget *>(ui->blockButton),
                       static_cast<QWidget *>(m_mergeButton)})
        w->setToolTip(needsManager);
}

void CustomersPanel::adjustSaldo()
{
    const auto customer = selectedCustomer();
    if (!customer || !m_session->can(Permission::AdjustSaldo))
        return;
    auto *dialog = new SaldoDialog(m_engine, *customer, m_session->actor(), this);
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
    if (!customer || !m_session->can(Permission::ManageCustomers))
        return nullptr;
    auto *dialog = new MergeCustomersDialog(m_engine, *customer, m_session->actor(), this);
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
    if (!customer || !m_session->can(Permission::ManageCustomers))
        return;
    const auto tier = domain::Tier(ui->tierCombo->currentData().toInt());
    if (tier == customer->tier)
        return;
    onReady(m_engine->setTier(customer->id, tier, m_session->actor()), this,
            [this](common::Result<domain::Customer> result) {
                if (!result) {
                    QMessageBox::warning(this, tr("Set tier"), result.error().message);
                    return;
                }
                Q_EMIT statusMessage(tr("%1 is now %2.").arg(result.value().phone, Labels::tier(result.value().tier)));
                m_customersReload->schedule();
            });
}

void CustomersPanel::toggleBlocked()
{
    const auto customer = selectedCustomer();
    if (!customer || !m_session->can(Permission::ManageCustomers))
        return;
    const bool block = !customer->blocked;
    const QString title = block ? tr("Block customer") : tr("Unblock customer");
    const QString question =
        block ? tr("Block %1? They can no longer buy. The bot answers their next message once, politely, and "
                   "then stays silent; their messages still appear in Conversations.")
                    .arg(shownName(*customer))
              : tr("Unblock %1? They can buy again and the bot answers them as usual.").arg(shownName(*customer));
    if (QMessageBox::question(this, title, question) != QMessageBox::Yes)
        return;
    onReady(m_engine->setBlocked(customer->id, block, m_session->actor()), this,
            [this, title](common::Result<domain::Customer> result) {
                if (!result) {
                    QMessageBox::warning(this, title, result.error().message);
                    return;
                }
                const domain::Customer &c = result.value();
                Q_EMIT statusMessage(c.blocked ? tr("%1 is blocked.").arg(shownName(c))
                                               : tr("%1 is unblocked.").arg(shownName(c)));
                m_customersReload->schedule();
            });
}

} // namespace kedai::gui
