#pragma once

#include "store/conversationrepository.h"

#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QTimer;

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

class Session;

class ConversationListModel;
class ConversationMessageModel;
class ReloadScheduler;

/// Conversations with human takeover: the customers who wrote (search, last message, how many
/// wait for an answer, bot paused), the selected customer's messages over all their channels,
/// and a reply box. A staff reply goes to the channel the customer wrote from last and pauses
/// the bot for that customer (setting bot_pause_min); "Resume bot" ends the pause. Live on the
/// engine's conversationMessage and customerChanged.
class ConversationsPanel : public QWidget
{
    Q_OBJECT
public:
    ConversationsPanel(engine::Engine *engine, Session *session, QWidget *parent = nullptr);
    ~ConversationsPanel() override;

    ConversationListModel *listModel() const { return m_list; }
    ConversationMessageModel *messageModel() const { return m_messages; }
    QPlainTextEdit *replyEdit() const { return m_reply; }
    QPushButton *sendButton() const { return m_sendButton; }
    QPushButton *resumeButton() const { return m_resumeButton; }
    QLabel *pauseLabel() const { return m_pauseLabel; }
    QLineEdit *searchEdit() const { return m_search; }
    bool hasLoaded() const { return m_loaded; }
    qint64 selectedCustomerId() const { return m_selectedId; }
    /// Selects the customer's conversation. False when not listed.
    bool selectCustomer(qint64 customerId);

    void reload();
    /// Sends the reply box's text (what the Send button and Ctrl+Enter do).
    void sendReply();
    void resumeBot();

Q_SIGNALS:
    void statusMessage(const QString &text);

private:
    void buildLayout();
    void loadList();
    void loadThread();
    void loadPauseSetting();
    void onSelectionChanged();
    void updateHeader();
    void updateButtons();
    std::optional<store::ConversationSummary> selected() const;
    QString errorText(const common::Error &error) const;

    engine::Engine *m_engine;
    Session *m_session;
    ConversationListModel *m_list;
    ConversationMessageModel *m_messages;
    ReloadScheduler *m_listReload;
    ReloadScheduler *m_threadReload;
    QTimer *m_tick;
    QLineEdit *m_search = nullptr;
    QListView *m_listView = nullptr;
    QListView *m_threadView = nullptr;
    QLabel *m_titleLabel = nullptr;
    QLabel *m_pauseLabel = nullptr;
    QLabel *m_noteLabel = nullptr;
    QLabel *m_errorLabel = nullptr;
    QPushButton *m_resumeButton = nullptr;
    QPlainTextEdit *m_reply = nullptr;
    QPushButton *m_sendButton = nullptr;
    qint64 m_selectedId = 0;
    int m_pauseMinutes = 30;
    bool m_loaded = false;
    bool m_sending = false;
    bool m_applying = false;
};

} // namespace kedai::gui
