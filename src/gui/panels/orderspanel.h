#pragma once

#include "common/result.h"
#include "store/orderrepository.h"

#include <QFuture>
#include <QPointer>
#include <QSet>
#include <QWidget>

#include <memory>

class QLineEdit;
class QProgressDialog;
class QTimer;

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

class Session;

namespace Ui {
class OrdersPanel;
}
class OrderDetailDialog;
class OrderTableModel;
class RefundDialog;
class ReloadScheduler;

/// Every order, newest first, loaded page by page while scrolling (100,000 orders open at
/// once), filtered by customer text, status, product, payment method and local dates. New and
/// changed orders appear live without moving the rows being looked at. Enter opens the detail
/// (items masked until revealed), Ctrl+F goes to the search, Ctrl+E exports the filter as CSV.
class OrdersPanel : public QWidget
{
    Q_OBJECT
public:
    OrdersPanel(engine::Engine *engine, Session *session, QWidget *parent = nullptr);
    ~OrdersPanel() override;

    OrderTableModel *orderModel() const { return m_orders; }
    /// True once the first page of the current filter has arrived.
    bool hasLoaded() const;

    /// Starts the list over (F5).
    void reload();
    /// The filter the widgets describe.
    store::OrderFilter currentFilter() const;
    /// Applies the widgets' filter now (the text and date fields otherwise wait a moment).
    void applyFilter();
    QLineEdit *searchEdit() const;

    bool selectRef(const QString &ref);
    /// The detail of the selected order (what Enter and Details do); nullptr when none.
    OrderDetailDialog *openSelected();
    OrderDetailDialog *openDetail(const QString &ref);
    RefundDialog *refundSelected();
    void resendSelected();

    /// Asks for a file (Ctrl+E) and exports the current filter to it.
    void exportWithDialog();
    /// Exports every order matching the current filter to `path`, with a progress dialog that
    /// can cancel. exportFinished() follows.
    QFuture<common::Result<qint64>> exportCsv(const QString &path);

Q_SIGNALS:
    void statusMessage(const QString &text);
    /// ok: the file is complete (`rows` orders); otherwise cancelled or failed (see statusMessage).
    void exportFinished(bool ok, qint64 rows);

private:
    void loadProducts();
    void updateCountLabel();
    void updateButtons();
    void updatePermissions();
    int selectedRow() const;
    void keepTopRowOnInsert(int first, int last);

    std::unique_ptr<Ui::OrdersPanel> ui;
    engine::Engine *m_engine;
    Session *m_session;
    OrderTableModel *m_orders;
    ReloadScheduler *m_live;        ///< coalesces orderChanged into one refresh
    ReloadScheduler *m_productLoad; ///< the product filter's list
    QTimer *m_filterDelay;          ///< typing in the search or date fields
    QSet<qint64> m_changed;         ///< orders changed since the last refresh
    int m_topRowBeforeInsert = -1;
    QPointer<QProgressDialog> m_progress;
};

} // namespace kedai::gui
