#include "common/passwordhash.h"

#include <QVariantMap>

#include <sodium.h>

namespace kedai::common {

namespace {

bool sodiumReady()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

} // namespace

Result<QString> PasswordHash::hash(const QString &password)
{
    if (password.size() < kMinLength)
        return makeError(QStringLiteral("auth.password_too_short"),
                         QStringLiteral("A password needs at least %1 characters.").arg(kMinLength),
                         QVariantMap{{QStringLiteral("min"), kMinLength}});
    if (!sodiumReady())
        return makeError(QStringLiteral("auth.hash_failed"), QStringLiteral("libsodium could not be initialised."));
    const QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, utf8.constData(), quint64(utf8.size()), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13)
        != 0)
        return makeError(QStringLiteral("auth.hash_failed"),
                         QStringLiteral("The password could not be hashed (out of memory?). Close other programs and "
                                        "try again."));
    return QString::fromLatin1(out);
}

bool PasswordHash::verify(const QString &storedHash, const QString &password)
{
    if (!sodiumReady())
        return false;
    const QByteArray stored = storedHash.toLatin1();
    if (stored.isEmpty() || stored.size() >= crypto_pwhash_STRBYTES)
        return false;
    const QByteArray utf8 = password.toUtf8();
    return crypto_pwhash_str_verify(stored.constData(), utf8.constData(), quint64(utf8.size())) == 0;
}

bool PasswordHash::needsRehash(const QString &storedHash)
{
    const QByteArray stored = storedHash.toLatin1();
    return crypto_pwhash_str_needs_rehash(stored.constData(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                          crypto_pwhash_MEMLIMIT_INTERACTIVE)
           != 0;
}

} // namespace kedai::common
