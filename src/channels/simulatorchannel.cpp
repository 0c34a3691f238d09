#include "channels/simulatorchannel.h"

namespace kedai::channels {

common::Result<SendReceipt> SimulatorChannel::send(const domain::OutboundMessage &message)
{
    if (message.to.isEmpty())
        return common::makeError(QStringLiteral("channel.permanent"), QStringLiteral("message has no recipient"));
    return SendReceipt{QStringLiteral("sim-%1").arg(++m_counter)};
}

} // namespace kedai::channels
