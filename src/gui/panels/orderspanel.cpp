#include "gui/panels/orderspanel.h"

#include "common/money.h"
#include "engine/engine.h"
#include "gui/async.h"
#include "gui/dialogs/orderdetaildialog.h"
#include "gui/dialogs/refunddialog.h"
#include "gui/labels.h"
#include "gui/models/ordertablemodel.h"
#include "gui/reloadscheduler.h"
#include "gui/session.h"
#include "gui/tableview.h"

#include "ui_orderspanel.h"

#include <QDir>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLocale>
#include <QProgressDialog>
#include <QScrollBar>
#include <QShortcut>
#include <QStandardPaths>
#include <QTimer>

#include <limits>
#include <utility>

namespace kedai::gui {

namespace {

constexpr int kFilterDelayMs = 300;
/// The date fields show "Any" at this date: no bound.
const QDate kNoDate(2000, 1, 1);

} // namespace

OrdersPanel::OrdersPanel(engine::Engine *engine, Session *session, QWidget *parent)
    : QWidget(parent)
    , ui(std::make_unique<Ui::OrdersPanel>())
    , m_engine(engine)
    , m_session(session)
    , m_orders(new OrderTableModel(engine, this))
    , m_live(new ReloadScheduler([this] { m_orders->refresh(std::exchange(m_changed, {})); }, this))
    , m_productLoad(new ReloadScheduler([this] { loadProducts(); }, this))
    , m_filterDelay(new QTimer(this))
{
    ui->setupUi(this);
    ui->statusFilterCombo->addItem(tr("All statuses"), -1);
    for (auto status : {domain::OrderStatus::Pending, domain::OrderStatus::Paid, domain::OrderStatus::Delivered,
                        domain::OrderStatus::Expired, domain::OrderStatus::Cancelled, domain::OrderStatus::Refunded})
        ui->statusFilterCombo->addItem(Labels::orderStatus(status), int(status));
    ui->methodFilterCombo->addItem(tr("All payments"), -1);
    for (auto method : {domain::PaymentMethod::Saldo, domain::PaymentMethod::Qris, domain::PaymentMethod::Midtrans,
                        domain::PaymentMethod::Ppob})
        ui->methodFilterCombo->addItem(Labels::paymentMethod(method), int(method));
    ui->productFilterCombo->addItem(tr("All products"), qint64(0));
    for (QDateEdit *edit : {ui->fromDateEdit, ui->toDateEdit}) {
        edit->setMinimumDate(kNoDate);
        edit->setSpecialValueText(tr("Any"));
        edit->setDisplayFormat(QStringLiteral("dd/MM/yyyy"));
        edit->setDate(kNoDate);
    }

    ui->ordersView->setModel(m_orders);
    // Newest first only: the list is loaded page by page in that order (see OrderTableModel).
    ui->ordersView->setSortingEnabled(false);
    ui->ordersView->horizontalHeader()->setSortIndicatorShown(false);
    setUpTableView(ui->ordersView, OrderTableModel::ProductColumn);

    m_filterDelay->setSingleShot(true);
    m_filterDelay->setInterval(kFilterDelayMs);
    connect(m_filterDelay, &QTimer::timeout, this, &OrdersPanel::applyFilter);
    connect(ui->customerSearchEdit, &QLineEdit::textChanged, m_filterDelay, qOverload<>(&QTimer::start));
    connect(ui->fromDateEdit, &QDateEdit::dateChanged, m_filterDelay, qOverload<>(&QTimer::start));
    connect(ui->toDateEdit, &QDateEdit::dateChanged, m_filterDelay, qOverload<>(&QTimer::start));
    for (QComboBox *combo : {ui->statusFilterCombo, ui->methodFilterCombo, ui->productFilterCombo})
        connect(combo, &QComboBox::currentIndexChanged, this, &OrdersPanel::applyFilter);
    connect(ui->clearFiltersButton, &QPushButton::clicked, this, [this] {
        const QSignalBlocker blockers[] = {QSignalBlocker(ui->customerSearchEdit),
                                           QSignalBlocker(ui->fromDateEdit),
                                           QSignalBlocker(ui->toDateEdit),
                                           QSignalBlocker(ui->statusFilterCombo),
                                           QSignalBlocker(ui->methodFilterCombo),
                                           QSignalBlocker(ui->productFilterCombo)};
        ui->customerSearchEdit->clear();
        ui->fromDateEdit->setDate(kNoDate);
        ui->toDateEdit->setDate(kNoDate);
        ui->statusFilterCombo->setCurrentIndex(0);
        ui->methodFilterCombo->setCurrentIndex(0);
        ui->productFilterCombo->setCurrentIndex(0);
        applyFilter();
    });

    connect(ui->ordersView, &QAbstractItemView::activated, this, [this] { openSelected(); });
    connect(ui->detailsButton, &QPushButton::clicked, this, [this] { openSelected(); });
    connect(ui->refundButton, &QPushButton::clicked, this, [this] { refundSelected(); });
    connect(ui->resendButton, &QPushButton::clicked, this, &OrdersPanel::resendSelected);
    connect(ui->exportButton, &QPushButton::clicked, this, &OrdersPanel::exportWithDialog);
    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, [this] {
        ui->customerSearchEdit->setFocus(Qt::ShortcutFocusReason);
        ui->customerSearchEdit->selectAll();
    });
    auto *exportKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_E), this);
    connect(exportKey, &QShortcut::activated, this, &OrdersPanel::exportWithDialog);

    connect(m_orders, &OrderTableModel::countsChanged, this, &OrdersPanel::updateCountLabel);
    connect(m_orders, &OrderTableModel::loaded, this, &OrdersPanel::updateButtons);
    connect(m_orders, &OrderTableModel::loadFailed, this,
            [this](const QString &message) { Q_EMIT statusMessage(tr("Could not load the orders: %1").arg(message)); });
    connect(m_orders, &OrderTableModel::refreshed, m_live, &ReloadScheduler::finished);
    connect(m_orders, &OrderTableModel::rowsAboutToBeInserted, this,
            [this](const QModelIndex &, int first, int last) { keepTopRowOnInsert(first, last); });
    connect(m_orders, &OrderTableModel::rowsInserted, this, [this](const QModelIndex &, int first, int last) {
        if (first != 0 || m_topRowBeforeInsert <= 0)
            return;
        // New orders arrived above rows someone is looking at: keep those rows where they were.
        const int row = m_topRowBeforeInsert + (last - first + 1);
        m_topRowBeforeInsert = -1;
        ui->ordersView->scrollTo(m_orders->index(row, 0), QAbstractItemView::PositionAtTop);
    });
    connect(ui->ordersView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &OrdersPanel::updateButtons);
    connect(m_orders, &QAbstractItemModel::dataChanged, this, &OrdersPanel::updateButtons);

    connect(m_engine, &engine::Engine::orderChanged, this, [this](qint64 id) {
        m_changed.insert(id);
        m_live->schedule();
    });
    connect(m_engine, &engine::Engine::catalogChanged, m_productLoad, &ReloadScheduler::schedule);
    connect(m_session, &Session::changed, this, &OrdersPanel::updatePermissions);

    updatePermissions();
    m_productLoad->reloadNow();
    applyFilter();
}

OrdersPanel::~OrdersPanel() = default;

bool OrdersPanel::hasLoaded() const
{
    return m_orders->hasLoaded();
}

void OrdersPanel::reload()
{
    m_orders->reload();
    m_productLoad->schedule();
}

QLineEdit *OrdersPanel::searchEdit() const
{
    return ui->customerSearchEdit;
}

store::OrderFilter OrdersPanel::currentFilter() const
{
    store::OrderFilter f;
    if (const int status = ui->statusFilterCombo->currentData().toInt(); status >= 0)
        f.status = domain::OrderStatus(status);
    if (const int method = ui->methodFilterCombo->currentData().toInt(); method >= 0)
        f.method = domain::PaymentMethod(method);
    f.productId = ui->productFilterCombo->currentData().toLongLong();
    f.customerText = ui->customerSearchEdit->text().trimmed();
    const QDate from = ui->fromDateEdit->date();
    const QDate to = ui->toDateEdit->date();
    f.setLocalDays(from == kNoDate ? QDate() : from, to == kNoDate ? QDate() : to);
    return f;
}

void OrdersPanel::applyFilter()
{
    m_filterDelay->stop();
    m_changed.clear(); // the new first page has them as they are now
    m_orders->setFilter(currentFilter());
    updateCountLabel();
    updateButtons();
}

void OrdersPanel::loadProducts()
{
    onReady(m_engine->products(true), this, [this](common::Result<QList<domain::Product>> result) {
        m_productLoad->finished();
        if (!result)
            return;
        const qint64 current = ui->productFilterCombo->currentData().toLongLong();
        const QSignalBlocker blocker(ui->productFilterCombo);
        ui->productFilterCombo->clear();
        ui->productFilterCombo->addItem(tr("All products"), qint64(0));
        for (const domain::Product &p : result.value())
            ui->productFilterCombo->addItem(tr("%1 (%2)").arg(p.name, p.code), p.id);
        const int index = ui->productFilterCombo->findData(current);
        ui->productFilterCombo->setCurrentIndex(index < 0 ? 0 : index);
        if (index < 0 && current != 0)
            applyFilter(); // the chosen product is gone
    });
}

void OrdersPanel::updateCountLabel()
{
    const QLocale locale;
    const int shown = m_orders->rowCount();
    const qint64 total = m_orders->totalCount();
    QString text;
    if (!m_orders->hasLoaded() || total < 0)
        text = tr("Loading orders…");
    else if (total == 0)
        text = tr("No orders match");
    else if (shown >= total)
        text = tr("%n order(s)", nullptr, int(qMin<qint64>(total, std::numeric_limits<int>::max())));
    else
        text = tr("1–%1 of %2 orders (scroll for more)").arg(locale.toString(shown), locale.toString(total));
    ui->countLabel->setText(text);
}

int OrdersPanel::selectedRow() const
{
    const QModelIndexList rows = ui->ordersView->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void OrdersPanel::updatePermissions()
{
    // Hidden for roles that may not; the engine refuses them anyway.
    ui->refundButton->setVisible(m_session->can(domain::Permission::Refund));
    ui->resendButton->setVisible(m_session->can(domain::Permission::ResendDelivery));
    updateButtons();
}

void OrdersPanel::updateButtons()
{
    const int row = selectedRow();
    const bool selected = row >= 0;
    const domain::OrderStatus status = selected ? m_orders->order(row).status : domain::OrderStatus::Pending;
    ui->detailsButton->setEnabled(selected);
    ui->refundButton->setEnabled(selected && m_session->can(domain::Permission::Refund)
                                 && domain::canTransition(status, domain::OrderStatus::Refunded));
    ui->resendButton->setEnabled(selected && m_session->can(domain::Permission::ResendDelivery)
                                 && status == domain::OrderStatus::Delivered);
}

void OrdersPanel::keepTopRowOnInsert(int first, int last)
{
    Q_UNUSED(last);
    if (first != 0 || m_orders->rowCount() == 0) {
        m_topRowBeforeInsert = -1;
        return;
    }
    // At the very top the new orders simply show; further down the view keeps its rows.
    m_topRowBeforeInsert = ui->ordersView->verticalScrollBar()->value() == 0 ? 0 : ui->ordersView->rowAt(0);
}

bool OrdersPanel::selectRef(const QString &ref)
{
    const int row = m_orders->rowOfRef(ref);
    if (row < 0)
        return false;
    ui->ordersView->selectRow(row);
    ui->ordersView->scrollTo(m_orders->index(row, 0));
    return true;
}

OrderDetailDialog *OrdersPanel::openSelected()
{
    const int row = selectedRow();
    return row < 0 ? nullptr : openDetail(m_orders->order(row).ref);
}

OrderDetailDialog *OrdersPanel::openDetail(const QString &ref)
{
    auto *dialog = new OrderDetailDialog(m_engine, m_session, ref, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &OrderDetailDialog::statusMessage, this, &OrdersPanel::statusMessage);
    dialog->show();
    return dialog;
}

RefundDialog *OrdersPanel::refundSelected()
{
    const int row = selectedRow();
    if (row < 0 || !m_session->can(domain::Permission::Refund))
        return nullptr;
    const domain::Order order = m_orders->order(row);
    if (!domain::canTransition(order.status, domain::OrderStatus::Refunded))
        return nullptr;
    auto *dialog = new RefundDialog(m_engine, order, m_session->actor(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RefundDialog::refunded, this, [this](const store::RefundOutcome &r) {
        Q_EMIT statusMessage(
            tr("%1 refunded: %2 added to the customer's saldo (now %3).")
                .arg(r.order.ref, common::formatRupiah(r.credited), common::formatRupiah(r.saldoAfter)));
    });
    dialog->open();
    return dialog;
}

void OrdersPanel::resendSelected()
{
    const int row = selectedRow();
    if (row < 0 || !m_session->can(domain::Permission::ResendDelivery))
        return;
    const QString ref = m_orders->order(row).ref;
    onReady(m_engine->resendDelivery(ref, m_session->actor()), this,
            [this, ref](common::Result<store::ResendOutcome> result) {
                if (!result) {
                    Q_EMIT statusMessage(tr("Could not resend %1: %2").arg(ref, Labels::error(result.error())));
                    return;
                }
                Q_EMIT statusMessage(tr("The delivery of %1 is on its way to %2 again.").arg(ref, result->recipient));
            });
}

void OrdersPanel::exportWithDialog()
{
    if (m_progress)
        return; // one export at a time
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested = QDir(folder).filePath(
        QStringLiteral("orders-%1.csv").arg(QDate::currentDate().toString(QStringLiteral("yyyyMMdd"))));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export orders"), suggested,
                                                      tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        exportCsv(path);
}

QFuture<common::Result<qint64>> OrdersPanel::exportCsv(const QString &path)
{
    auto future = m_engine->exportOrdersCsv(currentFilter(), path, m_session->actor());
    auto *progress = new QProgressDialog(tr("Exporting orders…"), tr("Cancel"), 0, 0, this);
    progress->setObjectName(QStringLiteral("exportProgress"));
    progress->setWindowTitle(tr("Export orders"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(500);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    m_progress = progress;
    auto *watcher = new QFutureWatcher<common::Result<qint64>>(progress);
    connect(watcher, &QFutureWatcherBase::progressRangeChanged, progress, &QProgressDialog::setRange);
    connect(watcher, &QFutureWatcherBase::progressValueChanged, progress, &QProgressDialog::setValue);
    connect(progress, &QProgressDialog::canceled, watcher, &QFutureWatcherBase::cancel);
    watcher->setFuture(future);
    onReady(future, this, [this, progress = QPointer<QProgressDialog>(progress), path](common::Result<qint64> result) {
        const bool cancelled = progress && progress->wasCanceled();
        if (progress)
            progress->deleteLater();
        if (result) {
            Q_EMIT statusMessage(
                tr("%n order(s) exported to %1.", nullptr, int(qMin<qint64>(*result, std::numeric_limits<int>::max())))
                    .arg(QDir::toNativeSeparators(path)));
            Q_EMIT exportFinished(true, *result);
            return;
        }
        if (cancelled || result.error().code == QLatin1String("export.cancelled"))
            Q_EMIT statusMessage(tr("Export cancelled; no file was written."));
        else
            Q_EMIT statusMessage(tr("Export failed: %1").arg(Labels::error(result.error())));
        Q_EMIT exportFinished(false, 0);
    });
    return future;
}

} // namespace kedai::gui
