#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

namespace kedai::common {

/// Secrets encrypted at rest in the settings file: libsodium's crypto_secretbox_easy
/// (XSalsa20-Poly1305) with a 32-byte key kept outside the data folder. An encrypted value reads
/// "enc:v1:<base64url(nonce | ciphertext)>" (URL-safe, so it can also stand as the password of
/// a DATABASE_URL or REDIS_URL). Values without the prefix are plain and pass through unchanged.
class SecretBox
{
public:
    static constexpr int kKeyBytes = 32;

    /// Uses `key` (exactly kKeyBytes bytes; an invalid key makes every call fail).
    explicit SecretBox(QByteArray key);

    /// Reads the key file (base64 of 32 bytes). With `create`, a missing file is created (mode
    /// 0600, its folder 0700) with a new random key; creating is race-free between processes.
    /// Errors: secret.key_missing, secret.key_invalid, secret.key_write.
    static Result<SecretBox> fromKeyFile(const QString &path, bool create);

    /// Where the key lives: KEDAI_SECRET_KEY_FILE, else <config dir>/kedai/secret.key
    /// ($XDG_CONFIG_HOME or ~/.config), never the data folder.
    static QString keyFilePath(const QHash<QString, QString> &environment);

    static bool isEncrypted(const QString &value) { return value.startsWith(QLatin1String("enc:v1:")); }

    /// The variables of the configuration contract that are secrets (whole value encrypted).
    static const QStringList &secretNames();
    /// Variables that are URLs whose password part is a secret (DATABASE_URL, REDIS_URL).
    static const QStringList &urlNames();

    Result<QString> encrypt(const QString &plain) const;
    /// A plain value comes back unchanged. Errors: secret.undecryptable (wrong key, tampered or
    /// damaged value).
    Result<QString> decrypt(const QString &value) const;

    /// For a URL variable: the URL with its password encrypted (already encrypted or no password:
    /// unchanged). For a secret variable: the encrypted value. Other variables: unchanged.
    Result<QString> protect(const QString &name, const QString &value) const;
    /// The inverse of protect().
    Result<QString> reveal(const QString &name, const QString &value) const;
    /// Whether protect() would change the value (a plain secret, or a URL with a plain password).
    static bool needsProtection(const QString &name, const QString &value);

private:
    QByteArray m_key;
};

} // namespace kedai::common
