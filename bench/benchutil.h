#pragma once

// Small helpers shared by the QRIS benchmarks: throughput and latency of a measured run.

#include <QElapsedTimer>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdio>
#include <functional>
#include <vector>

namespace kedai::bench {

/// What a measured run did: how many operations, in how long, and each one's latency.
struct Measured
{
    int done = 0;
    int failed = 0;
    double seconds = 0;
    std::vector<double> latenciesMs;

    double perSecond() const { return seconds > 0 ? done / seconds : 0; }
    /// The p-quantile (0..1) of the latencies, 0 when there are none.
    double percentile(double p) const
    {
        if (latenciesMs.empty())
            return 0;
        std::vector<double> v = latenciesMs;
        const auto k = size_t(std::min<double>(double(v.size() - 1), p * double(v.size())));
        std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(k), v.end());
        return v[k];
    }
};

/// Runs `work(i)` for i = 0, 1, 2... on `threads` threads (each index once, claimed in order)
/// until `count` indices are done or `budgetSeconds` have passed. `work` returns false on a
/// failed operation. Threads are QThreads, so each gets its own database connection.
inline Measured runParallel(int threads, int count, double budgetSeconds, const std::function<bool(int)> &work)
{
    std::atomic<int> next{0};
    std::atomic<int> failed{0};
    std::vector<std::vector<double>> latencies(size_t(std::max(1, threads)));
    QElapsedTimer clock;
    clock.start();
    const qint64 budgetNs = qint64(budgetSeconds * 1e9);
    auto body = [&](size_t slot) {
        QElapsedTimer t;
        for (;;) {
            if (clock.nsecsElapsed() > budgetNs)
                return;
            const int i = next.fetch_add(1);
            if (i >= count)
                return;
            t.start();
            if (!work(i))
                failed.fetch_add(1);
            latencies[slot].push_back(double(t.nsecsElapsed()) / 1e6);
        }
    };
    std::vector<QThread *> pool;
    for (size_t s = 0; s < latencies.size(); ++s)
        pool.push_back(QThread::create(body, s));
    for (QThread *t : pool)
        t->start();
    for (QThread *t : pool) {
        t->wait();
        delete t;
    }
    Measured m;
    m.seconds = double(clock.nsecsElapsed()) / 1e9;
    for (auto &l : latencies)
        m.latenciesMs.insert(m.latenciesMs.end(), l.begin(), l.end());
    m.done = int(m.latenciesMs.size());
    m.failed = failed.load();
    return m;
}

/// "  label ......  12345 /s" in the column layout of kedai_bench.
inline void printRate(const char *label, double perSecond, const char *suffix = "")
{
    std::printf("  %-46s %10.0f /s%s\n", label, perSecond, suffix);
}

} // namespace kedai::bench
