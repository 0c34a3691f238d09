#pragma once

#include "domain/customer.h"

#include <QTimer>
#include <QWidget>

#include <memory>
#include <optional>

class QPushButton;
class QSortFilterProxyModel;

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

class Session;

namespace Ui {
class CustomersPanel;
}
class CustomerTableModel;
class LedgerTableModel;
class MergeCustomersDialog;
class ReloadScheduler;

/// Customers (searched in the store, a page at a time), their saldo and tier, blocking, and
/// the saldo history of the selected one. Reloads on the engine's customerChanged (and
/// orderChanged: purchases and refunds move saldo). Saldo needs AdjustSaldo; tier, block and
/// merge need ManageCustomers: disabled otherwise, and the Engine checks it again.
class CustomersPanel : public QWidget
{
    Q_OBJECT
public:
    CustomersPanel(engine::Engine *engine, Session *session, QWidget *parent = nullptr);
    ~CustomersPanel() override;

    CustomerTableModel *customerModel() const { return m_customers; }
    LedgerTableModel *ledgerModel() const { return m_ledger; }
    bool hasLoaded() const { return m_loaded; }
    /// Selects the customer among the loaded rows. False when not listed.
    bool selectCustomer(qint64 customerId);
    std::optional<domain::Customer> selectedCustomer() const;
    /// Opens the merge dialog for the selected customer (nullptr when none is selected).
    MergeCustomersDialog *mergeSelected();

    void reload();

Q_SIGNALS:
    void statusMessage(const QString &text);

private:
    void loadLedger();
    void onLoaded();
    void onSelectionChanged();
    void updateButtons();
    void adjustSaldo();
    void setTier();
    void toggleBlocked();

    std::unique_ptr<Ui::CustomersPanel> ui;
    engine::Engine *m_engine;
    Session *m_session;
    CustomerTableModel *m_customers;
    QSortFilterProxyModel *m_proxy;
    LedgerTableModel *m_ledger;
    ReloadScheduler *m_customersReload;
    ReloadScheduler *m_ledgerReload;
    QPushButton *m_mergeButton;
    QTimer m_searchTimer;
    qint64 m_selectedId = 0;
    bool m_applying = false;
    bool m_loaded = false;
};

} // namespace kedai::gui
