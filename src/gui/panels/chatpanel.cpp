#include "gui/panels/chatpanel.h"

#include "common/ids.h"
#include "engine/engine.h"
#include "gui/async.h"
#include "gui/labels.h"

#include "gui/session.h"

#include "ui_chatpanel.h"

#include <QBrush>
#include <QColor>
#include <QListWidgetItem>

namespace kedai::gui {

namespace {

const QString kSimulatorChannel = QStringLiteral("simulator");

} // namespace

ChatPanel::ChatPanel(engine::Engine *engine, Session *session, QWidget *parent)
    : QWidget(parent), ui(std::make_unique<Ui::ChatPanel>()), m_engine(engine), m_session(session)
{
    ui->setupUi(this);
    ui->chatErrorLabel->hide();
    ui->chatLog->setTextElideMode(Qt::ElideNone);

    connect(ui->chatSendButton, &QPushButton::clicked, this, &ChatPanel::send);
    connect(ui->chatInput, &QLineEdit::returnPressed, this, &ChatPanel::send);
    connect(ui->chatPhone, &QLineEdit::textChanged, this, &ChatPanel::showPeer);
    connect(m_engine, &engine::Engine::conversationMessage, this, &ChatPanel::onConversationMessage);
    showPeer();
}

ChatPanel::~ChatPanel() = default;

QString ChatPanel::peer() const
{
    return common::normalizePhone(ui->chatPhone->text());
}

void ChatPanel::send()
{
    const QString text = ui->chatInput->text().trimmed();
    if (text.isEmpty())
        return;
    const QString from = peer();
    if (from.isEmpty()) {
        ui->chatErrorLabel->setText(tr("Enter the customer's number, e.g. 628111000001."));
        ui->chatErrorLabel->show();
        return;
    }
    ui->chatErrorLabel->hide();
    ui->chatInput->clear();
    const QDateTime at = QDateTime::currentDateTime();
    onReady(m_engine->simulateMessage(from, ui->chatName->text().trimmed(), text), this,
            [this, from, text, at](common::Result<qint64> result) {
                if (!result) {
                    ui->chatErrorLabel->setText(tr("The message was not sent: %1").arg(result.error().message));
                    ui->chatErrorLabel->show();
                    if (ui->chatInput->text().isEmpty())
                        ui->chatInput->setText(text);
                    return;
                }
                // Usually conversationMessage has shown it already; record() keeps it once.
                record(from, Entry{false, text, result.value(), at});
            });
}

void ChatPanel::onConversationMessage(const QString &channel, const QString &peer, bool outbound, const QString &text,
                                      qint64 messageId)
{
    if (channel != kSimulatorChannel)
        return;
    record(common::normalizePhone(peer), Entry{outbound, text, messageId, QDateTime::currentDateTime()});
}

void ChatPanel::record(const QString &peer, const Entry &entry)
{
    if (peer.isEmpty())
        return;
    QSet<qint64> &seen = entry.outbound ? m_seenOutbound : m_seenInbound;
    if (entry.id != 0) {
        if (seen.contains(entry.id))
            return;
        seen.insert(entry.id);
    }
    m_history[peer].append(entry);
    if (peer == m_shownPeer)
        addItem(entry);
}

void ChatPanel::addItem(const Entry &entry)
{
    auto *item = new QListWidgetItem(entry.text, ui->chatLog);
    // Customer on the right in grey, the bot on the left in green, as on the phone.
    item->setTextAlignment(entry.outbound ? (Qt::AlignLeft | Qt::AlignVCenter) : (Qt::AlignRight | Qt::AlignVCenter));
    item->setBackground(entry.outbound ? QColor(0xdc, 0xf8, 0xc6) : QColor(0xe9, 0xe9, 0xeb));
    item->setForeground(QColor(0x11, 0x11, 0x11));
    item->setToolTip(entry.outbound ? tr("Bot, %1").arg(Labels::dateTime(entry.at))
                                    : tr("Customer, %1").arg(Labels::dateTime(entry.at)));
    item->setData(OutboundRole, entry.outbound);
    item->setData(MessageIdRole, entry.id);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    ui->chatLog->scrollToBottom();
}

void ChatPanel::showPeer()
{
    const QString current = peer();
    if (current == m_shownPeer)
        return;
    m_shownPeer = current;
    ui->chatLog->clear();
    for (const Entry &entry : m_history.value(current))
        addItem(entry);
}

} // namespace kedai::gui
