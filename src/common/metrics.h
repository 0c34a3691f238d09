#pragma once

#include <QByteArray>
#include <QMutex>
#include <QString>

#include <array>
#include <atomic>
#include <map>

namespace kedai::common {

/// Process-wide counters for /metrics (Prometheus text format). Lock-free on the hot paths.
class Metrics
{
public:
    static Metrics &instance();

    std::atomic<qint64> messagesIn{0};
    std::atomic<qint64> messagesInDuplicate{0};
    std::atomic<qint64> messagesOut{0};
    std::atomic<qint64> messagesOutFailed{0};
    std::atomic<qint64> httpRequests{0};
    std::atomic<qint64> httpRejected{0};

    /// Seconds from inbox commit to the reply's commit to the outbox.
    void observeReplyLatency(double seconds);

    /// Orders counted by status, refreshed from the database by the engine.
    void setOrdersByStatus(const std::map<QString, qint64> &counts);

    static constexpr std::array<double, 10> kBuckets{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

    /// Renders every metric; `extraGauges` are lines added by the caller (health gauges).
    QByteArray render(const QByteArray &extra = {}) const;

    void resetForTests();

private:
    Metrics() = default;
    std::array<std::atomic<qint64>, kBuckets.size()> m_bucketCounts{};
    std::atomic<qint64> m_latencyCount{0};
    std::atomic<qint64> m_latencySumMicros{0};
    mutable QMutex m_mutex;
    std::map<QString, qint64> m_ordersByStatus;
};

} // namespace kedai::common
