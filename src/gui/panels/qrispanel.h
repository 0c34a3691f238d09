#pragma once

#include "gui/dialogs/assignnotificationdialog.h"

#include <QWidget>

#include <array>

class QLabel;
class QPushButton;
class QTableView;
class QTimer;

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

class Session;

class ConfirmQrisDialog;
class NotificationTableModel;
class QrisPaymentTableModel;
class QrisSetupBox;
class ReloadScheduler;

/// The QRIS listener: the set-up, the QRIS orders and deposits waiting for their money (with a
/// countdown), the unmatched money waiting for staff, and the live feed of notifications from
/// the shop's phone. Everything reloads on the engine's paymentNotification and
/// qrisPaymentChanged; the countdown ticks every second from the loaded expiry times.
class QrisPanel : public QWidget
{
    Q_OBJECT
public:
    QrisPanel(engine::Engine *engine, Session *session, QWidget *parent = nullptr);
    ~QrisPanel() override;

    QrisSetupBox *setupBox() const { return m_setup; }
    QrisPaymentTableModel *pendingModel() const { return m_pending; }
    NotificationTableModel *queueModel() const { return m_queue; }
    NotificationTableModel *feedModel() const { return m_feed; }
    /// True once every list has answered (with data or an error).
    bool hasLoaded() const { return m_pendingLoaded && m_queueLoaded && m_feedLoaded; }
    /// The load errors shown above the lists, empty when all loaded.
    QString loadError() const;

    bool selectPending(const QString &ref);
    bool selectQueued(qint64 notificationId);
    /// Opens the dialogs the buttons open (nullptr when nothing suitable is selected).
    ConfirmQrisDialog *confirmSelected();
    AssignNotificationDialog *assignSelected(AssignNotificationDialog::Target target);

    void reload();

Q_SIGNALS:
    void statusMessage(const QString &text);
    /// How much money waits in the unmatched queue (for the tab's title).
    void queueCountChanged(int count);

private:
    enum List { PendingList, QueueList, FeedList };

    void buildLayout();
    void loadPending();
    void loadQueue();
    void loadFeed();
    void tick();
    void updateButtons();
    void showLoadError(List list, const QString &message);

    engine::Engine *m_engine;
    Session *m_session;
    QrisSetupBox *m_setup;
    QrisPaymentTableModel *m_pending;
    NotificationTableModel *m_queue;
    NotificationTableModel *m_feed;
    ReloadScheduler *m_pendingReload;
    ReloadScheduler *m_queueReload;
    ReloadScheduler *m_feedReload;
    QTimer *m_tick;
    QLabel *m_errorLabel = nullptr;
    QLabel *m_pendingCountLabel = nullptr;
    QLabel *m_queueCountLabel = nullptr;
    QTableView *m_pendingView = nullptr;
    QTableView *m_queueView = nullptr;
    QTableView *m_feedView = nullptr;
    QPushButton *m_confirmButton = nullptr;
    QPushButton *m_assignButton = nullptr;
    QPushButton *m_creditButton = nullptr;
    std::array<QString, 3> m_loadErrors; ///< by List
    bool m_pendingLoaded = false;
    bool m_queueLoaded = false;
    bool m_feedLoaded = false;
};

} // namespace kedai::gui
