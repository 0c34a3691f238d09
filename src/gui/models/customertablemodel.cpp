#include "gui/models/customertablemodel.h"

#include "common/money.h"
#include "engine/engine.h"
#include "gui/async.h"
#include "gui/labels.h"

#include <QBrush>
#include <QColor>

namespace kedai::gui {

namespace {

/// A refresh reloads what is loaded, but never more than this in one query.
constexpr int kMaxRefreshRows = 5000;

} // namespace

CustomerTableModel::CustomerTableModel(engine::Engine *engine, QObject *parent)
    : QAbstractTableModel(parent), m_engine(engine)
{
}

int CustomerTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_customers.size());
}

int CustomerTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CustomerTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const domain::Customer &c = m_customers.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole: return displayData(c, column);
    case SortRole:
        switch (column) {
        case TierColumn: return int(c.tier);
        case SaldoColumn: return c.saldo;
        case BlockedColumn: return c.blocked;
        default: return displayData(c, column);
        }
    case IdRole: return c.id;
    case Qt::TextAlignmentRole:
        if (column == SaldoColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    case Qt::ForegroundRole:
        if (c.blocked)
            return QBrush(QColor(0xc0, 0x39, 0x2b));
        return {};
    default: return {};
    }
}

QVariant CustomerTableModel::displayData(const domain::Customer &c, int column) const
{
    switch (column) {
    case PhoneColumn: return c.phone;
    case NameColumn: return c.name;
    case TierColumn: return Labels::tier(c.tier);
    case SaldoColumn: return common::formatRupiah(c.saldo);
    case BlockedColumn: return Labels::yesNo(c.blocked);
    default: return {};
    }
}

QVariant CustomerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case PhoneColumn: return tr("Phone");
    case NameColumn: return tr("Name");
    case TierColumn: return tr("Tier");
    case SaldoColumn: return tr("Saldo");
    case BlockedColumn: return tr("Blocked");
    default: return {};
    }
}

bool CustomerTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasMore && !m_fetching;
}

void CustomerTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    // Views and testers call fetchMore() while they handle rowsInserted: a page that has already
    // arrived (onReady then runs at once) would be inserted in the middle of that. Queued, it is
    // inserted from the event loop.
    m_fetching = true;
    QMetaObject::invokeMethod(
        this,
        [this, after = m_customers.isEmpty() ? 0 : m_customers.constLast().id, generation = m_generation] {
            if (generation == m_generation)
                request(after, kPageSize, false);
        },
        Qt::QueuedConnection);
}

void CustomerTableModel::setTerm(const QString &term)
{
    ++m_generation;
    m_term = term.trimmed();
    beginResetModel();
    m_customers.clear();
    m_hasMore = false;
    endResetModel();
    request(0, kPageSize, true);
}

void CustomerTableModel::refresh()
{
    ++m_generation; // a page still on its way would append to rows that are being replaced
    request(0, qBound(kPageSize, int(m_customers.size()), kMaxRefreshRows), true);
}

void CustomerTableModel::request(qint64 beforeId, int limit, bool replace)
{
    m_fetching = true;
    const quint64 generation = m_generation;
    onReady(m_engine->customersPage(m_term, beforeId, limit), this,
            [this, generation, beforeId, limit, replace](common::Result<QList<domain::Customer>> result) {
                if (generation != m_generation)
                    return;
                const qint64 last = m_customers.isEmpty() ? 0 : m_customers.constLast().id;
                if (!result || (!replace && beforeId != last)) { // failed, or no longer the next page
                    m_fetching = false;
                    if (!result)
                        Q_EMIT loadFailed(result.error().message);
                    return;
                }
                apply(std::move(result).value(), limit, replace);
                Q_EMIT pageLoaded();
            });
}

void CustomerTableModel::apply(QList<domain::Customer> customers, int limit, bool replace)
{
    m_hasMore = customers.size() >= limit;
    // m_fetching ends once the rows are in: views and testers call fetchMore() from the
    // rowsAboutToBeInserted/modelAboutToBeReset handlers too, when the next cursor is not known yet.
    if (!replace) {
        if (customers.isEmpty()) {
            m_fetching = false;
            return;
        }
        beginInsertRows({}, rowCount(), rowCount() + int(customers.size()) - 1);
        m_customers.append(std::move(customers));
        m_fetching = false;
        endInsertRows();
        return;
    }
    bool sameRows = customers.size() == m_customers.size();
    for (qsizetype i = 0; sameRows && i < customers.size(); ++i)
        sameRows = customers.at(i).id == m_customers.at(i).id;
    if (sameRows) {
        m_customers = std::move(customers);
        m_fetching = false;
        if (!m_customers.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_customers = std::move(customers);
    m_fetching = false;
    endResetModel();
}

int CustomerTableModel::rowOfId(qint64 id) const
{
    for (qsizetype i = 0; i < m_customers.size(); ++i) {
        if (m_customers.at(i).id == id)
            return int(i);
    }
    return -1;
}

} // namespace kedai::gui
