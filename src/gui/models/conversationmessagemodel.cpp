#include "gui/models/conversationmessagemodel.h"

#include "gui/labels.h"

#include <QBrush>
#include <QColor>
#include <QFileInfo>

namespace kedai::gui {

namespace {

bool sameMessage(const store::ConversationMessage &a, const store::ConversationMessage &b)
{
    return a.outbound == b.outbound && a.id == b.id;
}

} // namespace

ConversationMessageModel::ConversationMessageModel(QObject *parent) : QAbstractListModel(parent) {}

int ConversationMessageModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QString ConversationMessageModel::sender(const store::ConversationMessage &m)
{
    if (!m.outbound)
        return tr("Customer");
    if (m.sentBy.startsWith(QLatin1String("staff:")))
        return tr("Staff %1").arg(m.sentBy.mid(6));
    return m.sentBy.isEmpty() ? tr("Bot") : m.sentBy;
}

QString ConversationMessageModel::status(const store::ConversationMessage &m)
{
    if (!m.outbound)
        return {};
    const bool failed = m.status == QLatin1String("failed") || m.delivery == QLatin1String("failed");
    if (failed) {
        QString why = m.lastError;
        if (m.errorCode != 0)
            why = why.isEmpty() ? QString::number(m.errorCode) : QStringLiteral("%1 (%2)").arg(why).arg(m.errorCode);
        return why.isEmpty() ? tr("Failed") : tr("Failed: %1").arg(why);
    }
    if (m.delivery == QLatin1String("read"))
        return tr("Read");
    if (m.delivery == QLatin1String("played"))
        return tr("Played");
    if (m.delivery == QLatin1String("delivered"))
        return tr("Delivered");
    if (m.status == QLatin1String("sent") || m.delivery == QLatin1String("sent"))
        return tr("Sent");
    if (m.status == QLatin1String("sending"))
        return tr("Sending");
    return tr("Waiting to be sent");
}

QVariant ConversationMessageModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const store::ConversationMessage &m = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole: {
        QString head = sender(m) + QStringLiteral(" · ") + Labels::dateTime(m.at);
        if (m.outbound)
            head += QStringLiteral(" · ") + status(m);
        QString body = m.text;
        if (!m.mediaPath.isEmpty())
            body = QStringLiteral("[%1] ").arg(QFileInfo(m.mediaPath).fileName()) + body;
        else if (body.isEmpty())
            body = tr("(%1 message)").arg(domain::messageTypeName(m.type));
        return QString(head + QLatin1Char('\n') + body);
    }
    case Qt::ToolTipRole: return tr("%1 on %2 (%3)").arg(sender(m), m.channel, m.peer);
    case Qt::TextAlignmentRole:
        return int(m.outbound ? (Qt::AlignRight | Qt::AlignVCenter) : (Qt::AlignLeft | Qt::AlignVCenter));
    case Qt::BackgroundRole:
        if (m.outbound && (m.status == QLatin1String("failed") || m.delivery == QLatin1String("failed")))
            return QBrush(QColor(0xf8, 0xd7, 0xda));
        if (m.outbound && m.sentBy.startsWith(QLatin1String("staff:")))
            return QBrush(QColor(0xd6, 0xea, 0xf8));
        return QBrush(m.outbound ? QColor(0xdc, 0xf8, 0xc6) : QColor(0xe9, 0xe9, 0xeb));
    case Qt::ForegroundRole: return QBrush(QColor(0x11, 0x11, 0x11));
    case OutboundRole: return m.outbound;
    case SenderRole: return sender(m);
    case StatusRole: return status(m);
    case TextRole: return m.text;
    default: return {};
    }
}

void ConversationMessageModel::setMessages(qint64 customerId, QList<store::ConversationMessage> messages)
{
    bool prefix = customerId == m_customerId && messages.size() >= m_rows.size() && !m_rows.isEmpty();
    for (qsizetype i = 0; prefix && i < m_rows.size(); ++i)
        prefix = sameMessage(m_rows.at(i), messages.at(i));
    if (!prefix) {
        beginResetModel();
        m_customerId = customerId;
        m_rows = std::move(messages);
        endResetModel();
        return;
    }
    const int old = int(m_rows.size());
    // Statuses of the earlier ones may have changed (sent, delivered, read).
    for (int i = 0; i < old; ++i)
        m_rows[i] = messages.at(i);
    if (old > 0)
        Q_EMIT dataChanged(index(0), index(old - 1));
    if (messages.size() > old) {
        beginInsertRows({}, old, int(messages.size()) - 1);
        m_rows = std::move(messages);
        endInsertRows();
    }
}

void ConversationMessageModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_customerId = 0;
    endResetModel();
}

} // namespace kedai::gui
