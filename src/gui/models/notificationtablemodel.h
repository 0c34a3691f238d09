#pragma once

#include "domain/payment.h"

#include <QAbstractTableModel>
#include <QList>

namespace kedai::gui {

/// Payment notifications forwarded from the shop's phone, newest first: the live feed, or the
/// queue of unmatched money waiting for staff.
class NotificationTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        ReceivedColumn,
        AppColumn,
        AmountColumn,
        StatusColumn,
        RefColumn,
        RepeatsColumn,
        TextColumn,
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole + 1, IdRole, StatusRole };

    explicit NotificationTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Updates rows in place when the same notifications come back in the same order.
    void setNotifications(QList<domain::PaymentNotificationRecord> notifications);
    const QList<domain::PaymentNotificationRecord> &notifications() const { return m_notifications; }
    const domain::PaymentNotificationRecord &notification(int row) const { return m_notifications.at(row); }
    int rowOfId(qint64 id) const;

    /// The notification's text on one line, cut to `maxChars` with an ellipsis.
    static QString shortText(const domain::PaymentNotificationRecord &n, int maxChars = kShortTextChars);
    static constexpr int kShortTextChars = 80;

private:
    QVariant displayData(const domain::PaymentNotificationRecord &n, int column) const;
    QString toolTip(const domain::PaymentNotificationRecord &n, int column) const;

    QList<domain::PaymentNotificationRecord> m_notifications;
};

} // namespace kedai::gui
