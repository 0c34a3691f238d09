#pragma once

#include "store/conversationrepository.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QList>

namespace kedai::gui {

/// The Conversations panel's list: one row per customer, latest conversation first, with the
/// last message, how many messages wait for an answer, and whether the bot is paused.
class ConversationListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        CustomerIdRole = Qt::UserRole + 1,
        UnansweredRole,
        PausedRole, ///< bool: the bot is paused for this customer now
        LastTextRole,
    };

    explicit ConversationListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    /// Updates rows in place when the same customers come back in the same order.
    void setConversations(QList<store::ConversationSummary> conversations);
    /// The time against which pauses are shown (pauses end while the panel is open).
    void setNow(const QDateTime &now);
    const store::ConversationSummary &conversation(int row) const { return m_rows.at(row); }
    int rowOfCustomer(qint64 customerId) const;

    /// "Budi (628111)", or the number alone.
    static QString title(const store::ConversationSummary &c);

private:
    bool pausedAt(const store::ConversationSummary &c) const;

    QList<store::ConversationSummary> m_rows;
    QDateTime m_now = QDateTime::currentDateTimeUtc();
};

} // namespace kedai::gui
