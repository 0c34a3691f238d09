#pragma once

#include "domain/staff.h"

#include <QAbstractTableModel>
#include <QList>

namespace kedai::gui {

/// The desktop accounts (staff_users), by username. Switched-off accounts are shown greyed.
class StaffTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { UsernameColumn, NameColumn, RoleColumn, ActiveColumn, LastLoginColumn, ColumnCount };

    explicit StaffTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setUsers(QList<domain::StaffUser> users);
    const domain::StaffUser &user(int row) const { return m_users.at(row); }
    /// -1 when not listed.
    int rowOfUser(qint64 id) const;

private:
    QList<domain::StaffUser> m_users;
};

} // namespace kedai::gui
