#include "gui/panels/conversationspanel.h"

#include "engine/engine.h"
#include "gui/async.h"
#include "gui/constants.h"
#include "gui/labels.h"
#include "gui/models/conversationlistmodel.h"
#include "gui/models/conversationmessagemodel.h"
#include "gui/reloadscheduler.h"
#include "gui/session.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

namespace kedai::gui {

namespace {

constexpr int kTickMs = 30'000; ///< pauses end while the panel is open
constexpr int kDefaultPauseMin = 30;

QListView *makeList(const QString &name, QAbstractItemModel *model, QWidget *parent)
{
    auto *view = new QListView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setWordWrap(true);
    view->setUniformItemSizes(false);
    view->setTextElideMode(Qt::ElideRight);
    return view;
}

} // namespace

ConversationsPanel::ConversationsPanel(engine::Engine *engine, Session *session, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_session(session)
    , m_list(new ConversationListModel(this))
    , m_messages(new ConversationMessageModel(this))
    , m_listReload(new ReloadScheduler([this] { loadList(); }, this))
    , m_threadReload(new ReloadScheduler([this] { loadThread(); }, this))
    , m_tick(new QTimer(this))
{
    buildLayout();
    connect(m_search, &QLineEdit::textChanged, m_listReload, &ReloadScheduler::schedule);
    connect(m_listView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ConversationsPanel::onSelectionChanged);
    connect(m_list, &QAbstractItemModel::modelReset, this, &ConversationsPanel::onSelectionChanged);
    connect(m_sendButton, &QPushButton::clicked, this, &ConversationsPanel::sendReply);
    connect(m_resumeButton, &QPushButton::clicked, this, &ConversationsPanel::resumeBot);
    connect(m_reply, &QPlainTextEdit::textChanged, this, &ConversationsPanel::updateButtons);
    for (const QKeySequence &keys : {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *shortcut = new QShortcut(keys, m_reply);
        shortcut->setContext(Qt::WidgetShortcut);
        connect(shortcut, &QShortcut::activated, this, &ConversationsPanel::sendReply);
    }

    connect(m_engine, &engine::Engine::conversationMessage, this, [this] {
        m_listReload->schedule();
        if (m_selectedId != 0)
            m_threadReload->schedule();
    });
    // Delivered / read / failed reported by the channel: the open thread shows it.
    connect(m_engine, &engine::Engine::deliveryChanged, this, [this] {
        if (m_selectedId != 0)
            m_threadReload->schedule();
    });
    connect(m_engine, &engine::Engine::customerChanged, this, [this](qint64 customerId) {
        m_listReload->schedule();
        if (customerId == m_selectedId) // a merge moves messages here
            m_threadReload->schedule();
    });

    m_tick->setInterval(kTickMs);
    connect(m_tick, &QTimer::timeout, this, [this] {
        m_list->setNow(QDateTime::currentDateTimeUtc());
        updateHeader();
    });
    m_tick->start();

    updateHeader();
    updateButtons();
    loadPauseSetting();
    m_listReload->reloadNow();
}

ConversationsPanel::~ConversationsPanel() = default;

void ConversationsPanel::buildLayout()
{
    auto *layout = new QVBoxLayout(this);
    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("conversationErrorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_errorLabel->hide();
    layout->addWidget(m_errorLabel);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    layout->addWidget(splitter, 1);

    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_search = new QLineEdit(left);
    m_search->setObjectName(QStringLiteral("conversationSearch"));
    m_search->setPlaceholderText(tr("Search name, number or chat id…"));
    m_search->setClearButtonEnabled(true);
    leftLayout->addWidget(m_search);
    m_listView = makeList(QStringLiteral("conversationList"), m_list, left);
    m_listView->setSelectionMode(QAbstractItemView::SingleSelection);
    leftLayout->addWidget(m_listView, 1);

    auto *right = new QWidget(splitter);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto *header = new QHBoxLayout;
    m_titleLabel = new QLabel(right);
    m_titleLabel->setObjectName(QStringLiteral("conversationTitle"));
    m_titleLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pauseLabel = new QLabel(right);
    m_pauseLabel->setObjectName(QStringLiteral("pauseLabel"));
    m_pauseLabel->setStyleSheet(QStringLiteral("color: #b9770e; font-weight: bold;"));
    m_resumeButton = new QPushButton(tr("&Resume bot"), right);
    m_resumeButton->setObjectName(QStringLiteral("resumeBotButton"));
    m_resumeButton->setToolTip(tr("Let the bot answer this customer again now."));
    header->addWidget(m_titleLabel, 1);
    header->addWidget(m_pauseLabel);
    header->addWidget(m_resumeButton);
    rightLayout->addLayout(header);

    m_threadView = makeList(QStringLiteral("conversationThread"), m_messages, right);
    m_threadView->setSelectionMode(QAbstractItemView::NoSelection);
    m_threadView->setSpacing(3);
    rightLayout->addWidget(m_threadView, 1);

    m_reply = new QPlainTextEdit(right);
    m_reply->setObjectName(QStringLiteral("replyEdit"));
    m_reply->setPlaceholderText(tr("Reply to the customer (Ctrl+Enter sends)"));
    m_reply->setTabChangesFocus(true);
    m_reply->setMaximumHeight(m_reply->fontMetrics().lineSpacing() * 5);
    rightLayout->addWidget(m_reply);
    auto *replyBar = new QHBoxLayout;
    m_noteLabel = new QLabel(right);
    m_noteLabel->setObjectName(QStringLiteral("pauseNoteLabel"));
    m_noteLabel->setWordWrap(true);
    m_sendButton = new QPushButton(tr("&Send"), right);
    m_sendButton->setObjectName(QStringLiteral("sendReplyButton"));
    replyBar->addWidget(m_noteLabel, 1);
    replyBar->addWidget(m_sendButton);
    rightLayout->addLayout(replyBar);

    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
}

void ConversationsPanel::reload()
{
    loadPauseSetting();
    m_listReload->reloadNow();
    if (m_selectedId != 0)
        m_threadReload->reloadNow();
}

void ConversationsPanel::loadPauseSetting()
{
    onReady(m_engine->setting(QStringLiteral("bot_pause_min"), QString::number(kDefaultPauseMin)), this,
            [this](common::Result<QString> result) {
                bool ok = false;
                const int minutes = result ? result->trimmed().toInt(&ok) : kDefaultPauseMin;
                m_pauseMinutes = ok ? minutes : kDefaultPauseMin;
                updateHeader();
            });
}

void ConversationsPanel::loadList()
{
    onReady(m_engine->conversations(m_search->text()), this,
            [this](common::Result<QList<store::ConversationSummary>> result) {
                m_listReload->finished();
                m_loaded = true;
                if (!result) {
                    m_errorLabel->setText(tr("Could not load the conversations: %1").arg(errorText(result.error())));
                    m_errorLabel->show();
                    return;
                }
                m_errorLabel->hide();
                const qint64 keep = m_selectedId;
                m_applying = true;
                m_list->setNow(QDateTime::currentDateTimeUtc());
                m_list->setConversations(std::move(result).value());
                if (keep != 0) {
                    const int row = m_list->rowOfCustomer(keep);
                    if (row >= 0 && !m_listView->selectionModel()->isRowSelected(row, {}))
                        m_listView->setCurrentIndex(m_list->index(row));
                }
                m_applying = false;
                onSelectionChanged();
            });
}

void ConversationsPanel::loadThread()
{
    const qint64 customerId = m_selectedId;
    if (customerId == 0) {
        m_messages->clear();
        m_threadReload->finished();
        return;
    }
    onReady(m_engine->conversationMessages(customerId), this,
            [this, customerId](common::Result<QList<store::ConversationMessage>> result) {
                m_threadReload->finished();
                if (customerId != m_selectedId)
                    return;
                if (!result) {
                    Q_EMIT statusMessage(tr("Could not load the conversation: %1").arg(errorText(result.error())));
                    return;
                }
                // Follows new messages unless staff scrolled up to read older ones.
                const QModelIndex bottom = m_threadView->indexAt(m_threadView->viewport()->rect().bottomLeft());
                const bool atEnd = m_messages->customerId() != customerId || !bottom.isValid()
                                   || bottom.row() >= m_messages->rowCount() - 1;
                m_messages->setMessages(customerId, std::move(result).value());
                if (atEnd)
                    m_threadView->scrollToBottom();
            });
}

std::optional<store::ConversationSummary> ConversationsPanel::selected() const
{
    const QModelIndexList rows = m_listView->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    return m_list->conversation(rows.first().row());
}

void ConversationsPanel::onSelectionChanged()
{
    if (m_applying)
        return;
    const auto conversation = selected();
    const qint64 id = conversation ? conversation->customerId : 0;
    // A customer that left the list (a search, a merge) stays open until another is chosen.
    if (id != 0 && id != m_selectedId) {
        m_selectedId = id;
        m_messages->clear();
        m_threadReload->reloadNow();
    }
    updateHeader();
    updateButtons();
}

bool ConversationsPanel::selectCustomer(qint64 customerId)
{
    int row = m_list->rowOfCustomer(customerId);
    if (row < 0)
        return false;
    m_listView->setCurrentIndex(m_list->index(row));
    return true;
}

void ConversationsPanel::updateHeader()
{
    const int row = m_list->rowOfCustomer(m_selectedId);
    if (m_selectedId == 0 || row < 0) {
        m_titleLabel->setText(m_selectedId == 0 ? tr("Select a conversation.") : m_titleLabel->text());
        if (m_selectedId == 0) {
            m_pauseLabel->clear();
            m_resumeButton->hide();
        }
    } else {
        const store::ConversationSummary &c = m_list->conversation(row);
        m_titleLabel->setText(
            tr("%1 — %2").arg(ConversationListModel::title(c), c.channels.join(QStringLiteral(", "))));
        const bool paused = c.botPausedUntil.isValid() && c.botPausedUntil > QDateTime::currentDateTimeUtc();
        m_pauseLabel->setText(paused ? tr("Bot paused until %1").arg(Labels::dateTime(c.botPausedUntil)) : QString());
        m_resumeButton->setVisible(paused);
    }
    m_noteLabel->setText(m_pauseMinutes > 0 ? tr("The bot pauses for %n minute(s) for this customer after your reply.",
                                                 nullptr, m_pauseMinutes)
                                            : tr("The bot keeps answering this customer after your reply."));
}

void ConversationsPanel::updateButtons()
{
    const bool open = m_selectedId != 0;
    m_reply->setEnabled(open);
    m_sendButton->setEnabled(open && !m_sending && !m_reply->toPlainText().trimmed().isEmpty());
    m_resumeButton->setEnabled(open);
}

QString ConversationsPanel::errorText(const common::Error &error) const
{
    if (error.code == QLatin1String("conversation.too_long"))
        return tr("The reply is too long: at most %1 characters.").arg(store::ConversationRepository::kMaxReplyLength);
    if (error.code == QLatin1String("conversation.no_identity"))
        return tr("This customer has no chat to reply to.");
    if (error.code == QLatin1String("customer.merged"))
        return tr("This customer was merged into another one; open that customer's conversation.");
    if (error.code == QLatin1String("customer.not_found"))
        return tr("This customer no longer exists.");
    return Labels::error(error);
}

void ConversationsPanel::sendReply()
{
    const QString text = m_reply->toPlainText().trimmed();
    const qint64 customerId = m_selectedId;
    if (text.isEmpty() || customerId == 0 || m_sending)
        return;
    m_sending = true;
    updateButtons();
    onReady(m_engine->sendStaffReply(customerId, text, m_session->actor()), this,
            [this, text](common::Result<store::StaffReply> result) {
                m_sending = false;
                if (!result) {
                    m_errorLabel->setText(tr("The reply was not sent: %1").arg(errorText(result.error())));
                    m_errorLabel->show();
                    updateButtons();
                    return;
                }
                m_errorLabel->hide();
                // Cleared only now, so a refused reply is not lost; not when staff typed on.
                if (m_reply->toPlainText().trimmed() == text)
                    m_reply->clear();
                Q_EMIT statusMessage(
                    result->botPausedUntil.isValid()
                        ? tr("Reply queued; the bot is paused until %1.").arg(Labels::dateTime(result->botPausedUntil))
                        : tr("Reply queued."));
                m_listReload->schedule();
                m_threadReload->schedule();
                updateButtons();
            });
}

void ConversationsPanel::resumeBot()
{
    const qint64 customerId = m_selectedId;
    if (customerId == 0)
        return;
    m_resumeButton->setEnabled(false);
    onReady(m_engine->resumeBot(customerId, m_session->actor()), this, [this](common::Result<domain::Customer> result) {
        updateButtons();
        if (!result) {
            m_errorLabel->setText(tr("Could not resume the bot: %1").arg(errorText(result.error())));
            m_errorLabel->show();
            return;
        }
        m_errorLabel->hide();
        Q_EMIT statusMessage(tr("The bot answers this customer again."));
        m_listReload->schedule();
    });
}

} // namespace kedai::gui
