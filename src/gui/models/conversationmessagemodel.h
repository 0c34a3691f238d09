#pragma once

#include "store/conversationrepository.h"

#include <QAbstractListModel>
#include <QList>

namespace kedai::gui {

/// One conversation's messages in time order, as a chat: the customer's messages on the left,
/// the shop's (bot and staff) on the right, each with who wrote it, when, and for the shop's
/// messages what became of them (waiting, sent, delivered, read, failed and why).
class ConversationMessageModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        OutboundRole = Qt::UserRole + 1,
        SenderRole, ///< "Customer", "Bot" or "Staff <name>" (translated)
        StatusRole, ///< outbound: translated status, empty for inbound
        TextRole,
    };

    explicit ConversationMessageModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    qint64 customerId() const { return m_customerId; }
    /// Replaces the messages; appends in place when the old ones are a prefix of the new ones
    /// (the usual case: a message came in), so the view keeps its position.
    void setMessages(qint64 customerId, QList<store::ConversationMessage> messages);
    void clear();
    const store::ConversationMessage &message(int row) const { return m_rows.at(row); }

    static QString sender(const store::ConversationMessage &m);
    /// Waiting, sending, sent, delivered, read, played or failed (with the error).
    static QString status(const store::ConversationMessage &m);

private:
    QList<store::ConversationMessage> m_rows;
    qint64 m_customerId = 0;
};

} // namespace kedai::gui
