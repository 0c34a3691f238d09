#pragma once

#include "domain/product.h"

#include <QDialog>
#include <QStringList>

#include <memory>
#include <optional>

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

namespace Ui {
class ProductDialog;
}

/// Adds or edits a product. OK stays disabled while the form is invalid (the reason is shown
/// under the form); it saves through the engine and closes only when the engine accepted it.
class ProductDialog : public QDialog
{
    Q_OBJECT
public:
    /// A new product when `product` is empty, else an edit of it (the code cannot change).
    /// `actor` is the signed-in user (Session::actor()); `catalog` (the products listed in the
    /// panel) fills the category list and lets a taken code be refused before saving.
    ProductDialog(engine::Engine *engine, const std::optional<domain::Product> &product, const QString &actor,
                  const QList<domain::Product> &catalog = {}, QWidget *parent = nullptr);
    ~ProductDialog() override;

    /// The first problem of the form, empty when it can be saved.
    QString validationError() const;
    /// A doubt that does not stop saving (tier prices in an unusual order), else empty.
    QString priceWarning() const;
    /// The product as entered (only meaningful when validationError() is empty).
    domain::Product enteredProduct() const;
    bool isNew() const { return m_isNew; }

    void accept() override;

Q_SIGNALS:
    void saved(const kedai::domain::Product &product);

private:
    void updateState();
    void showError(const QString &message);

    std::unique_ptr<Ui::ProductDialog> ui;
    engine::Engine *m_engine;
    domain::Product m_original;
    QString m_actor;
    QStringList m_takenCodes;
    bool m_isNew;
    bool m_saving = false;
};

} // namespace kedai::gui
