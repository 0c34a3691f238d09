#include "gui/models/conversationlistmodel.h"

#include "gui/labels.h"

#include <QFont>

namespace kedai::gui {

ConversationListModel::ConversationListModel(QObject *parent) : QAbstractListModel(parent) {}

int ConversationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QString ConversationListModel::title(const store::ConversationSummary &c)
{
    if (c.name.isEmpty())
        return c.phone.isEmpty() ? tr("Customer %1").arg(c.customerId) : c.phone;
    return c.phone.isEmpty() ? c.name : QStringLiteral("%1 (%2)").arg(c.name, c.phone);
}

bool ConversationListModel::pausedAt(const store::ConversationSummary &c) const
{
    return c.botPausedUntil.isValid() && c.botPausedUntil > m_now;
}

QVariant ConversationListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const store::ConversationSummary &c = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole: {
        QString head = title(c);
        if (c.unanswered > 0)
            head += QStringLiteral("  [%1]").arg(c.unanswered);
        if (pausedAt(c))
            head += QStringLiteral("  · ") + tr("bot paused");
        const QString last = (c.lastOutbound ? tr("You: %1") : QStringLiteral("%1")).arg(c.lastText);
        return QString(head + QLatin1Char('\n') + Labels::dateTime(c.lastAt) + QStringLiteral("  ") + last);
    }
    case Qt::ToolTipRole: {
        QString tip = tr("Channels: %1").arg(c.channels.join(QStringLiteral(", ")));
        if (c.unanswered > 0)
            tip += QLatin1Char('\n') + tr("%n message(s) waiting for an answer", nullptr, c.unanswered);
        if (pausedAt(c))
            tip += QLatin1Char('\n') + tr("The bot is paused until %1").arg(Labels::dateTime(c.botPausedUntil));
        return tip;
    }
    case Qt::FontRole:
        if (c.unanswered > 0) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case CustomerIdRole: return c.customerId;
    case UnansweredRole: return c.unanswered;
    case PausedRole: return pausedAt(c);
    case LastTextRole: return c.lastText;
    default: return {};
    }
}

void ConversationListModel::setConversations(QList<store::ConversationSummary> conversations)
{
    bool sameRows = conversations.size() == m_rows.size();
    for (qsizetype i = 0; sameRows && i < m_rows.size(); ++i)
        sameRows = conversations.at(i).customerId == m_rows.at(i).customerId;
    if (!sameRows) {
        beginResetModel();
        m_rows = std::move(conversations);
        endResetModel();
        return;
    }
    m_rows = std::move(conversations);
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1));
}

void ConversationListModel::setNow(const QDateTime &now)
{
    m_now = now;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1));
}

int ConversationListModel::rowOfCustomer(qint64 customerId) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).customerId == customerId)
            return int(i);
    }
    return -1;
}

} // namespace kedai::gui
