#include "common/metrics.h"

#include <algorithm>

namespace kedai::common {

Metrics &Metrics::instance()
{
    static Metrics m;
    return m;
}

void Metrics::observeReplyLatency(double seconds)
{
    for (size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i])
            m_bucketCounts[i].fetch_add(1, std::memory_order_relaxed);
    }
    m_latencyCount.fetch_add(1, std::memory_order_relaxed);
    m_latencySumMicros.fetch_add(qint64(seconds * 1e6), std::memory_order_relaxed);
}

void Metrics::setOrdersByStatus(const std::map<QString, qint64> &counts)
{
    QMutexLocker lock(&m_mutex);
    m_ordersByStatus = counts;
}

void Metrics::resetForTests()
{
    messagesIn = 0;
    messagesInDuplicate = 0;
    messagesOut = 0;
    messagesOutFailed = 0;
    httpRequests = 0;
    httpRejected = 0;
    for (auto &b : m_bucketCounts)
        b = 0;
    m_latencyCount = 0;
    m_latencySumMicros = 0;
    QMutexLocker lock(&m_mutex);
    m_ordersByStatus.clear();
}

// Label values come from the database (order statuses); the format requires \\, " and newline
// to be escaped or the whole scrape is rejected.
static QByteArray escapeLabelValue(const QString &value)
{
    QByteArray out;
    for (const char c : value.toUtf8()) {
        if (c == '\\' || c == '"')
            out += '\\';
        if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

static void counter(QByteArray &out, const char *name, const char *help, qint64 value)
{
    out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + " counter\n" + name + ' '
           + QByteArray::number(value) + '\n';
}

QByteArray Metrics::render(const QByteArray &extra) const
{
    QByteArray out;
    counter(out, "kedai_messages_in_total", "Inbound messages committed to the inbox.", messagesIn.load());
    counter(out, "kedai_messages_in_duplicate_total", "Inbound messages ignored as re-deliveries.",
            messagesInDuplicate.load());
    counter(out, "kedai_messages_out_total", "Outbound messages sent through a channel.", messagesOut.load());
    counter(out, "kedai_messages_out_failed_total", "Outbound send attempts that failed.", messagesOutFailed.load());
    counter(out, "kedai_http_requests_total", "HTTP requests received.", httpRequests.load());
    counter(out, "kedai_http_rejected_total", "HTTP requests answered with a 4xx error.", httpRejected.load());

    out += "# HELP kedai_orders Orders by status.\n# TYPE kedai_orders gauge\n";
    {
        QMutexLocker lock(&m_mutex);
        for (const auto &[status, n] : m_ordersByStatus)
            out += "kedai_orders{status=\"" + escapeLabelValue(status) + "\"} " + QByteArray::number(n) + '\n';
    }

    out += "# HELP kedai_reply_latency_seconds Time from inbox commit to reply in the outbox.\n"
           "# TYPE kedai_reply_latency_seconds histogram\n";
    // The counters are read one by one while other threads observe, so a reader can see an
    // observation in a lower bucket but not yet in a higher one (or in the buckets but not in the
    // count). Clamping keeps the exposition valid (cumulative, +Inf == _count); the figures are
    // off by at most the observations in flight.
    qint64 cumulative = 0;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
        cumulative = std::max(cumulative, m_bucketCounts[i].load());
        out += "kedai_reply_latency_seconds_bucket{le=\"" + QByteArray::number(kBuckets[i]) + "\"} "
               + QByteArray::number(cumulative) + '\n';
    }
    const qint64 count = std::max(cumulative, m_latencyCount.load());
    out += "kedai_reply_latency_seconds_bucket{le=\"+Inf\"} " + QByteArray::number(count) + '\n';
    out += "kedai_reply_latency_seconds_sum " + QByteArray::number(double(m_latencySumMicros.load()) / 1e6, 'f', 6)
           + '\n';
    out += "kedai_reply_latency_seconds_count " + QByteArray::number(count) + '\n';
    out += extra;
    return out;
}

} // namespace kedai::common
