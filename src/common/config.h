#pragma once

#include "common/result.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace kedai::common {

/// "3/60s" -> 3 events per 60 000 ms. Units: ms, s, m, h (default s).
struct RateSpec
{
    int count = 3;
    qint64 windowMs = 60'000;
    static std::optional<RateSpec> parse(const QString &text);
    QString toString() const;
};

/// host:port of the HTTP endpoint; ":8080" means all interfaces.
struct HttpAddress
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 8080;
    static std::optional<HttpAddress> parse(const QString &text);
    QString toString() const;
};

/// The configuration contract of ARCHITECTURE.md section 6. Values come from the settings file
/// in the data dir, then the environment, then command-line flags (later wins). Keys everywhere
/// are the environment variable names.
struct Config
{
    QString dataDir;
    QString databaseUrl; ///< resolved: sqlite:///abs/path or postgresql://...
    QString redisUrl;    ///< empty: in-process limiter/locks/cache
    HttpAddress http;
    QString adminToken;
    bool adminTokenGenerated = false; ///< true when this run created the token
    QStringList ownerNumbers;         ///< normalised digits
    RateSpec rateLimitBuy;
    int shards = 0;    ///< 0: number of cores, at least 2
    bool demo = false; ///< seed the demo shop on first run
    QString language = QStringLiteral("id");
    QString shopName = QStringLiteral("Kedai Demo");
    qint64 maxBodyBytes = 1 << 20;
    QString qrisStatic;      ///< QRIS_STATIC: the shop's static QRIS string (empty: QRIS off)
    QString qrisListenerKey; ///< QRIS_LISTENER_KEY: X-Api-Key of /webhook/payment-notification
    int qrisExpiryMin = 30;  ///< QRIS_EXPIRY_MIN: minutes a QRIS order or deposit waits

    // WhatsApp Cloud API (channel "whatsapp"): on when the phone number id and the token are set.
    QString waPhoneNumberId; ///< WA_PHONE_NUMBER_ID
    QString waAccessToken;   ///< WA_ACCESS_TOKEN (a secret: never logged)
    QString waAppSecret;     ///< WA_APP_SECRET: key of X-Hub-Signature-256 (without it POSTs are refused)
    QString waVerifyToken;   ///< WA_VERIFY_TOKEN: the GET handshake
    QString waApiBaseUrl = QStringLiteral("https://graph.facebook.com/v21.0"); ///< WA_API_BASE_URL
    // WAHA gateway (channel "waha"): on when WAHA_URL is set.
    QString wahaUrl;                                 ///< WAHA_URL, e.g. http://localhost:3000
    QString wahaApiKey;                              ///< WAHA_API_KEY (X-Api-Key)
    QString wahaSession = QStringLiteral("default"); ///< WAHA_SESSION
    QString wahaHmacKey;                             ///< WAHA_HMAC_KEY: X-Webhook-Hmac is required when set
    /// The key of the secrets encrypted in the settings file (common::SecretBox::keyFilePath).
    QString secretKeyFile;

    bool cloudApiEnabled() const { return !waPhoneNumberId.isEmpty() && !waAccessToken.isEmpty(); }
    bool wahaEnabled() const { return !wahaUrl.isEmpty(); }

    /// The settings file: <dataDir>/kedai.conf (INI, keys = variable names, mode 0600).
    QString settingsPath() const;
    QString sqlitePath() const; ///< empty unless databaseUrl is sqlite

    /// Builds the configuration. `flags` holds command-line values under the variable names
    /// (KEDAI_DATA_DIR, HTTP_ADDR, KEDAI_DEMO, ...). Creates the data dir and, when no admin
    /// token is configured, generates one and stores it in the settings file.
    static Result<Config> load(const QHash<QString, QString> &flags, const QHash<QString, QString> &environment);
    static QHash<QString, QString> systemEnvironment();
    static QString defaultDataDir();

    /// Writes one key to the settings file (used by the GUI's settings). Secrets (SecretBox::
    /// secretNames(), passwords in DATABASE_URL/REDIS_URL) are stored encrypted, and plain ones
    /// already in the file are encrypted on the way. The key comes from the process environment.
    static Result<void> writeSetting(const QString &dataDir, const QString &key, const QString &value);
    /// The same with this configuration's data folder and key file.
    Result<void> saveSetting(const QString &key, const QString &value) const;
};

} // namespace kedai::common
