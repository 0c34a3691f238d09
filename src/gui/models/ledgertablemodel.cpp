#include "gui/models/ledgertablemodel.h"

#include "common/money.h"
#include "gui/labels.h"

#include <QBrush>
#include <QColor>

namespace kedai::gui {

LedgerTableModel::LedgerTableModel(QObject *parent) : QAbstractTableModel(parent) {}

int LedgerTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int LedgerTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LedgerTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const domain::LedgerEntry &e = m_entries.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case TimeColumn: return Labels::dateTime(e.createdAt);
        case KindColumn: return Labels::ledgerKind(e.kind);
        case AmountColumn:
            return QString((e.delta > 0 ? QStringLiteral("+") : QString()) + common::formatRupiah(e.delta));
        case BalanceColumn: return common::formatRupiah(e.balanceAfter);
        case ActorColumn: return e.actor;
        case NoteColumn:
            if (e.reference.isEmpty())
                return e.note;
            return e.note.isEmpty() ? e.reference : QStringLiteral("%1 (%2)").arg(e.note, e.reference);
        default: return {};
        }
    case Qt::TextAlignmentRole:
        if (column == AmountColumn || column == BalanceColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    case Qt::ForegroundRole:
        if (column == AmountColumn)
            return QBrush(e.delta < 0 ? QColor(0xc0, 0x39, 0x2b) : QColor(0x1e, 0x84, 0x49));
        return {};
    default: return {};
    }
}

QVariant LedgerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn: return tr("Time");
    case KindColumn: return tr("Kind");
    case AmountColumn: return tr("Amount");
    case BalanceColumn: return tr("Saldo after");
    case ActorColumn: return tr("By");
    case NoteColumn: return tr("Note");
    default: return {};
    }
}

void LedgerTableModel::setEntries(qint64 customerId, QList<domain::LedgerEntry> entries)
{
    beginResetModel();
    m_customerId = customerId;
    m_entries = std::move(entries);
    endResetModel();
}

void LedgerTableModel::clear()
{
    setEntries(0, {});
}

} // namespace kedai::gui
