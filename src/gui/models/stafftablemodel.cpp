#include "gui/models/stafftablemodel.h"

#include "gui/labels.h"

#include <QBrush>
#include <QColor>
#include <QPalette>

namespace kedai::gui {

StaffTableModel::StaffTableModel(QObject *parent) : QAbstractTableModel(parent) {}

int StaffTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_users.size());
}

int StaffTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StaffTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const domain::StaffUser &u = m_users.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case UsernameColumn: return u.username;
        case NameColumn: return u.displayName;
        case RoleColumn: return Labels::staffRole(u.role);
        case ActiveColumn: return u.active ? tr("Active") : tr("Switched off");
        case LastLoginColumn: return u.lastLoginAt.isValid() ? Labels::dateTime(u.lastLoginAt) : tr("Never");
        default: return {};
        }
    case Qt::ForegroundRole:
        if (!u.active)
            return QBrush(QPalette().color(QPalette::Disabled, QPalette::Text));
        return {};
    case Qt::UserRole: return u.id;
    default: return {};
    }
}

QVariant StaffTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case UsernameColumn: return tr("Username");
    case NameColumn: return tr("Name");
    case RoleColumn: return tr("Role");
    case ActiveColumn: return tr("State");
    case LastLoginColumn: return tr("Last sign-in");
    default: return {};
    }
}

void StaffTableModel::setUsers(QList<domain::StaffUser> users)
{
    beginResetModel();
    m_users = std::move(users);
    endResetModel();
}

int StaffTableModel::rowOfUser(qint64 id) const
{
    for (int row = 0; row < m_users.size(); ++row) {
        if (m_users.at(row).id == id)
            return row;
    }
    return -1;
}

} // namespace kedai::gui
