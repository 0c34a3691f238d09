// The Logs panel: lines logged on other threads appear by themselves (the panel polls the
// in-memory ring), the level filter and the search narrow them, pause holds the view still, copy
// puts the lines on the clipboard, and the model stays correct (QAbstractItemModelTester) and
// quick with a full ring.
#include "common/log.h"
#include "gui/models/logmodel.h"
#include "gui/panels/logspanel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QTest>

#include <thread>

using namespace kedai;

namespace {

bool shows(const gui::LogModel *model, const QString &text)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->line(row).text == text)
            return true;
    }
    return false;
}

} // namespace

class TestLogsPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_panel = std::make_unique<gui::LogsPanel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(m_panel->model(),
                                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    }

    void cleanupTestCase()
    {
        m_tester.reset();
        m_panel.reset();
    }

    void linesFromAnotherThreadAppear()
    {
        std::thread worker([] {
            log::get("worker")->info("paid order KD-1");
            log::get("worker")->warn("slow database answer");
            log::get("worker")->error("channel whatsapp failed");
        });
        worker.join();
        QTRY_VERIFY(shows(m_panel->model(), QStringLiteral("channel whatsapp failed")));
        QVERIFY(shows(m_panel->model(), QStringLiteral("paid order KD-1")));
    }

    void levelFilterAndSearch()
    {
        auto *level = m_panel->findChild<QComboBox *>(QStringLiteral("levelFilter"));
        auto *search = m_panel->findChild<QLineEdit *>(QStringLiteral("searchEdit"));
        QVERIFY(level && search);
        level->setCurrentIndex(level->findData(int(spdlog::level::warn)));
        QVERIFY(!shows(m_panel->model(), QStringLiteral("paid order KD-1")));
        QVERIFY(shows(m_panel->model(), QStringLiteral("slow database answer")));
        for (int row = 0; row < m_panel->model()->rowCount(); ++row)
            QVERIFY(m_panel->model()->line(row).level >= spdlog::level::warn);
        level->setCurrentIndex(level->findData(int(spdlog::level::err)));
        QVERIFY(!shows(m_panel->model(), QStringLiteral("slow database answer")));
        level->setCurrentIndex(level->findData(int(spdlog::level::debug)));
        search->setText(QStringLiteral("KD-1"));
        QCOMPARE(m_panel->model()->rowCount(), 1);
        search->setText(QStringLiteral("WORKER")); // the source counts, case-insensitively
        QCOMPARE(m_panel->model()->rowCount(), 3);
        // New lines that match join the filtered view; others do not.
        log::get("worker")->info("another line from the worker");
        log::get("other")->info("unrelated");
        QTRY_VERIFY(shows(m_panel->model(), QStringLiteral("another line from the worker")));
        QVERIFY(!shows(m_panel->model(), QStringLiteral("unrelated")));
        search->clear();
        QVERIFY(shows(m_panel->model(), QStringLiteral("unrelated")));
    }

    void pauseHoldsTheViewAndCopyTakesTheLines()
    {
        m_panel->setPaused(true);
        log::get("worker")->info("while paused");
        QTest::qWait(600);
        QVERIFY(!shows(m_panel->model(), QStringLiteral("while paused")));
        m_panel->setPaused(false);
        QVERIFY(shows(m_panel->model(), QStringLiteral("while paused")));
        m_panel->findChild<QLineEdit *>(QStringLiteral("searchEdit"))->setText(QStringLiteral("while paused"));
        m_panel->copyLines();
        QVERIFY2(QApplication::clipboard()->text().contains(QLatin1String("[worker] while paused")),
                 qPrintable(QApplication::clipboard()->text()));
        m_panel->findChild<QLineEdit *>(QStringLiteral("searchEdit"))->clear();
    }

    void fullRingStaysQuickAndTrimsTheOldest()
    {
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < log::kRingLines + 500; ++i)
            log::get("bulk")->info("bulk line {}", i);
        QTRY_VERIFY(shows(m_panel->model(), QStringLiteral("bulk line %1").arg(log::kRingLines + 499)));
        QCOMPARE(m_panel->model()->rowCount(), log::kRingLines);
        QVERIFY(!shows(m_panel->model(), QStringLiteral("bulk line 0")));
        // Filtering 5,000 lines is a matter of milliseconds, not seconds.
        QElapsedTimer filter;
        filter.start();
        m_panel->findChild<QLineEdit *>(QStringLiteral("searchEdit"))->setText(QStringLiteral("bulk line 4"));
        m_panel->findChild<QLineEdit *>(QStringLiteral("searchEdit"))->clear();
        QVERIFY2(filter.elapsed() < 1000, qPrintable(QString::number(filter.elapsed())));
        QVERIFY(timer.elapsed() < 10000);
    }

    void modelAppendsAndTrimsInSteps()
    {
        gui::LogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<log::LogLine> batch;
        for (int i = 1; i <= log::kRingLines + 10; ++i) {
            log::LogLine l;
            l.seq = quint64(i);
            l.level = i % 2 ? spdlog::level::info : spdlog::level::err;
            l.logger = QStringLiteral("t");
            l.text = QStringLiteral("n%1").arg(i);
            batch << l;
            if (batch.size() == 700) {
                model.append(batch);
                batch.clear();
            }
        }
        model.append(batch);
        QCOMPARE(model.rowCount(), log::kRingLines);
        QCOMPARE(model.line(0).text, QStringLiteral("n11"));
        QCOMPARE(model.lastSequence(), quint64(log::kRingLines + 10));
        model.setMinimumLevel(spdlog::level::err);
        QCOMPARE(model.rowCount(), log::kRingLines / 2);
        model.append({log::LogLine{quint64(log::kRingLines + 11), 0, spdlog::level::err, QStringLiteral("t"),
                                   QStringLiteral("last")}});
        QCOMPARE(model.line(model.rowCount() - 1).text, QStringLiteral("last"));
        model.append({log::LogLine{1, 0, spdlog::level::err, QStringLiteral("t"), QStringLiteral("old")}}); // seen
        QVERIFY(!shows(&model, QStringLiteral("old")));
        QCOMPARE(model.data(model.index(0, gui::LogModel::LevelColumn)).toString(), QStringLiteral("error"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

private:
    std::unique_ptr<gui::LogsPanel> m_panel;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_MAIN(TestLogsPanel)
#include "tst_logspanel.moc"
