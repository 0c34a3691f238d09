// Desktop passwords: Argon2id strings from libsodium, checked in constant time.
#include "common/passwordhash.h"

#include <QTest>

#include <sodium.h>

using kedai::common::PasswordHash;

class TestPasswordHash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hashIsArgon2idWithSalt();
    void verifiesOnlyTheRightPassword_data();
    void verifiesOnlyTheRightPassword();
    void malformedHashesNeverVerify_data();
    void malformedHashesNeverVerify();
    void shortPasswordIsRefused_data();
    void shortPasswordIsRefused();
    void weakerHashNeedsRehash();
};

void TestPasswordHash::hashIsArgon2idWithSalt()
{
    const auto a = PasswordHash::hash("correct horse battery");
    const auto b = PasswordHash::hash("correct horse battery");
    QVERIFY(a.ok() && b.ok());
    QVERIFY2(a->startsWith("$argon2id$"), qPrintable(*a));
    QVERIFY(!a->contains("correct"));
    QVERIFY(*a != *b); // a fresh salt every time
    QVERIFY(!PasswordHash::needsRehash(*a));
}

void TestPasswordHash::verifiesOnlyTheRightPassword_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("attempt");
    QTest::addColumn<bool>("ok");
    QTest::newRow("same") << "rahasia-toko-1"
                          << "rahasia-toko-1" << true;
    QTest::newRow("case differs") << "rahasia-toko-1"
                                  << "Rahasia-toko-1" << false;
    QTest::newRow("one character more") << "rahasia-toko-1"
                                        << "rahasia-toko-12" << false;
    QTest::newRow("empty attempt") << "rahasia-toko-1"
                                   << "" << false;
    QTest::newRow("unicode") << QString::fromUtf8("kata sandi ñ 😀") << QString::fromUtf8("kata sandi ñ 😀") << true;
    QTest::newRow("unicode differs") << QString::fromUtf8("kata sandi ñ 😀") << "kata sandi n" << false;
}

void TestPasswordHash::verifiesOnlyTheRightPassword()
{
    QFETCH(QString, password);
    QFETCH(QString, attempt);
    QFETCH(bool, ok);
    const auto hash = PasswordHash::hash(password);
    QVERIFY(hash.ok());
    QCOMPARE(PasswordHash::verify(*hash, attempt), ok);
}

void TestPasswordHash::malformedHashesNeverVerify_data()
{
    QTest::addColumn<QString>("stored");
    QTest::newRow("empty") << "";
    QTest::newRow("plain text") << "rahasia-toko-1";
    QTest::newRow("truncated") << "$argon2id$v=19$m=65536,t=2,p=1$";
    QTest::newRow("other scheme") << "$2y$10$abcdefghijklmnopqrstuv";
    QTest::newRow("too long") << QString(200, QLatin1Char('x'));
}

void TestPasswordHash::malformedHashesNeverVerify()
{
    QFETCH(QString, stored);
    QVERIFY(!PasswordHash::verify(stored, "rahasia-toko-1"));
    QVERIFY(!PasswordHash::verify(stored, stored));
    QVERIFY(PasswordHash::needsRehash(stored));
}

void TestPasswordHash::shortPasswordIsRefused_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("ok");
    QTest::newRow("empty") << "" << false;
    QTest::newRow("7 characters") << "1234567" << false;
    QTest::newRow("8 characters") << "12345678" << true;
}

void TestPasswordHash::shortPasswordIsRefused()
{
    QFETCH(QString, password);
    QFETCH(bool, ok);
    const auto hash = PasswordHash::hash(password);
    QCOMPARE(hash.ok(), ok);
    if (!ok) {
        QCOMPARE(hash.error().code, QStringLiteral("auth.password_too_short"));
        QCOMPARE(hash.error().details.value("min").toInt(), PasswordHash::kMinLength);
    }
}

void TestPasswordHash::weakerHashNeedsRehash()
{
    QVERIFY(sodium_init() >= 0);
    char out[crypto_pwhash_STRBYTES];
    const QByteArray password = "rahasia-toko-1";
    QCOMPARE(crypto_pwhash_str_alg(out, password.constData(), quint64(password.size()), crypto_pwhash_OPSLIMIT_MIN,
                                   crypto_pwhash_MEMLIMIT_MIN, crypto_pwhash_ALG_ARGON2ID13),
             0);
    const QString weak = QString::fromLatin1(out);
    QVERIFY(PasswordHash::verify(weak, "rahasia-toko-1"));
    QVERIFY(PasswordHash::needsRehash(weak));
}

QTEST_GUILESS_MAIN(TestPasswordHash)
#include "tst_passwordhash.moc"
