// The in-memory ring of the log that the Logs panel reads: every logger writes into it, lines
// come back in order after a sequence number, the oldest fall out past kRingLines, and loggers
// on several threads at once lose nothing.
#include "common/log.h"

#include <QTest>

#include <thread>
#include <vector>

namespace klog = kedai::log;

class TestLogRing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void linesComeBackInOrderAfterASequenceNumber()
    {
        const quint64 before = klog::lastSequence();
        klog::get("ringtest")->info("first {}", 1);
        klog::get("ringtest")->warn("second");
        klog::get("ringtest")->error("third");
        const auto lines = klog::linesAfter(before);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.at(0).text, QStringLiteral("first 1"));
        QCOMPARE(lines.at(0).logger, QStringLiteral("ringtest"));
        QCOMPARE(lines.at(0).level, spdlog::level::info);
        QCOMPARE(lines.at(1).level, spdlog::level::warn);
        QCOMPARE(lines.at(2).level, spdlog::level::err);
        QCOMPARE(lines.at(2).seq, before + 3);
        QCOMPARE(klog::lastSequence(), before + 3);
        QVERIFY(klog::linesAfter(before + 3).isEmpty());
        QCOMPARE(klog::linesAfter(before + 1).size(), 2);
        QCOMPARE(klog::linesAfter(before, 1).size(), 1); // the newest when capped
        QCOMPARE(klog::linesAfter(before, 1).constFirst().text, QStringLiteral("third"));
        QVERIFY(lines.at(0).timeMs > 0);
    }

    void oldestLinesFallOut()
    {
        const quint64 before = klog::lastSequence();
        for (int i = 0; i < klog::kRingLines + 100; ++i)
            klog::get("ringtest")->info("line {}", i);
        const auto lines = klog::linesAfter(0);
        QCOMPARE(lines.size(), klog::kRingLines);
        QCOMPARE(lines.constLast().text, QStringLiteral("line %1").arg(klog::kRingLines + 99));
        QCOMPARE(lines.constFirst().seq, before + 101);
    }

    void manyThreadsLoseNothing()
    {
        const quint64 before = klog::lastSequence();
        constexpr int kThreads = 4;
        constexpr int kEach = 500;
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t)
            threads.emplace_back([t] {
                for (int i = 0; i < kEach; ++i)
                    klog::get("ringtest")->info("thread {} line {}", t, i);
            });
        for (auto &t : threads)
            t.join();
        const auto lines = klog::linesAfter(before);
        QCOMPARE(lines.size(), kThreads * kEach);
        for (int i = 1; i < lines.size(); ++i)
            QCOMPARE(lines.at(i).seq, lines.at(i - 1).seq + 1);
    }
};

QTEST_GUILESS_MAIN(TestLogRing)
#include "tst_logring.moc"
