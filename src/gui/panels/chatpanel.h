#pragma once

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QWidget>

#include <memory>

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

class Session;

namespace Ui {
class ChatPanel;
}

/// The chat simulator: staff write to the bot as a customer (simulator channel) and see both
/// sides of the conversation. Replies arrive through the engine's conversationMessage signal.
class ChatPanel : public QWidget
{
    Q_OBJECT
public:
    /// Roles on the chatLog items.
    enum Role { OutboundRole = Qt::UserRole + 1, MessageIdRole };

    ChatPanel(engine::Engine *engine, Session *session, QWidget *parent = nullptr);
    ~ChatPanel() override;

    /// The simulated customer's number, normalised (empty when the field is not a number).
    QString peer() const;

Q_SIGNALS:
    void statusMessage(const QString &text);

private:
    struct Entry
    {
        bool outbound = false;
        QString text;
        qint64 id = 0;
        QDateTime at;
    };

    void send();
    void onConversationMessage(const QString &channel, const QString &peer, bool outbound, const QString &text,
                               qint64 messageId);
    /// Records a message of `peer` once (by direction and id) and shows it if that peer is shown.
    void record(const QString &peer, const Entry &entry);
    void addItem(const Entry &entry);
    void showPeer();

    std::unique_ptr<Ui::ChatPanel> ui;
    engine::Engine *m_engine;
    Session *m_session;
    QHash<QString, QList<Entry>> m_history;
    QSet<qint64> m_seenInbound;
    QSet<qint64> m_seenOutbound;
    QString m_shownPeer;
};

} // namespace kedai::gui
