#include "cache/redisreply.h"

#include <hiredis/hiredis.h>

#include <QTest>

using namespace kedai;
using Type = cache::RedisReply::Type;

Q_DECLARE_METATYPE(cache::RedisReply::Type)

// Replies parsed by hiredis' own protocol reader from the bytes a server sends (RESP2), then
// copied into RedisReply: exactly what happens on a live connection, without a server.
class TestRedisReply : public QObject
{
    Q_OBJECT

    static cache::RedisReply parse(const QByteArray &wire)
    {
        redisReader *reader = redisReaderCreate();
        redisReaderFeed(reader, wire.constData(), size_t(wire.size()));
        void *raw = nullptr;
        const int rc = redisReaderGetReply(reader, &raw);
        redisReaderFree(reader);
        if (rc != REDIS_OK || !raw) {
            qWarning("hiredis could not parse %s", wire.constData());
            return {};
        }
        auto reply = cache::RedisReply::fromHiredis(static_cast<redisReply *>(raw));
        freeReplyObject(raw);
        return reply;
    }

private Q_SLOTS:
    void scalars_data()
    {
        QTest::addColumn<QByteArray>("wire");
        QTest::addColumn<Type>("type");
        QTest::addColumn<qint64>("integer");
        QTest::addColumn<QByteArray>("bytes");

        QTest::newRow("status") << QByteArray("+OK\r\n") << Type::Status << qint64(0) << QByteArray("OK");
        QTest::newRow("integer") << QByteArray(":42\r\n") << Type::Integer << qint64(42) << QByteArray();
        QTest::newRow("negative integer (PTTL of a missing key)")
            << QByteArray(":-2\r\n") << Type::Integer << qint64(-2) << QByteArray();
        QTest::newRow("big integer") << QByteArray(":9007199254740993\r\n") << Type::Integer
                                     << qint64(9007199254740993LL) << QByteArray();
        QTest::newRow("bulk string") << QByteArray("$5\r\nhello\r\n") << Type::String << qint64(0)
                                     << QByteArray("hello");
        QTest::newRow("empty string") << QByteArray("$0\r\n\r\n") << Type::String << qint64(0) << QByteArray("");
        QTest::newRow("binary with NUL and CRLF")
            << QByteArray("$6\r\na\0b\r\nc\r\n", 13) << Type::String << qint64(0) << QByteArray("a\0b\r\nc", 6);
        QTest::newRow("nil (GET of a missing key, SET NX refused)")
            << QByteArray("$-1\r\n") << Type::Nil << qint64(0) << QByteArray();
        QTest::newRow("nil array") << QByteArray("*-1\r\n") << Type::Nil << qint64(0) << QByteArray();
        QTest::newRow("error") << QByteArray("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n")
                               << Type::Error << qint64(0)
                               << QByteArray("WRONGTYPE Operation against a key holding the wrong kind of value");
    }

    void scalars()
    {
        QFETCH(QByteArray, wire);
        const auto reply = parse(wire);
        QTEST(reply.type(), "type");
        QTEST(reply.toInteger(), "integer");
        QTEST(reply.bytes(), "bytes");
        QVERIFY(reply.elements().empty());
    }

    void errorCodes_data()
    {
        QTest::addColumn<QByteArray>("wire");
        QTest::addColumn<QByteArray>("code");
        QTest::newRow("NOSCRIPT (EVALSHA after a restart)")
            << QByteArray("-NOSCRIPT No matching script. Please use EVAL.\r\n") << QByteArray("NOSCRIPT");
        QTest::newRow("WRONGPASS") << QByteArray("-WRONGPASS invalid username-password pair or user is disabled.\r\n")
                                   << QByteArray("WRONGPASS");
        QTest::newRow("one word") << QByteArray("-LOADING\r\n") << QByteArray("LOADING");
        QTest::newRow("not an error") << QByteArray("+NOSCRIPT\r\n") << QByteArray();
    }

    void errorCodes()
    {
        QFETCH(QByteArray, wire);
        QTEST(parse(wire).errorCode(), "code");
    }

    void nestedArrays()
    {
        // The shape of a SCAN reply, and of the cache script's {value, pttl} with a nil inside.
        const auto scan = parse("*2\r\n$1\r\n0\r\n*3\r\n$1\r\na\r\n$-1\r\n:7\r\n");
        QCOMPARE(scan.type(), Type::Array);
        QCOMPARE(scan.elements().size(), size_t(2));
        QCOMPARE(scan.elements()[0].bytes(), QByteArray("0"));
        const auto &inner = scan.elements()[1].elements();
        QCOMPARE(inner.size(), size_t(3));
        QCOMPARE(inner[0].bytes(), QByteArray("a"));
        QVERIFY(inner[1].isNil());
        QCOMPARE(inner[2].toInteger(), 7);
        QCOMPARE(scan.describe(), QStringLiteral("[\"0\", [\"a\", (nil), (integer) 7]]"));
    }

    void pubSubMessage()
    {
        const auto message = parse("*3\r\n$7\r\nmessage\r\n$16\r\nkedai:invalidate\r\n$14\r\np:catalog:gold\r\n");
        QCOMPARE(message.elements().size(), size_t(3));
        QCOMPARE(message.elements()[2].bytes(), QByteArray("p:catalog:gold"));
    }

    void emptyArrayAndNullPointer()
    {
        const auto empty = parse("*0\r\n");
        QVERIFY(empty.isArray());
        QVERIFY(empty.elements().empty());
        QVERIFY(cache::RedisReply::fromHiredis(nullptr).isNil());
    }
};

QTEST_GUILESS_MAIN(TestRedisReply)
#include "tst_redisreply.moc"
