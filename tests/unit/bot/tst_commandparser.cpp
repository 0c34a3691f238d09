#include "bot/commandparser.h"

#include <QTest>

using kedai::bot::CommandParser;

class TestCommandParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("verb");
        QTest::addColumn<QString>("args");
        QTest::addColumn<QStringList>("argv");
        QTest::addColumn<QString>("body");

        QTest::newRow("plain") << "buy NF1 2"
                               << "buy"
                               << "NF1 2" << QStringList{"NF1", "2"} << "";
        QTest::newRow("dot prefix") << ".buy nf1"
                                    << "buy"
                                    << "nf1" << QStringList{"nf1"} << "";
        QTest::newRow("bang prefix") << "!STOK"
                                     << "stok"
                                     << "" << QStringList{} << "";
        QTest::newRow("slash prefix") << "/menu"
                                      << "menu"
                                      << "" << QStringList{} << "";
        QTest::newRow("upper case verb") << "BUY Nf1 1"
                                         << "buy"
                                         << "Nf1 1" << QStringList{"Nf1", "1"} << "";
        QTest::newRow("spaces") << "   saldo   "
                                << "saldo"
                                << "" << QStringList{} << "";
        QTest::newRow("tabs between args") << "buy\tNF1 \t 3"
                                           << "buy"
                                           << "NF1 \t 3" << QStringList{"NF1", "3"} << "";
        QTest::newRow("prefix then space") << ". buy NF1"
                                           << "buy"
                                           << "NF1" << QStringList{"NF1"} << "";
        QTest::newRow("multi line") << "addstok NF1\na@b.c|p1\nc@d.e|p2"
                                    << "addstok"
                                    << "NF1" << QStringList{"NF1"} << "a@b.c|p1\nc@d.e|p2";
        QTest::newRow("crlf") << "addstok NF1\r\nx|y"
                              << "addstok"
                              << "NF1" << QStringList{"NF1"} << "x|y";
        QTest::newRow("owner pipes") << "setharga NF1|gold|25000"
                                     << "setharga"
                                     << "NF1|gold|25000" << QStringList{"NF1|gold|25000"} << "";
        QTest::newRow("empty") << ""
                               << ""
                               << "" << QStringList{} << "";
        QTest::newRow("only prefix") << "..."
                                     << ""
                                     << "" << QStringList{} << "";
        QTest::newRow("keyword") << "Netflix"
                                 << "netflix"
                                 << "" << QStringList{} << "";
        QTest::newRow("unicode") << "cari kopi ☕"
                                 << "cari"
                                 << "kopi ☕" << QStringList{"kopi", "☕"} << "";
    }

    void parse()
    {
        QFETCH(QString, input);
        QFETCH(QString, verb);
        QFETCH(QString, args);
        QFETCH(QStringList, argv);
        QFETCH(QString, body);
        const auto cmd = CommandParser::parse(input);
        QCOMPARE(cmd.verb, verb);
        QCOMPARE(cmd.args, args);
        QCOMPARE(cmd.argv, argv);
        QCOMPARE(cmd.body, body);
    }

    void hugeInputIsCapped()
    {
        const QString huge = QStringLiteral("buy ") + QString(1 << 20, QLatin1Char('x'));
        const auto cmd = CommandParser::parse(huge);
        QCOMPARE(cmd.verb, QStringLiteral("buy"));
        QVERIFY(cmd.args.size() <= CommandParser::kMaxTextLength);
    }
};

QTEST_GUILESS_MAIN(TestCommandParser)
#include "tst_commandparser.moc"
