#pragma once

#include <QString>
#include <QVariantMap>

#include <optional>
#include <utility>
#include <variant>

namespace kedai::common {

/// An error that crosses a library boundary: a stable machine code and a human message.
struct Error
{
    QString code;
    QString message;
    QVariantMap details; ///< values for user-facing texts (e.g. saldo, total, available)
};

/// Value or Error. No exceptions cross threads or Qt slots.
template<typename T>
class [[nodiscard]] Result
{
public:
    /// An empty result is an error ("result.empty"): QFuture needs a default constructor.
    Result() : m_data(Error{QStringLiteral("result.empty"), QStringLiteral("no result"), {}}) {}
    Result(T value) : m_data(std::move(value)) {}
    Result(Error error) : m_data(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_data); }
    T &value() & { return std::get<T>(m_data); }
    T &&value() && { return std::get<T>(std::move(m_data)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }

    const Error &error() const { return std::get<Error>(m_data); }

private:
    std::variant<T, Error> m_data;
};

template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

inline Error makeError(QString code, QString message, QVariantMap details = {})
{
    return Error{std::move(code), std::move(message), std::move(details)};
}

} // namespace kedai::common
