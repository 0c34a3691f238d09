#pragma once

#include "domain/customer.h"
#include "domain/payment.h"

#include <QDialog>
#include <QList>

#include <optional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

class ReloadScheduler;

/// Takes money that matched nothing out of the queue: to a QRIS order or deposit by its ref
/// (pending: paid; expired or cancelled: credited to its customer), or straight to a customer's
/// saldo. A note saying why is required.
class AssignNotificationDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Target { Payment, Customer };
    /// Items of candidatesList carry the ref (Payment) or the customer id (Customer) here.
    static constexpr int kCandidateRole = Qt::UserRole + 1;

    AssignNotificationDialog(engine::Engine *engine, const domain::PaymentNotificationRecord &notification,
                             Target target, const QString &actor, QWidget *parent = nullptr);
    ~AssignNotificationDialog() override;

    Target target() const { return m_target; }
    /// The first problem of the form, empty when it can be sent.
    QString validationError() const;
    /// True once the first candidate list has arrived (payments, or customers for the search).
    bool candidatesLoaded() const { return m_loaded; }
    void accept() override;

Q_SIGNALS:
    void assigned(const QString &summary);

private:
    void loadPayments();
    void loadCustomers();
    void showPayments();
    void onCandidateClicked();
    void updateState();
    void showError(const QString &message);

    engine::Engine *m_engine;
    QString m_actor;
    domain::PaymentNotificationRecord m_notification;
    Target m_target;
    QLineEdit *m_searchEdit; ///< the ref (Payment) or the customer search (Customer)
    QListWidget *m_candidates;
    QLabel *m_chosenLabel;
    QLineEdit *m_noteEdit;
    QLabel *m_errorLabel;
    QDialogButtonBox *m_buttons;
    ReloadScheduler *m_reload;
    QList<domain::QrisPayment> m_payments;
    QList<domain::Customer> m_customers;
    QString m_loadError;
    std::optional<domain::Customer> m_customer; ///< the chosen one (Customer)
    bool m_loaded = false;
    bool m_saving = false;
};

} // namespace kedai::gui
