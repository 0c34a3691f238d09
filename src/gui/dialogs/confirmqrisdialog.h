#pragma once

#include "domain/payment.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

/// Staff confirm by hand that a QRIS payment arrived (the phone missed the notification, the
/// customer showed a receipt): a note saying why is required and kept with the payment.
class ConfirmQrisDialog : public QDialog
{
    Q_OBJECT
public:
    ConfirmQrisDialog(engine::Engine *engine, const domain::QrisPayment &payment, const QString &actor,
                      QWidget *parent = nullptr);
    ~ConfirmQrisDialog() override;

    /// The first problem of the form, empty when it can be sent.
    QString validationError() const;
    void accept() override;

Q_SIGNALS:
    void confirmed(const kedai::domain::QrisPayment &payment);

private:
    void updateState();
    void showError(const QString &message);

    engine::Engine *m_engine;
    QString m_actor;
    domain::QrisPayment m_payment;
    QLineEdit *m_noteEdit;
    QLabel *m_errorLabel;
    QDialogButtonBox *m_buttons;
    bool m_saving = false;
};

} // namespace kedai::gui
