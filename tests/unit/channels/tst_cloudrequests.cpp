// The Cloud API request bodies, limits and error classes (PROTOCOLS.md §1.5–1.7), compared with
// the request shapes of tests/fixtures/whatsapp_cloud/send_requests.json.

#include "channels/cloudapi/cloudrequests.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace kedai::channels::cloudapi;
using kedai::domain::Interactive;
using kedai::domain::InteractiveChoice;
using kedai::domain::InteractiveSection;

namespace {

QJsonObject loadFixture(const QString &name)
{
    QString root = qEnvironmentVariable("KEDAI_SOURCE_DIR");
#ifdef QT_TESTCASE_SOURCEDIR
    if (root.isEmpty())
        root = QStringLiteral(QT_TESTCASE_SOURCEDIR "/../../..");
#endif
    QFile file(root + "/tests/fixtures/whatsapp_cloud/" + name);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QByteArray graphError(int code, const QString &message = {})
{
    const QJsonObject error{{"message", message.isEmpty() ? QStringLiteral("(#%1) Something").arg(code) : message},
                            {"type", "OAuthException"},
                            {"code", code},
                            {"fbtrace_id", "X"}};
    return QJsonDocument(QJsonObject{{"error", error}}).toJson(QJsonDocument::Compact);
}

// Words, lines and paragraphs, like a long catalog reply.
QString longText(int length)
{
    QString text;
    int word = 0;
    while (text.size() < length) {
        text += QStringLiteral("kata%1").arg(word);
        ++word;
        text += word % 97 == 0 ? QStringLiteral("\n\n") : word % 13 == 0 ? QStringLiteral("\n") : QStringLiteral(" ");
    }
    return text.left(length);
}

// The parts are the text in order, with only whitespace between them.
bool partsCover(const QString &text, const QStringList &parts)
{
    qsizetype pos = 0;
    for (const QString &part : parts) {
        const qsizetype at = text.indexOf(part, pos);
        if (at < 0 || !text.mid(pos, at - pos).trimmed().isEmpty())
            return false;
        pos = at + part.size();
    }
    return text.mid(pos).trimmed().isEmpty();
}

Interactive fixtureButtons()
{
    Interactive m;
    m.kind = Interactive::Kind::Buttons;
    m.body = "Konfirmasi pesanan Kopi Susu x2 = Rp36.000?";
    m.footer = "Toko Kopi";
    m.buttons = {{"confirm_1024", "Ya, pesan", {}}, {"cancel_1024", "Batal", {}}};
    return m;
}

Interactive fixtureList()
{
    Interactive m;
    m.kind = Interactive::Kind::List;
    m.header = "Menu";
    m.body = "Pilih produk";
    m.footer = "Harga termasuk PPN";
    m.button = "Lihat menu";
    m.sections = {{"Kopi", {{"sku_KS01", "Kopi Susu", "Rp18.000"}, {"sku_AM01", "Americano", "Rp15.000"}}}};
    return m;
}

Interactive listWithRows(int rows, int sections)
{
    Interactive m;
    m.kind = Interactive::Kind::List;
    m.body = "Katalog";
    m.button = "Lihat";
    for (int s = 0; s < sections; ++s)
        m.sections << InteractiveSection{QStringLiteral("Bagian %1").arg(s), {}};
    for (int i = 0; i < rows; ++i)
        m.sections[i % sections].rows << InteractiveChoice{QStringLiteral("cmd:buy P%1 1").arg(i),
                                                           QStringLiteral("Produk %1").arg(i),
                                                           {}};
    return m;
}

} // namespace

class TestCloudRequests : public QObject
{
    Q_OBJECT

private slots:
    void fixturesPresent()
    {
        QVERIFY2(!loadFixture("send_requests.json").isEmpty(), "tests/fixtures/whatsapp_cloud/send_requests.json");
        QVERIFY(!loadFixture("error_bodies.json").isEmpty());
        QVERIFY(!loadFixture("media_api.json").isEmpty());
    }

    void splitText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");
        const QString a4096(4096, 'a');
        QTest::newRow("short") << "Halo kak" << QStringList{"Halo kak"};
        QTest::newRow("blank") << " \n " << QStringList{};
        QTest::newRow("exactly 4096") << a4096 << QStringList{a4096};
        QTest::newRow("4097 without spaces: hard cut") << a4096 + "b" << QStringList{a4096, "b"};
        const QString p1 = QString(3000, 'x'), p2 = QString(3000, 'y');
        QTest::newRow("paragraph") << p1 + " z\nw\n\n" + p2 << QStringList{p1 + " z\nw", p2};
        QTest::newRow("line before space") << p1 + " z\n" + p2 + " q" << QStringList{p1 + " z", p2 + " q"};
        QTest::newRow("space") << p1 + " " + QString(2000, 'y') << QStringList{p1, QString(2000, 'y')};
        // An emoji (a surrogate pair) straddling 4096: the cut moves before it.
        const QString emoji = QString::fromUtf8("\xF0\x9F\x98\x80");
        QTest::newRow("surrogate pair") << QString(4095, 'a') + emoji + "b"
                                        << QStringList{QString(4095, 'a'), emoji + "b"};
    }

    void splitText()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        QCOMPARE(kedai::channels::cloudapi::splitText(text), expected);
    }

    void splitLongText()
    {
        const QString text = longText(9000);
        const QStringList parts = kedai::channels::cloudapi::splitText(text);
        QCOMPARE(parts.size(), 3);
        for (const QString &p : parts) {
            QVERIFY(p.size() <= 4096);
            QVERIFY(!p.front().isSpace() && !p.back().isSpace());
        }
        QVERIFY(partsCover(text, parts));
        // Cut at a word boundary: what follows each part in the text is whitespace.
        const qsizetype end = text.indexOf(parts[0]) + parts[0].size();
        QVERIFY(text.at(end).isSpace());
    }

    void truncatedKeepsLimits()
    {
        QCOMPARE(truncated("abc", 5), QString("abc"));
        QCOMPARE(truncated("abcdef", 4), QString("abc") + QChar(0x2026));
        const QString emoji = QString::fromUtf8("\xF0\x9F\x98\x80");
        const QString cut = truncated("ab" + emoji + "cdef", 4); // the pair would end at unit 4
        QVERIFY(cut.size() <= 4);
        QVERIFY(!cut.at(cut.size() - 2).isHighSurrogate());
    }

    void textBodyMatchesFixture()
    {
        const QJsonObject fixture = loadFixture("send_requests.json");
        QCOMPARE(textBody("6281234567890", "Pesanan #1024 sudah kami terima."), fixture["text"].toObject());
    }

    void imageBodyMatchesFixture()
    {
        const QJsonObject fixture = loadFixture("send_requests.json");
        const ImageMessage m = imageMessage("6281234567890", "1013859600285441", "QRIS untuk pesanan #1024");
        QCOMPARE(m.image, fixture["image_by_media_id"].toObject());
        QVERIFY(m.followingTexts.isEmpty());
    }

    void imageLongCaptionContinuesAsText()
    {
        const QString caption = longText(1500);
        const ImageMessage m = imageMessage("62811", "77", caption);
        const QString first = m.image["image"]["caption"].toString();
        QVERIFY(first.size() <= 1024);
        QVERIFY(first.size() > 500);
        QCOMPARE(m.followingTexts.size(), 1);
        QVERIFY(partsCover(caption, QStringList{first} + m.followingTexts));
        QVERIFY(!imageMessage("62811", "77", {}).image["image"].toObject().contains("caption"));
    }

    void buttonsMatchFixture()
    {
        const QJsonObject fixture = loadFixture("send_requests.json");
        const auto body = interactiveBody("6281234567890", fixtureButtons());
        QVERIFY(body.ok());
        QCOMPARE(body.value(), fixture["interactive_reply_buttons"].toObject());
    }

    void listMatchesFixture()
    {
        const QJsonObject fixture = loadFixture("send_requests.json");
        const auto body = interactiveBody("6281234567890", fixtureList());
        QVERIFY(body.ok());
        QCOMPARE(body.value(), fixture["interactive_list"].toObject());
    }

    void markReadMatchesFixture()
    {
        const QJsonObject fixture = loadFixture("send_requests.json");
        QCOMPARE(markReadBody("wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABIYFjNFQjA="), fixture["mark_as_read"].toObject());
    }

    void interactiveCutsLongTexts()
    {
        Interactive m = listWithRows(10, 3);
        m.button = QString(30, 'B');
        m.header = QString(80, 'H');
        m.footer = QString(80, 'F');
        m.sections[0].title = QString(40, 'S');
        m.sections[0].rows[0].title = QString(40, 'T');
        m.sections[0].rows[0].description = QString(100, 'D');
        const auto body = interactiveBody("62811", m);
        QVERIFY2(body.ok(), qPrintable(body.ok() ? QString() : body.error().message));
        const QJsonObject i = body.value()["interactive"].toObject();
        QCOMPARE(i["action"]["button"].toString().size(), 20);
        QCOMPARE(i["header"]["text"].toString().size(), 60);
        QCOMPARE(i["footer"]["text"].toString().size(), 60);
        const QJsonObject section = i["action"]["sections"][0].toObject();
        QCOMPARE(section["title"].toString().size(), 24);
        QCOMPARE(section["rows"][0]["title"].toString().size(), 24);
        QCOMPARE(section["rows"][0]["description"].toString().size(), 72);
        QCOMPARE(i["action"]["sections"].toArray().size(), 3);

        Interactive b = fixtureButtons();
        b.buttons[0].title = "Ya, pesan sekarang juga kak";
        const auto buttons = interactiveBody("62811", b);
        QVERIFY(buttons.ok());
        const QString title = buttons.value()["interactive"]["action"]["buttons"][0]["reply"]["title"].toString();
        QCOMPARE(title, QString("Ya, pesan sekarang") + QChar(0x2026)); // cut at a space, then "…"
    }

    void interactiveDoesNotFit_data()
    {
        QTest::addColumn<int>("kind"); // 0 list, 1 buttons
        QTest::addColumn<int>("variant");
        QTest::newRow("11 rows") << 0 << 0;
        QTest::newRow("4 buttons") << 1 << 1;
        QTest::newRow("body over 1024") << 1 << 2;
        QTest::newRow("row id over 200") << 0 << 3;
        QTest::newRow("duplicate button ids") << 1 << 4;
        QTest::newRow("untitled section among two") << 0 << 5;
    }

    void interactiveDoesNotFit()
    {
        QFETCH(int, kind);
        QFETCH(int, variant);
        Interactive m = kind == 0 ? listWithRows(3, 1) : fixtureButtons();
        switch (variant) {
        case 0: m = listWithRows(11, 2); break;
        case 1: m.buttons << InteractiveChoice{"c", "C", {}} << InteractiveChoice{"d", "D", {}}; break;
        case 2: m.body = QString(1025, 'x'); break;
        case 3: m.sections[0].rows[0].id = QString(201, 'i'); break;
        case 4: m.buttons[1].id = m.buttons[0].id; break;
        case 5: m.sections << InteractiveSection{{}, {{"x", "X", {}}}}; break;
        }
        const auto body = interactiveBody("62811", m);
        QVERIFY(!body.ok());
        QCOMPARE(body.error().code, doesNotFitCode());
    }

    void tenRowsFit()
    {
        QVERIFY(interactiveBody("62811", listWithRows(10, 1)).ok());
        QVERIFY(interactiveBody("62811", listWithRows(10, 10)).ok());
    }

    void sentMessageIdFromFixture()
    {
        const QJsonObject fixture = loadFixture("send_requests.json");
        const QByteArray body = QJsonDocument(fixture["success_response_200"].toObject()).toJson();
        QCOMPARE(sentMessageId(body), QString("wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABEYEjQ1Q0E4QkY2RjdEMUM4MEY0AA=="));
        QCOMPARE(sentMessageId("{}"), QString());
    }

    void mediaInfoFromFixture()
    {
        QJsonObject response = loadFixture("media_api.json")["retrieve_url"].toObject()["response_200"].toObject();
        auto info = parseMediaInfo(QJsonDocument(response).toJson());
        QVERIFY(info.has_value());
        QCOMPARE(info->fileSize, 303833);
        QCOMPARE(info->mimeType, QString("image/jpeg"));
        QVERIFY(info->url.startsWith("https://lookaside.fbsbx.com/"));
        response["file_size"] = 303833; // some SDKs document a number
        QCOMPARE(parseMediaInfo(QJsonDocument(response).toJson())->fileSize, 303833);
        response.remove("file_size");
        QCOMPARE(parseMediaInfo(QJsonDocument(response).toJson())->fileSize, -1);
        QVERIFY(!parseMediaInfo("{\"id\":\"1\"}").has_value());
    }

    void mediaFileNames()
    {
        QCOMPARE(mediaFileName("1013859600285441", "image/jpeg"), QString("in-1013859600285441.jpg"));
        QCOMPARE(mediaFileName("42", "audio/ogg; codecs=opus"), QString("in-42.ogg"));
        QCOMPARE(mediaFileName("../../etc/passwd", "application/x-nothing-known"), QString("in-etcpasswd.bin"));
        const QString random = mediaFileName("../..", "image/png");
        QVERIFY(random.startsWith("in-") && random.endsWith(".png") && random.size() > 8);
        QVERIFY(!random.contains('/'));
    }

    void classify_data()
    {
        QTest::addColumn<int>("httpStatus");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("expected");
        const QString t = "channel.transient", a = "channel.auth", p = "channel.permanent";
        for (int code : {130429, 131056, 131000, 131016, 131052, 131053, 4, 80007})
            QTest::addRow("%d transient", code) << 400 << code << t;
        QTest::newRow("190 in a 400") << 400 << 190 << a;
        QTest::newRow("190 in a 401") << 401 << 190 << a;
        for (int code : {131047, 131026, 131051, 131008, 131009, 100, 132000, 132001, 131048, 368, 131031})
            QTest::addRow("%d permanent", code) << 400 << code << p;
        QTest::newRow("unknown code in a 400") << 400 << 999999 << p;
        QTest::newRow("unknown code in a 500") << 500 << 999999 << t;
        QTest::newRow("bare 503") << 503 << 0 << t;
        QTest::newRow("bare 502") << 502 << 0 << t;
        QTest::newRow("bare 429") << 429 << 0 << t;
        QTest::newRow("bare 401") << 401 << 0 << a;
        QTest::newRow("bare 404") << 404 << 0 << p;
        QTest::newRow("bare 403") << 403 << 0 << p;
    }

    void classify()
    {
        QFETCH(int, httpStatus);
        QFETCH(int, code);
        QFETCH(QString, expected);
        const kedai::common::Error e = classifySendError(httpStatus, code ? graphError(code) : QByteArray(), false);
        QCOMPARE(e.code, expected);
        QCOMPARE(e.details.value("httpStatus").toInt(), httpStatus);
        if (code) {
            QCOMPARE(e.details.value("code").toInt(), code);
            QVERIFY2(e.message.contains(QString::number(code)), qPrintable(e.message));
        } else {
            QVERIFY(!e.details.contains("code"));
        }
        QVERIFY(e.message.size() < 200);
    }

    void classifyFixtureBodies()
    {
        const QJsonObject fixture = loadFixture("error_bodies.json");
        const auto classifyCase = [&](const char *name) {
            const QJsonObject c = fixture[QLatin1String(name)].toObject();
            return classifySendError(c["http_status"].toInt(), QJsonDocument(c["body"].toObject()).toJson(), false);
        };
        const auto reengagement = classifyCase("http_400_reengagement");
        QCOMPARE(reengagement.code, QString("channel.permanent"));
        QCOMPARE(reengagement.message, QString("WhatsApp 131047: outside the 24-hour window (Re-engagement message)"));
        const auto pair = classifyCase("http_429_pair_rate");
        QCOMPARE(pair.code, QString("channel.transient"));
        QCOMPARE(pair.details.value("retryAfterMs").toInt(), 6000);
        const auto throughput = classifyCase("http_429_throughput");
        QCOMPARE(throughput.code, QString("channel.transient"));
        QCOMPARE(throughput.details.value("code").toInt(), 130429);
        QVERIFY(throughput.message.contains("Rate limit hit"));
        const auto expired = classifyCase("http_401_expired_token");
        QCOMPARE(expired.code, QString("channel.auth"));
        QCOMPARE(expired.details.value("code").toInt(), 190);
        QVERIFY(expired.message.contains("WA_ACCESS_TOKEN"));
    }

    void classifyNetworkError()
    {
        const auto e = classifySendError(0, {}, true);
        QCOMPARE(e.code, QString("channel.transient"));
        QVERIFY(!e.details.contains("code"));
    }
};

QTEST_GUILESS_MAIN(TestCloudRequests)
#include "tst_cloudrequests.moc"
