#include "app/chatconsole.h"

#include <QCoreApplication>

#include <cstdio>
#include <iostream>
#include <string>

namespace kedai::app {

ChatConsole::ChatConsole(engine::Engine *engine, QString number, QObject *parent)
    : QObject(parent), m_engine(engine), m_number(std::move(number))
{
    connect(m_engine, &engine::Engine::conversationMessage, this,
            [this](const QString &channel, const QString &peer, bool outbound, const QString &text, qint64) {
                onConversation(channel, peer, outbound, text);
            });
    m_idle.setSingleShot(true);
    m_idle.setInterval(1500);
    connect(&m_idle, &QTimer::timeout, qApp, &QCoreApplication::quit);
}

ChatConsole::~ChatConsole()
{
    m_reader.requestInterruption();
    if (m_reader.isRunning()) {
        // std::getline cannot be interrupted; the process is exiting, so detach from it.
        m_reader.terminate();
        m_reader.wait();
    }
}

void ChatConsole::start()
{
    std::printf("Chatting as %s. Type a message (e.g. menu, stok, buy NF1 1) and press Enter; Ctrl+D ends.\n",
                qPrintable(m_number));
    std::fflush(stdout);
    QThread *reader = QThread::create([this] {
        std::string line;
        QString pending;
        while (std::getline(std::cin, line)) {
            QString text = QString::fromStdString(line);
            if (text.endsWith(QLatin1Char('\\'))) {
                pending += text.chopped(1) + QLatin1Char('\n');
                continue;
            }
            text = pending + text;
            pending.clear();
            QMetaObject::invokeMethod(
                this, [this, text] { send(text); }, Qt::QueuedConnection);
        }
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_eof = true;
                if (m_waiting <= 0)
                    m_idle.start();
            },
            Qt::QueuedConnection);
    });
    reader->setParent(this);
    connect(reader, &QThread::finished, reader, &QObject::deleteLater);
    reader->start();
}

void ChatConsole::send(const QString &text)
{
    if (text.trimmed().isEmpty())
        return;
    ++m_waiting;
    m_engine->simulateMessage(m_number, QString(), text).then(this, [this](common::Result<qint64> r) {
        if (!r) {
            std::printf("! %s\n", qPrintable(r.error().message));
            std::fflush(stdout);
            --m_waiting;
        }
    });
}

void ChatConsole::onConversation(const QString &channel, const QString &peer, bool outbound, const QString &text)
{
    if (!outbound || channel != QLatin1String("simulator") || peer != m_number)
        return;
    std::printf("\n%s\n", qPrintable(text));
    std::printf("----\n");
    std::fflush(stdout);
    --m_waiting;
    if (m_eof)
        m_idle.start(); // restart: the last reply may be followed by more
}

} // namespace kedai::app
