#include "unit/server/promcheck.h"

#include "common/metrics.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <vector>

using namespace kedai;

/// What /metrics serves must pass a Prometheus scrape: the checker the server tests rely on, and
/// Metrics::render() under the conditions a running server creates (concurrent observations,
/// label values from the database).
class TestMetricsExposition : public QObject
{
    Q_OBJECT

private slots:
    void init() { common::Metrics::instance().resetForTests(); }
    void cleanupTestCase() { common::Metrics::instance().resetForTests(); }

    void checkerRejectsBrokenText_data();
    void checkerRejectsBrokenText();
    void checkerAcceptsReferenceText();
    void labelValuesAreEscaped();
    void renderStaysValidWhileObserving();
};

void TestMetricsExposition::checkerRejectsBrokenText_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("no final newline") << QByteArray("# TYPE a gauge\na 1");
    QTest::newRow("sample before TYPE") << QByteArray("a 1\n# TYPE a gauge\n");
    QTest::newRow("family split") << QByteArray("# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\na{x=\"1\"} 2\n");
    QTest::newRow("not cumulative") << QByteArray("# TYPE h histogram\nh_bucket{le=\"1\"} 5\nh_bucket{le=\"2\"} 4\n"
                                                  "h_bucket{le=\"+Inf\"} 5\nh_sum 1\nh_count 5\n");
    QTest::newRow("+Inf != count") << QByteArray("# TYPE h histogram\nh_bucket{le=\"1\"} 1\n"
                                                 "h_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n");
    QTest::newRow("no +Inf bucket") << QByteArray("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n");
    QTest::newRow("unescaped quote") << QByteArray("# TYPE a gauge\na{s=\"x\"y\"} 1\n");
    QTest::newRow("not a number") << QByteArray("# TYPE a gauge\na one\n");
}

void TestMetricsExposition::checkerRejectsBrokenText()
{
    QFETCH(QByteArray, text);
    QVERIFY(!test::checkExposition(text).isEmpty());
}

void TestMetricsExposition::checkerAcceptsReferenceText()
{
    // The checker must accept the reference exposition, or its rejections mean nothing.
    QFile fixture(qEnvironmentVariable("KEDAI_SOURCE_DIR")
                  + QStringLiteral("/../shared/fixtures/prometheus/exposition_example.txt"));
    if (!fixture.open(QIODevice::ReadOnly))
        QSKIP("shared fixtures not found (KEDAI_SOURCE_DIR/../shared/fixtures)");
    const QString problem = test::checkExposition(fixture.readAll());
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestMetricsExposition::labelValuesAreEscaped()
{
    common::Metrics::instance().setOrdersByStatus(
        {{QStringLiteral("paid"), 3}, {QStringLiteral("odd\"status\\with\nnewline"), 1}});
    const QByteArray text = common::Metrics::instance().render();
    const QString problem = test::checkExposition(text);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(text.contains("kedai_orders{status=\"odd\\\"status\\\\with\\nnewline\"} 1\n"));
}

void TestMetricsExposition::renderStaysValidWhileObserving()
{
    // Writers on other threads (the bot shards) while /metrics renders: every snapshot must still
    // be cumulative with +Inf == _count, however the reads interleave with the writes.
    auto &metrics = common::Metrics::instance();
    std::atomic<bool> stop{false};
    std::vector<std::unique_ptr<QThread>> writers;
    for (int t = 0; t < 2; ++t) {
        writers.emplace_back(QThread::create([&metrics, &stop, t] {
            const double samples[] = {0.001, 0.02, 0.2, 0.7, 3.0, 9.0};
            for (int i = t; !stop.load(std::memory_order_relaxed); ++i)
                metrics.observeReplyLatency(samples[i % 6]);
        }));
        writers.back()->start();
    }
    // Bounded in time to stay a unit test; the broken render failed within a few milliseconds.
    QString problem;
    QElapsedTimer timer;
    timer.start();
    while (problem.isEmpty() && timer.elapsed() < 300)
        problem = test::checkExposition(metrics.render());
    stop = true;
    for (auto &w : writers)
        w->wait();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(metrics.render().contains("kedai_reply_latency_seconds_count "));
}

QTEST_GUILESS_MAIN(TestMetricsExposition)
#include "tst_metricsexposition.moc"
