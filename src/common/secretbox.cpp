#include "common/secretbox.h"

#include "common/ids.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUrl>

#include <sodium.h>

namespace kedai::common {

namespace {

constexpr QLatin1String kPrefix("enc:v1:");
constexpr auto kBase64 = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

bool sodiumReady()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

Error undecryptable()
{
    return makeError(QStringLiteral("secret.undecryptable"),
                     QStringLiteral("The value cannot be decrypted: it was encrypted with another key, or it was "
                                    "changed or damaged."));
}

} // namespace

SecretBox::SecretBox(QByteArray key) : m_key(std::move(key)) {}

QString SecretBox::keyFilePath(const QHash<QString, QString> &environment)
{
    const QString explicitPath = environment.value(QStringLiteral("KEDAI_SECRET_KEY_FILE")).trimmed();
    if (!explicitPath.isEmpty())
        return QDir(explicitPath).absolutePath();
    QString base = environment.value(QStringLiteral("XDG_CONFIG_HOME")).trimmed();
    if (base.isEmpty())
        base = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
    if (base.isEmpty())
        base = QDir::homePath() + QStringLiteral("/.config");
    return QDir(base).filePath(QStringLiteral("kedai/secret.key"));
}

const QStringList &SecretBox::secretNames()
{
    static const QStringList names{QStringLiteral("WA_ACCESS_TOKEN"),   QStringLiteral("WA_APP_SECRET"),
                                   QStringLiteral("WAHA_API_KEY"),      QStringLiteral("WAHA_HMAC_KEY"),
                                   QStringLiteral("QRIS_LISTENER_KEY"), QStringLiteral("KEDAI_ADMIN_TOKEN"),
                                   QStringLiteral("PG_PASSWORD"),       QStringLiteral("MIDTRANS_SERVER_KEY"),
                                   QStringLiteral("ATL_API_KEY"),       QStringLiteral("GEMINI_KEYS")};
    return names;
}

const QStringList &SecretBox::urlNames()
{
    static const QStringList names{QStringLiteral("DATABASE_URL"), QStringLiteral("REDIS_URL")};
    return names;
}

Result<SecretBox> SecretBox::fromKeyFile(const QString &path, bool create)
{
    if (!sodiumReady())
        return makeError(QStringLiteral("secret.key_invalid"), QStringLiteral("libsodium could not be initialised."));
    if (!QFileInfo::exists(path)) {
        if (!create)
            return makeError(QStringLiteral("secret.key_missing"),
                             QStringLiteral("The key of the encrypted settings (%1) is missing.").arg(path));
        const QString dir = QFileInfo(path).absolutePath();
        if (!QDir().mkpath(dir))
            return makeError(QStringLiteral("secret.key_write"),
                             QStringLiteral("Cannot create the folder %1.").arg(dir));
        QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QByteArray key(kKeyBytes, Qt::Uninitialized);
        randombytes_buf(key.data(), size_t(key.size()));
        // Written to a private temporary file, then renamed without replacing: when two processes
        // create the key at once, both end up using the one that won.
        const QString tmp = path + QStringLiteral(".tmp-") + randomToken(8);
        {
            QFile f(tmp);
            if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly))
                return makeError(QStringLiteral("secret.key_write"), QStringLiteral("Cannot write %1.").arg(tmp));
            f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
            f.write(key.toBase64() + '\n');
            if (!f.flush()) {
                f.remove();
                return makeError(QStringLiteral("secret.key_write"), QStringLiteral("Cannot write %1.").arg(tmp));
            }
        }
        sodium_memzero(key.data(), size_t(key.size()));
        if (!QFile::rename(tmp, path))
            QFile::remove(tmp); // another process was first: use its key
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("secret.key_missing"),
                         QStringLiteral("The key of the encrypted settings (%1) cannot be read.").arg(path));
    const QByteArray key = QByteArray::fromBase64(f.readAll().trimmed());
    if (key.size() != kKeyBytes)
        return makeError(QStringLiteral("secret.key_invalid"),
                         QStringLiteral("The key file %1 is not a Kedai key (base64 of 32 bytes).").arg(path));
    return SecretBox(key);
}

Result<QString> SecretBox::encrypt(const QString &plain) const
{
    if (!sodiumReady() || m_key.size() != kKeyBytes)
        return makeError(QStringLiteral("secret.key_invalid"), QStringLiteral("No valid key to encrypt with."));
    const QByteArray message = plain.toUtf8();
    QByteArray out(int(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) + message.size(), Qt::Uninitialized);
    auto *nonce = reinterpret_cast<unsigned char *>(out.data());
    randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                          reinterpret_cast<const unsigned char *>(message.constData()), quint64(message.size()), nonce,
                          reinterpret_cast<const unsigned char *>(m_key.constData()));
    return QString(kPrefix + QString::fromLatin1(out.toBase64(kBase64)));
}

Result<QString> SecretBox::decrypt(const QString &value) const
{
    if (!isEncrypted(value))
        return value;
    if (!sodiumReady() || m_key.size() != kKeyBytes)
        return undecryptable();
    const auto decoded = QByteArray::fromBase64Encoding(value.mid(kPrefix.size()).toLatin1(),
                                                        kBase64 | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() < int(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES))
        return undecryptable();
    const QByteArray &box = decoded.decoded;
    const auto *nonce = reinterpret_cast<const unsigned char *>(box.constData());
    const qsizetype cipherLen = box.size() - qsizetype(crypto_secretbox_NONCEBYTES);
    QByteArray plain(cipherLen - qsizetype(crypto_secretbox_MACBYTES), Qt::Uninitialized);
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char *>(plain.data()), nonce + crypto_secretbox_NONCEBYTES,
                                   quint64(cipherLen), nonce,
                                   reinterpret_cast<const unsigned char *>(m_key.constData()))
        != 0)
        return undecryptable();
    return QString::fromUtf8(plain);
}

bool SecretBox::needsProtection(const QString &name, const QString &value)
{
    if (value.isEmpty())
        return false;
    if (secretNames().contains(name))
        return !isEncrypted(value);
    if (urlNames().contains(name)) {
        const QUrl url(value);
        const QString password = url.password(QUrl::FullyDecoded);
        return !password.isEmpty() && !isEncrypted(password);
    }
    return false;
}

Result<QString> SecretBox::protect(const QString &name, const QString &value) const
{
    if (!needsProtection(name, value))
        return value;
    if (secretNames().contains(name))
        return encrypt(value);
    QUrl url(value);
    auto sealed = encrypt(url.password(QUrl::FullyDecoded));
    if (!sealed)
        return sealed.error();
    url.setPassword(sealed.value(), QUrl::DecodedMode);
    return url.toString(QUrl::FullyEncoded);
}

Result<QString> SecretBox::reveal(const QString &name, const QString &value) const
{
    if (secretNames().contains(name))
        return decrypt(value);
    if (!urlNames().contains(name))
        return value;
    QUrl url(value);
    const QString password = url.password(QUrl::FullyDecoded);
    if (!isEncrypted(password))
        return value;
    auto plain = decrypt(password);
    if (!plain)
        return plain.error();
    url.setPassword(plain.value(), QUrl::DecodedMode);
    return url.toString(QUrl::FullyEncoded);
}

} // namespace kedai::common
