#include "gui/models/notificationtablemodel.h"

#include "common/money.h"
#include "gui/labels.h"

#include <QBrush>
#include <QColor>

namespace kedai::gui {

NotificationTableModel::NotificationTableModel(QObject *parent) : QAbstractTableModel(parent) {}

int NotificationTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_notifications.size());
}

int NotificationTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NotificationTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const domain::PaymentNotificationRecord &n = m_notifications.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole: return displayData(n, column);
    case SortRole:
        switch (column) {
        case ReceivedColumn: return n.receivedAt;
        case AmountColumn: return n.amount ? QVariant(*n.amount) : QVariant(qint64(-1));
        case StatusColumn: return int(n.status);
        case RepeatsColumn: return n.repeats;
        default: return displayData(n, column);
        }
    case IdRole: return n.id;
    case StatusRole: return int(n.status);
    case Qt::ToolTipRole: return toolTip(n, column);
    case Qt::TextAlignmentRole:
        if (column == AmountColumn || column == RepeatsColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    case Qt::ForegroundRole:
        if (column != StatusColumn)
            return {};
        switch (n.status) {
        case domain::NotificationStatus::Matched:
        case domain::NotificationStatus::Credited:
        case domain::NotificationStatus::Assigned: return QBrush(QColor(0x1e, 0x84, 0x49));
        case domain::NotificationStatus::Unmatched: return QBrush(QColor(0xc0, 0x39, 0x2b));
        case domain::NotificationStatus::Unparsed: return QBrush(QColor(0xb9, 0x77, 0x0e));
        case domain::NotificationStatus::Ignored: return QBrush(QColor(0x7f, 0x8c, 0x8d));
        }
        return {};
    default: return {};
    }
}

QVariant NotificationTableModel::displayData(const domain::PaymentNotificationRecord &n, int column) const
{
    switch (column) {
    case ReceivedColumn: return Labels::dateTime(n.receivedAt);
    case AppColumn: return n.appName.isEmpty() ? n.packageName : n.appName;
    case AmountColumn: return n.amount ? common::formatRupiah(*n.amount) : QString();
    case StatusColumn: return Labels::notificationStatus(n.status);
    case RefColumn: return n.paymentRef;
    case RepeatsColumn: return n.repeats > 0 ? QString::number(n.repeats) : QString();
    case TextColumn: return shortText(n);
    default: return {};
    }
}

QString NotificationTableModel::toolTip(const domain::PaymentNotificationRecord &n, int column) const
{
    switch (column) {
    case ReceivedColumn:
        if (n.postedAt.isValid())
            return tr("Posted on the phone %1").arg(Labels::dateTime(n.postedAt));
        return {};
    case AppColumn: return n.packageName;
    case StatusColumn:
        if (!n.resolvedBy.isEmpty())
            return tr("By %1 at %2: %3").arg(n.resolvedBy, Labels::dateTime(n.resolvedAt), n.note);
        return {};
    case RepeatsColumn:
        if (n.repeats > 0)
            return tr("The phone sent the same notification %n more time(s).", nullptr, n.repeats);
        return {};
    case TextColumn: return n.title.isEmpty() ? n.text : n.title + QLatin1Char('\n') + n.text;
    default: return {};
    }
}

QVariant NotificationTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ReceivedColumn: return tr("Received");
    case AppColumn: return tr("App");
    case AmountColumn: return tr("Amount");
    case StatusColumn: return tr("Status");
    case RefColumn: return tr("Payment");
    case RepeatsColumn: return tr("Repeats");
    case TextColumn: return tr("Text");
    default: return {};
    }
}

void NotificationTableModel::setNotifications(QList<domain::PaymentNotificationRecord> notifications)
{
    bool sameRows = notifications.size() == m_notifications.size();
    for (qsizetype i = 0; sameRows && i < notifications.size(); ++i)
        sameRows = notifications.at(i).id == m_notifications.at(i).id;
    if (sameRows) {
        m_notifications = std::move(notifications);
        if (!m_notifications.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_notifications = std::move(notifications);
    endResetModel();
}

int NotificationTableModel::rowOfId(qint64 id) const
{
    for (qsizetype i = 0; i < m_notifications.size(); ++i) {
        if (m_notifications.at(i).id == id)
            return int(i);
    }
    return -1;
}

QString NotificationTableModel::shortText(const domain::PaymentNotificationRecord &n, int maxChars)
{
    QString text = n.title.isEmpty() ? n.text : n.title + QStringLiteral(": ") + n.text;
    text = text.simplified();
    if (text.size() > maxChars)
        text = text.left(maxChars - 1).trimmed() + QChar(0x2026);
    return text;
}

} // namespace kedai::gui
