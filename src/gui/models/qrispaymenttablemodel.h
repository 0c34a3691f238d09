#pragma once

#include "domain/payment.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

namespace kedai::gui {

/// QRIS orders and deposits waiting for their money, with the time each has left. The time is
/// counted against `now` (setNow(), ticked by the panel) from the loaded expiry: no reload per
/// second.
class QrisPaymentTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        RefColumn,
        CustomerColumn,
        WhatColumn,
        AmountColumn,
        UniqueCodeColumn,
        PayableColumn,
        TimeLeftColumn,
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole + 1, IdRole, RefRole, SecondsLeftRole };

    explicit QrisPaymentTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Updates rows in place when the same payments come back in the same order (the selection
    /// survives a reload).
    void setPayments(QList<domain::QrisPayment> payments);
    const QList<domain::QrisPayment> &payments() const { return m_payments; }
    const domain::QrisPayment &payment(int row) const { return m_payments.at(row); }
    int rowOfRef(const QString &ref) const;

    /// The clock the countdown uses; changes only the time-left column.
    void setNow(const QDateTime &now);
    QDateTime now() const { return m_now; }
    /// Whole seconds until the payment expires at `now` (negative once it is due).
    qint64 secondsLeft(int row) const;

    /// "29:59", "1:02:03"; "0:00" is never shown: a due payment reads "expired, waiting for the
    /// sweeper" until the engine expires it.
    static QString timeLeftText(qint64 seconds);
    /// "Warung Bu Sri (628111000001)", or the phone alone.
    static QString customerText(const domain::QrisPayment &p);
    /// "Netflix 1 Bulan × 2", or "Deposit".
    static QString whatText(const domain::QrisPayment &p);

private:
    QVariant displayData(const domain::QrisPayment &p, int row, int column) const;

    QList<domain::QrisPayment> m_payments;
    QDateTime m_now;
};

} // namespace kedai::gui
