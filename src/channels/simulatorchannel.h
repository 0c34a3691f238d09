#pragma once

#include "channels/channel.h"

#include <atomic>

namespace kedai::channels {

/// The built-in test channel: customers are simulated through the HTTP simulator API, the GUI's
/// chat simulator and `kedaid --chat`. "Sending" records the message as delivered; readers
/// fetch it from the outbox (sent rows) through the engine.
class SimulatorChannel final : public IChannel
{
public:
    static QString kName() { return QStringLiteral("simulator"); }
    QString name() const override { return kName(); }
    common::Result<SendReceipt> send(const domain::OutboundMessage &message) override;
    bool paced() const override { return false; }

private:
    std::atomic<qint64> m_counter{0};
};

} // namespace kedai::channels
