#include "gui/panels/qrispanel.h"

#include "common/money.h"
#include "engine/engine.h"
#include "gui/async.h"
#include "gui/dialogs/confirmqrisdialog.h"
#include "gui/labels.h"
#include "gui/models/notificationtablemodel.h"
#include "gui/models/qrispaymenttablemodel.h"
#include "gui/panels/qrissetupbox.h"
#include "gui/reloadscheduler.h"
#include "gui/session.h"
#include "gui/tableview.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace kedai::gui {

namespace {

/// The feed shows this many of the latest notifications.
constexpr int kFeedLimit = 200;
constexpr int kTickMs = 1000;

QTableView *makeTable(const QString &name, QAbstractItemModel *model, int stretchColumn, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->verticalHeader()->hide();
    setUpTableView(view, stretchColumn);
    return view;
}

int selectedRow(const QTableView *view)
{
    const QModelIndexList rows = view->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

} // namespace

QrisPanel::QrisPanel(engine::Engine *engine, Session *session, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_session(session)
    , m_setup(new QrisSetupBox(engine, this))
    , m_pending(new QrisPaymentTableModel(this))
    , m_queue(new NotificationTableModel(this))
    , m_feed(new NotificationTableModel(this))
    , m_pendingReload(new ReloadScheduler([this] { loadPending(); }, this))
    , m_queueReload(new ReloadScheduler([this] { loadQueue(); }, this))
    , m_feedReload(new ReloadScheduler([this] { loadFeed(); }, this))
    , m_tick(new QTimer(this))
{
    buildLayout();
    m_setup->setActor(m_session->actor());
    // Another user may sign in at the lock screen.
    connect(m_session, &Session::changed, this, [this] { m_setup->setActor(m_session->actor()); });
    connect(m_setup, &QrisSetupBox::statusMessage, this, &QrisPanel::statusMessage);
    connect(m_confirmButton, &QPushButton::clicked, this, &QrisPanel::confirmSelected);
    connect(m_assignButton, &QPushButton::clicked, this,
            [this] { assignSelected(AssignNotificationDialog::Target::Payment); });
    connect(m_creditButton, &QPushButton::clicked, this,
            [this] { assignSelected(AssignNotificationDialog::Target::Customer); });
    connect(m_pendingView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &QrisPanel::updateButtons);
    connect(m_queueView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &QrisPanel::updateButtons);
    connect(m_pendingView, &QAbstractItemView::doubleClicked, this, &QrisPanel::confirmSelected);
    // Resets (a row came or went) drop the selection without selectionChanged.
    connect(m_pending, &QAbstractItemModel::modelReset, this, &QrisPanel::updateButtons);
    connect(m_queue, &QAbstractItemModel::modelReset, this, &QrisPanel::updateButtons);

    // The countdown runs from the loaded expiry times; the engine's sweeper expires a payment
    // and its qrisPaymentChanged reloads the list.
    m_tick->setInterval(kTickMs);
    connect(m_tick, &QTimer::timeout, this, &QrisPanel::tick);

    connect(m_engine, &engine::Engine::qrisPaymentChanged, m_pendingReload, &ReloadScheduler::schedule);
    connect(m_engine, &engine::Engine::paymentNotification, this, [this] {
        m_feedReload->schedule();
        m_queueReload->schedule();
    });
    // A late payment credited to a customer, or money assigned, changes the queue and the feed.
    connect(m_engine, &engine::Engine::qrisPaymentChanged, m_feedReload, &ReloadScheduler::schedule);
    connect(m_engine, &engine::Engine::qrisPaymentChanged, m_queueReload, &ReloadScheduler::schedule);

    updateButtons();
    m_pendingReload->reloadNow();
    m_queueReload->reloadNow();
    m_feedReload->reloadNow();
}

QrisPanel::~QrisPanel() = default;

void QrisPanel::buildLayout()
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_setup);
    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("qrisErrorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_errorLabel->hide();
    layout->addWidget(m_errorLabel);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    layout->addWidget(splitter, 1);

    auto *pendingBox = new QGroupBox(tr("Waiting for payment"), splitter);
    auto *pendingLayout = new QVBoxLayout(pendingBox);
    auto *pendingBar = new QHBoxLayout;
    m_pendingCountLabel = new QLabel(pendingBox);
    m_pendingCountLabel->setObjectName(QStringLiteral("pendingCountLabel"));
    m_confirmButton = new QPushButton(tr("Confirm &paid…"), pendingBox);
    m_confirmButton->setObjectName(QStringLiteral("confirmPaidButton"));
    m_confirmButton->setToolTip(tr("The money arrived but the phone did not report it: mark it paid by hand."));
    pendingBar->addWidget(m_pendingCountLabel, 1);
    pendingBar->addWidget(m_confirmButton);
    pendingLayout->addLayout(pendingBar);
    m_pendingView = makeTable(QStringLiteral("pendingView"), m_pending, QrisPaymentTableModel::WhatColumn, pendingBox);
    pendingLayout->addWidget(m_pendingView);

    auto *queueBox = new QGroupBox(tr("Unmatched money"), splitter);
    auto *queueLayout = new QVBoxLayout(queueBox);
    auto *queueBar = new QHBoxLayout;
    m_queueCountLabel = new QLabel(queueBox);
    m_queueCountLabel->setObjectName(QStringLiteral("queueCountLabel"));
    m_assignButton = new QPushButton(tr("&Assign to order…"), queueBox);
    m_assignButton->setObjectName(QStringLiteral("assignOrderButton"));
    m_creditButton = new QPushButton(tr("C&redit to customer…"), queueBox);
    m_creditButton->setObjectName(QStringLiteral("creditCustomerButton"));
    queueBar->addWidget(m_queueCountLabel, 1);
    queueBar->addWidget(m_assignButton);
    queueBar->addWidget(m_creditButton);
    queueLayout->addLayout(queueBar);
    m_queueView = makeTable(QStringLiteral("queueView"), m_queue, NotificationTableModel::TextColumn, queueBox);
    queueLayout->addWidget(m_queueView);

    auto *feedBox = new QGroupBox(tr("Notifications from the phone"), splitter);
    auto *feedLayout = new QVBoxLayout(feedBox);
    m_feedView = makeTable(QStringLiteral("feedView"), m_feed, NotificationTableModel::TextColumn, feedBox);
    feedLayout->addWidget(m_feedView);
}

void QrisPanel::reload()
{
    m_setup->refreshStatus();
    m_pendingReload->reloadNow();
    m_queueReload->reloadNow();
    m_feedReload->reloadNow();
}

void QrisPanel::loadPending()
{
    store::PaymentFilter filter;
    filter.statuses = {domain::QrisStatus::Pending};
    onReady(m_engine->qrisPayments(filter), this, [this](common::Result<QList<domain::QrisPayment>> result) {
        m_pendingReload->finished();
        m_pendingLoaded = true;
        if (!result) {
            showLoadError(PendingList, tr("Could not load the QRIS payments: %1").arg(Labels::error(result.error())));
            return;
        }
        showLoadError(PendingList, {});
        const int row = selectedRow(m_pendingView);
        const QString selectedRef = row < 0 ? QString() : m_pending->payment(row).ref;
        m_pending->setNow(QDateTime::currentDateTimeUtc());
        m_pending->setPayments(std::move(result).value());
        if (!selectedRef.isEmpty() && !selectPending(selectedRef))
            m_pendingView->clearSelection();
        m_pendingCountLabel->setText(tr("%n payment(s) waiting", nullptr, m_pending->rowCount()));
        if (m_pending->rowCount() > 0)
            m_tick->start();
        else
            m_tick->stop();
        updateButtons();
    });
}

void QrisPanel::loadQueue()
{
    store::NotificationFilter filter;
    filter.statuses = {domain::NotificationStatus::Unmatched};
    onReady(m_engine->paymentNotifications(filter), this,
            [this](common::Result<QList<domain::PaymentNotificationRecord>> result) {
                m_queueReload->finished();
                m_queueLoaded = true;
                if (!result) {
                    showLoadError(QueueList,
                                  tr("Could not load the unmatched money: %1").arg(Labels::error(result.error())));
                    return;
                }
                showLoadError(QueueList, {});
                const int row = selectedRow(m_queueView);
                const qint64 selectedId = row < 0 ? 0 : m_queue->notification(row).id;
                m_queue->setNotifications(std::move(result).value());
                if (selectedId != 0 && !selectQueued(selectedId))
                    m_queueView->clearSelection();
                const int count = m_queue->rowCount();
                m_queueCountLabel->setText(count == 0
                                               ? tr("No unmatched money.")
                                               : tr("%n payment(s) matched no order: assign them.", nullptr, count));
                m_queueCountLabel->setStyleSheet(count == 0 ? QString() : QStringLiteral("color: #c0392b;"));
                Q_EMIT queueCountChanged(count);
                updateButtons();
            });
}

void QrisPanel::loadFeed()
{
    store::NotificationFilter filter;
    filter.limit = kFeedLimit;
    onReady(m_engine->paymentNotifications(filter), this,
            [this](common::Result<QList<domain::PaymentNotificationRecord>> result) {
                m_feedReload->finished();
                m_feedLoaded = true;
                if (!result) {
                    showLoadError(FeedList,
                                  tr("Could not load the notifications: %1").arg(Labels::error(result.error())));
                    return;
                }
                showLoadError(FeedList, {});
                m_feed->setNotifications(std::move(result).value());
            });
}

void QrisPanel::tick()
{
    m_pending->setNow(QDateTime::currentDateTimeUtc());
}

bool QrisPanel::selectPending(const QString &ref)
{
    const int row = m_pending->rowOfRef(ref);
    if (row < 0)
        return false;
    m_pendingView->selectRow(row);
    m_pendingView->scrollTo(m_pending->index(row, 0));
    return true;
}

bool QrisPanel::selectQueued(qint64 notificationId)
{
    const int row = m_queue->rowOfId(notificationId);
    if (row < 0)
        return false;
    m_queueView->selectRow(row);
    m_queueView->scrollTo(m_queue->index(row, 0));
    return true;
}

void QrisPanel::updateButtons()
{
    m_confirmButton->setEnabled(selectedRow(m_pendingView) >= 0);
    const int queued = selectedRow(m_queueView);
    const bool assignable = queued >= 0 && m_queue->notification(queued).amount.has_value();
    m_assignButton->setEnabled(assignable);
    m_creditButton->setEnabled(assignable);
}

ConfirmQrisDialog *QrisPanel::confirmSelected()
{
    const int row = selectedRow(m_pendingView);
    if (row < 0)
        return nullptr;
    auto *dialog = new ConfirmQrisDialog(m_engine, m_pending->payment(row), m_session->actor(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ConfirmQrisDialog::confirmed, this, [this](const domain::QrisPayment &p) {
        Q_EMIT statusMessage(tr("%1 confirmed as paid (%2).").arg(p.ref, common::formatRupiah(p.payable)));
        m_pendingReload->schedule();
    });
    dialog->open();
    return dialog;
}

AssignNotificationDialog *QrisPanel::assignSelected(AssignNotificationDialog::Target target)
{
    const int row = selectedRow(m_queueView);
    if (row < 0 || !m_queue->notification(row).amount)
        return nullptr;
    auto *dialog = new AssignNotificationDialog(m_engine, m_queue->notification(row), target, m_session->actor(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AssignNotificationDialog::assigned, this, [this](const QString &summary) {
        Q_EMIT statusMessage(summary);
        m_queueReload->schedule();
        m_feedReload->schedule();
        m_pendingReload->schedule();
    });
    dialog->open();
    return dialog;
}

QString QrisPanel::loadError() const
{
    QStringList lines;
    for (const QString &error : m_loadErrors) {
        if (!error.isEmpty() && !lines.contains(error))
            lines << error;
    }
    return lines.join(QLatin1Char('\n'));
}

void QrisPanel::showLoadError(List list, const QString &message)
{
    m_loadErrors.at(list) = message;
    const QString text = loadError();
    m_errorLabel->setText(text);
    m_errorLabel->setVisible(!text.isEmpty());
}

} // namespace kedai::gui
