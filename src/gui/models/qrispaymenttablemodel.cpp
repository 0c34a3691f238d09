#include "gui/models/qrispaymenttablemodel.h"

#include "common/money.h"
#include "gui/labels.h"

#include <QBrush>
#include <QColor>

namespace kedai::gui {

namespace {

/// Under this many seconds left the countdown turns orange: the customer should hurry.
constexpr qint64 kHurrySeconds = 5 * 60;

} // namespace

QrisPaymentTableModel::QrisPaymentTableModel(QObject *parent)
    : QAbstractTableModel(parent), m_now(QDateTime::currentDateTimeUtc())
{
}

int QrisPaymentTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_payments.size());
}

int QrisPaymentTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QrisPaymentTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const domain::QrisPayment &p = m_payments.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole: return displayData(p, index.row(), column);
    case SortRole:
        switch (column) {
        case AmountColumn: return p.amount;
        case UniqueCodeColumn: return p.uniqueCode;
        case PayableColumn: return p.payable;
        case TimeLeftColumn: return secondsLeft(index.row());
        default: return displayData(p, index.row(), column);
        }
    case IdRole: return p.id;
    case RefRole: return p.ref;
    case SecondsLeftRole: return secondsLeft(index.row());
    case Qt::ToolTipRole:
        switch (column) {
        case TimeLeftColumn:
            return tr("Created %1, expires %2").arg(Labels::dateTime(p.createdAt), Labels::dateTime(p.expiresAt));
        case WhatColumn: return p.productCode;
        case PayableColumn: return tr("The customer pays exactly this amount; the kode unik tells the payments apart.");
        default: return {};
        }
    case Qt::TextAlignmentRole:
        if (column == AmountColumn || column == UniqueCodeColumn || column == PayableColumn || column == TimeLeftColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    case Qt::ForegroundRole: {
        if (column != TimeLeftColumn)
            return {};
        const qint64 left = secondsLeft(index.row());
        if (left <= 0)
            return QBrush(QColor(0x7f, 0x8c, 0x8d));
        if (left <= kHurrySeconds)
            return QBrush(QColor(0xb9, 0x77, 0x0e));
        return {};
    }
    default: return {};
    }
}

QVariant QrisPaymentTableModel::displayData(const domain::QrisPayment &p, int row, int column) const
{
    switch (column) {
    case RefColumn: return p.ref;
    case CustomerColumn: return customerText(p);
    case WhatColumn: return whatText(p);
    case AmountColumn: return common::formatRupiah(p.amount);
    case UniqueCodeColumn: return common::formatRupiah(p.uniqueCode);
    case PayableColumn: return common::formatRupiah(p.payable);
    case TimeLeftColumn: return timeLeftText(secondsLeft(row));
    default: return {};
    }
}

QVariant QrisPaymentTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case RefColumn: return tr("Ref");
    case CustomerColumn: return tr("Customer");
    case WhatColumn: return tr("For");
    case AmountColumn: return tr("Amount");
    case UniqueCodeColumn: return tr("Kode unik");
    case PayableColumn: return tr("To pay");
    case TimeLeftColumn: return tr("Time left");
    default: return {};
    }
}

void QrisPaymentTableModel::setPayments(QList<domain::QrisPayment> payments)
{
    bool sameRows = payments.size() == m_payments.size();
    for (qsizetype i = 0; sameRows && i < payments.size(); ++i)
        sameRows = payments.at(i).id == m_payments.at(i).id;
    if (sameRows) {
        m_payments = std::move(payments);
        if (!m_payments.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_payments = std::move(payments);
    endResetModel();
}

int QrisPaymentTableModel::rowOfRef(const QString &ref) const
{
    for (qsizetype i = 0; i < m_payments.size(); ++i) {
        if (m_payments.at(i).ref == ref)
            return int(i);
    }
    return -1;
}

void QrisPaymentTableModel::setNow(const QDateTime &now)
{
    m_now = now;
    if (!m_payments.isEmpty())
        Q_EMIT dataChanged(index(0, TimeLeftColumn), index(rowCount() - 1, TimeLeftColumn),
                           {Qt::DisplayRole, Qt::ForegroundRole, SortRole, SecondsLeftRole});
}

qint64 QrisPaymentTableModel::secondsLeft(int row) const
{
    const QDateTime &expires = m_payments.at(row).expiresAt;
    if (!expires.isValid())
        return 0;
    // Rounded up: "0:01" is shown for the last partial second, never "0:00" while still open.
    const qint64 ms = m_now.msecsTo(expires);
    return ms > 0 ? (ms + 999) / 1000 : ms / 1000;
}

QString QrisPaymentTableModel::timeLeftText(qint64 seconds)
{
    if (seconds <= 0)
        return tr("Expired, waiting for the sweeper");
    const qint64 hours = seconds / 3600;
    const qint64 minutes = (seconds % 3600) / 60;
    const qint64 secs = seconds % 60;
    const QLatin1Char zero('0');
    if (hours > 0)
        return QStringLiteral("%1:%2:%3").arg(hours).arg(minutes, 2, 10, zero).arg(secs, 2, 10, zero);
    return QStringLiteral("%1:%2").arg(minutes).arg(secs, 2, 10, zero);
}

QString QrisPaymentTableModel::customerText(const domain::QrisPayment &p)
{
    if (p.customerName.isEmpty())
        return p.customerPhone;
    return QStringLiteral("%1 (%2)").arg(p.customerName, p.customerPhone);
}

QString QrisPaymentTableModel::whatText(const domain::QrisPayment &p)
{
    if (p.purpose == domain::QrisPurpose::Deposit)
        return tr("Deposit");
    const QString product = p.productName.isEmpty() ? p.productCode : p.productName;
    return tr("%1 × %2").arg(product).arg(p.qty);
}

} // namespace kedai::gui
