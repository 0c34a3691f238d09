// kedaid as a process: options, start-up banner, clean stop on SIGTERM/SIGINT, --chat.
#include "support/simclient.h"

#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {
quint16 freePort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}
} // namespace

class TestKedaid : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void versionAndHelp()
    {
        QProcess p;
        p.start(QStringLiteral(KEDAID_PATH), {QStringLiteral("--version")});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(p.readAllStandardOutput().startsWith("kedaid 0."));

        p.start(QStringLiteral(KEDAID_PATH), {QStringLiteral("--help")});
        QVERIFY(p.waitForFinished(10000));
        const QByteArray help = p.readAllStandardOutput();
        for (const char *opt : {"--data-dir", "--http", "--demo", "--chat"})
            QVERIFY2(help.contains(opt), opt);
    }

    void badOptionsAreRefusedClearly_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("bad http") << QStringList{"--http", "nonsense"} << QByteArray("HTTP_ADDR must look like");
        QTest::newRow("unknown option") << QStringList{"--frobnicate"} << QByteArray("Unknown option");
        QTest::newRow("bad chat number") << QStringList{"--chat", "abc"} << QByteArray("phone number");
    }

    void badOptionsAreRefusedClearly()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        QTemporaryDir dir;
        QProcess p;
        p.start(QStringLiteral(KEDAID_PATH), QStringList{QStringLiteral("--data-dir"), dir.path()} + args);
        QVERIFY(p.waitForFinished(10000));
        QVERIFY(p.exitCode() != 0);
        QVERIFY2(p.readAllStandardError().contains(message), message.constData());
    }

    void portInUseIsExplained()
    {
        QTcpServer busy;
        QVERIFY(busy.listen(QHostAddress::LocalHost, 0));
        QTemporaryDir dir;
        QProcess p;
        p.start(QStringLiteral(KEDAID_PATH), {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--http"),
                                              QStringLiteral("127.0.0.1:%1").arg(busy.serverPort())});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 1);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("Kedai cannot start"), err.constData());
    }

    void servesAndStopsCleanly_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
    }

    void servesAndStopsCleanly()
    {
        QFETCH(int, signal);
        QTemporaryDir dir;
        const quint16 port = freePort();
        QProcess p;
        p.start(QStringLiteral(KEDAID_PATH), {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--demo"),
                                              QStringLiteral("--http"), QStringLiteral("127.0.0.1:%1").arg(port)});
        QVERIFY(p.waitForStarted());
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += p.readAllStandardOutput()).contains("Admin token"), 15000);
        QVERIFY(out.contains(dir.path().toUtf8()));
        const QByteArray token = out.mid(out.indexOf("Admin token : ") + 14, 48);

        kedai::test::SimClient client(QStringLiteral("http://127.0.0.1:%1").arg(port), QString::fromLatin1(token));
        QCOMPARE(client.request("GET", QStringLiteral("/healthz"), {}, {}, false).status, 200);
        const QStringList replies = client.ask(QStringLiteral("628111000001"), QStringLiteral("saldo"));
        QVERIFY(!replies.isEmpty());
        QVERIFY2(replies.first().contains(QStringLiteral("Rp 500.000")), qPrintable(replies.first()));

        ::kill(pid_t(p.processId()), signal);
        QVERIFY(p.waitForFinished(15000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(p.readAllStandardError().contains("stopped cleanly"));
        // The token was printed on the console, never written to the log file.
        QFile log(dir.filePath(QStringLiteral("logs/kedai.log")));
        QVERIFY(log.open(QIODevice::ReadOnly));
        QVERIFY(!log.readAll().contains(token));
    }

    void chatInTheTerminal()
    {
        QTemporaryDir dir;
        QProcess p;
        p.start(QStringLiteral(KEDAID_PATH),
                {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--demo"), QStringLiteral("--http"),
                 QStringLiteral("127.0.0.1:0"), QStringLiteral("--chat"), QStringLiteral("0811-1000-001")});
        QVERIFY(p.waitForStarted());
        p.write("saldo\nbuy ML86 1\nsaldo\n");
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(p.exitCode(), 0);
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(out.contains(QStringLiteral("Rp 500.000")), qPrintable(out));
        QVERIFY(out.contains(QStringLiteral("Pembelian berhasil")));
        QVERIFY(out.contains(QStringLiteral("Kode: DEMO-ML86-")));
        QVERIFY(out.contains(QStringLiteral("Rp 478.000")));
        // Replies come in order: the second saldo after the purchase.
        QVERIFY(out.indexOf(QStringLiteral("Rp 478.000")) > out.indexOf(QStringLiteral("Pembelian berhasil")));
    }
};

QTEST_GUILESS_MAIN(TestKedaid)
#include "tst_kedaid.moc"
