#pragma once

#include "domain/customer.h"
#include "domain/ledger.h"

#include <QDialog>

#include <memory>
#include <optional>

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

namespace Ui {
class SaldoDialog;
}

/// Tops up or deducts a customer's saldo through the ledger, with a required reason.
class SaldoDialog : public QDialog
{
    Q_OBJECT
public:
    /// `actor` is the signed-in user (Session::actor()), written to the ledger.
    SaldoDialog(engine::Engine *engine, const domain::Customer &customer, const QString &actor,
                QWidget *parent = nullptr);
    ~SaldoDialog() override;

    /// The first problem of the form, empty when it can be saved.
    QString validationError() const;
    /// The signed amount entered (negative for a deduction), or empty when invalid.
    std::optional<common::Rupiah> delta() const;

    void accept() override;

Q_SIGNALS:
    void adjusted(const kedai::domain::LedgerEntry &entry);

private:
    void updateState();
    void showError(const QString &message);

    std::unique_ptr<Ui::SaldoDialog> ui;
    engine::Engine *m_engine;
    domain::Customer m_customer;
    QString m_actor;
    bool m_saving = false;
};

} // namespace kedai::gui
