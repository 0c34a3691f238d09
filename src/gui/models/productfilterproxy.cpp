#include "gui/models/productfilterproxy.h"

#include "gui/models/producttablemodel.h"

namespace kedai::gui {

ProductFilterProxy::ProductFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(ProductTableModel::SortRole);
    setFilterKeyColumn(-1);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void ProductFilterProxy::setCategory(const QString &category)
{
    if (category == m_category)
        return;
    m_category = category;
    invalidateRowsFilter();
}

void ProductFilterProxy::setKind(std::optional<domain::ProductKind> kind)
{
    if (kind == m_kind)
        return;
    m_kind = kind;
    invalidateRowsFilter();
}

void ProductFilterProxy::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    invalidateRowsFilter();
}

void ProductFilterProxy::setLowStockOnly(bool lowStockOnly)
{
    if (lowStockOnly == m_lowStockOnly)
        return;
    m_lowStockOnly = lowStockOnly;
    invalidateRowsFilter();
}

bool ProductFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const auto *products = qobject_cast<const ProductTableModel *>(sourceModel());
    if (products && !sourceParent.isValid()) {
        const domain::Product &p = products->product(sourceRow);
        if (!m_category.isEmpty() && p.category.compare(m_category, Qt::CaseInsensitive) != 0)
            return false;
        if (m_kind && p.kind != *m_kind)
            return false;
        if ((m_state == State::Active && !p.active) || (m_state == State::Inactive && p.active))
            return false;
        if (m_lowStockOnly && !ProductTableModel::isLowStock(p))
            return false;
    }
    return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

} // namespace kedai::gui
