#pragma once

#include "domain/product.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace kedai::gui {

/// The Inventory panel's product filters over a ProductTableModel: the search text (any
/// column, setFilterFixedString), a category, a kind, active or inactive, and low stock only.
class ProductFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    enum class State { Any, Active, Inactive };

    explicit ProductFilterProxy(QObject *parent = nullptr);

    /// Empty: every category.
    void setCategory(const QString &category);
    void setKind(std::optional<domain::ProductKind> kind);
    void setState(State state);
    void setLowStockOnly(bool lowStockOnly);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_category;
    std::optional<domain::ProductKind> m_kind;
    State m_state = State::Any;
    bool m_lowStockOnly = false;
};

} // namespace kedai::gui
