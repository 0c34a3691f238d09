#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

class ConnectionTestRow;
class Session;

/// Settings → Database and Redis: DATABASE_URL and REDIS_URL, each with its password in a
/// masked field of its own and a "Test connection" that tries what is typed (not what runs).
/// Saving writes the settings file (passwords encrypted); Kedai uses it after a restart.
class ConnectionSettingsPage : public QWidget
{
    Q_OBJECT
public:
    ConnectionSettingsPage(engine::Engine *engine, Session *session, QWidget *parent = nullptr);

    /// The URL as typed with the password field put in (empty password: the URL unchanged).
    static QString composeUrl(const QString &url, const QString &password);
    /// The URL without its password, and the password.
    static QPair<QString, QString> splitUrl(const QString &url);

    QString databaseUrl() const;
    QString redisUrl() const;
    ConnectionTestRow *databaseTest() const { return m_dbTest; }
    ConnectionTestRow *redisTest() const { return m_redisTest; }
    QLineEdit *databaseEdit() const { return m_dbUrl; }
    QLineEdit *redisEdit() const { return m_redisUrl; }
    void save();

Q_SIGNALS:
    void statusMessage(const QString &text);

private:
    engine::Engine *m_engine;
    Session *m_session;
    QLineEdit *m_dbUrl;
    QLineEdit *m_dbPassword;
    QLineEdit *m_redisUrl;
    QLineEdit *m_redisPassword;
    ConnectionTestRow *m_dbTest;
    ConnectionTestRow *m_redisTest;
    QPushButton *m_saveButton;
    QLabel *m_message;
};

} // namespace kedai::gui
