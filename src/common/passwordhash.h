#pragma once

#include "common/result.h"

#include <QString>

namespace kedai::common {

/// Desktop passwords: Argon2id through libsodium's crypto_pwhash_str, whose output string
/// carries the algorithm, its parameters and the salt. Interactive limits (about 64 MiB and
/// well under a second on a shop PC): the GUI calls these on a worker thread.
class PasswordHash
{
public:
    /// At least this many characters.
    static constexpr int kMinLength = 8;

    /// Errors: auth.password_too_short {min}, auth.hash_failed (out of memory).
    static Result<QString> hash(const QString &password);
    /// Constant-time check of `password` against a stored hash. False for a malformed hash.
    static bool verify(const QString &storedHash, const QString &password);
    /// The stored hash was made with weaker limits than the current ones (re-hash at login).
    static bool needsRehash(const QString &storedHash);
};

} // namespace kedai::common
