#pragma once

#include "engine/replytemplate.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

class Session;

/// Settings → Reply templates: the bot's replies in one language; edit one and see it rendered
/// with example values as you type. "Save" stores the shop's wording (the bot uses it from its
/// next reply on); "Reset to default" removes it. A text whose {placeholders} differ from the
/// original's is refused with the names.
class TemplateEditor : public QWidget
{
    Q_OBJECT
public:
    TemplateEditor(engine::Engine *engine, Session *session, QWidget *parent = nullptr);

    void load();
    /// Selects the reply `key` (false when there is none).
    bool select(const QString &key);
    QPlainTextEdit *editor() const { return m_editor; }
    QPlainTextEdit *preview() const { return m_preview; }
    QLabel *messageLabel() const { return m_message; }
    bool isLoaded() const { return !m_templates.isEmpty() && !m_busy; }
    void save();
    void resetToDefault();

Q_SIGNALS:
    void statusMessage(const QString &text);

private:
    void showCurrent();
    void updatePreview();
    void store(const QString &text);
    int currentIndex() const;

    engine::Engine *m_engine;
    Session *m_session;
    QComboBox *m_language;
    QListWidget *m_list;
    QPlainTextEdit *m_editor;
    QPlainTextEdit *m_preview;
    QLabel *m_placeholders;
    QLabel *m_message;
    QPushButton *m_saveButton;
    QPushButton *m_resetButton;
    QList<engine::ReplyTemplate> m_templates;
    QString m_notice; ///< shown once the list has been reloaded after a save
    bool m_busy = false;
};

} // namespace kedai::gui
