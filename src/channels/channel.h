#pragma once

#include "common/result.h"
#include "domain/message.h"

#include <QString>

namespace kedai::channels {

struct SendReceipt
{
    QString externalId; ///< the channel's id for the sent message
};

/// A messaging channel the sender thread delivers outbox rows through.
/// Errors carry code "channel.transient" (retry with backoff) or "channel.permanent".
class IChannel
{
public:
    virtual ~IChannel() = default;
    virtual QString name() const = 0;
    /// Called on the sender thread only.
    virtual common::Result<SendReceipt> send(const domain::OutboundMessage &message) = 0;
};

} // namespace kedai::channels
