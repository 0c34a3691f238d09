#pragma once

#include "engine/engine.h"

#include <QObject>
#include <QThread>
#include <QTimer>

namespace kedai::app {

/// `kedaid --chat NUMBER`: a terminal conversation with the bot as that customer. Reads lines
/// from stdin (a line ending in a backslash continues the message, for addstok), prints the
/// bot's replies. At end of input it waits for the last replies, then quits.
class ChatConsole : public QObject
{
    Q_OBJECT
public:
    ChatConsole(engine::Engine *engine, QString number, QObject *parent = nullptr);
    ~ChatConsole() override;
    void start();

private:
    void send(const QString &text);
    void onConversation(const QString &channel, const QString &peer, bool outbound, const QString &text);

    engine::Engine *m_engine;
    QString m_number;
    QThread m_reader;
    QTimer m_idle;
    int m_waiting = 0;
    bool m_eof = false;
};

} // namespace kedai::app
