#pragma once

#include "domain/order.h"
#include "store/orderservice.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

/// Refunds a paid or delivered order to the customer's saldo: the order's total goes back
/// through the ledger with the reason staff give (required). The items stay sold unless
/// "Return the items to stock" is ticked (off by default: the customer has seen them).
class RefundDialog : public QDialog
{
    Q_OBJECT
public:
    RefundDialog(engine::Engine *engine, const domain::Order &order, const QString &actor, QWidget *parent = nullptr);
    ~RefundDialog() override;

    /// The first problem of the form, empty when it can be sent.
    QString validationError() const;
    void accept() override;

    QLineEdit *reasonEdit() const { return m_reasonEdit; }
    QCheckBox *returnItemsBox() const { return m_returnItems; }
    QPushButton *refundButton() const;

Q_SIGNALS:
    void refunded(const kedai::store::RefundOutcome &outcome);

private:
    void updateState();
    void showError(const QString &message);

    engine::Engine *m_engine;
    QString m_actor;
    domain::Order m_order;
    QLineEdit *m_reasonEdit;
    QCheckBox *m_returnItems;
    QLabel *m_errorLabel;
    QDialogButtonBox *m_buttons;
    bool m_saving = false;
};

} // namespace kedai::gui
