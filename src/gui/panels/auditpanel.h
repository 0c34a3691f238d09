#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTableView;
class QTimer;

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

class AuditTableModel;
class ReloadScheduler;
class Session;

/// The audit trail for managers and the owner (Permission::ViewAudit): who did what and when,
/// newest first, filtered by who, by kind of action, by text and by date. New rows appear at
/// the top as the engine reports changes; older rows load as the list is scrolled. Read-only.
class AuditPanel : public QWidget
{
    Q_OBJECT
public:
    AuditPanel(engine::Engine *engine, Session *session, QWidget *parent = nullptr);
    ~AuditPanel() override;

    AuditTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QComboBox *actorCombo() const { return m_actorCombo; }
    QComboBox *actionCombo() const { return m_actionCombo; }
    QLineEdit *searchEdit() const { return m_search; }
    QCheckBox *fromCheck() const { return m_fromCheck; }
    QDateEdit *fromEdit() const { return m_fromEdit; }
    QCheckBox *toCheck() const { return m_toCheck; }
    QDateEdit *toEdit() const { return m_toEdit; }
    QPlainTextEdit *detailView() const { return m_detail; }
    QLabel *messageLabel() const { return m_message; }
    /// The filter lists have been filled from the audit log.
    bool facetsLoaded() const { return m_facetsLoaded; }

    /// Reads the filter lists again and reloads the rows.
    void reload();
    /// Selects the combo entry whose data is `value`; false when it is not listed.
    static bool selectData(QComboBox *combo, const QString &value);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void buildLayout();
    void applyPermission();
    void applyFilter();
    void loadFacets();
    void showDetail();

    engine::Engine *m_engine;
    Session *m_session;
    AuditTableModel *m_model;
    ReloadScheduler *m_filterDelay;
    QTimer *m_poll;
    QWidget *m_content = nullptr;
    QLabel *m_message = nullptr;
    QComboBox *m_actorCombo = nullptr;
    QComboBox *m_actionCombo = nullptr;
    QLineEdit *m_search = nullptr;
    QCheckBox *m_fromCheck = nullptr;
    QDateEdit *m_fromEdit = nullptr;
    QCheckBox *m_toCheck = nullptr;
    QDateEdit *m_toEdit = nullptr;
    QTableView *m_view = nullptr;
    QPlainTextEdit *m_detail = nullptr;
    bool m_facetsLoaded = false;
    bool m_filling = false; ///< the combos are being filled: no reload per item
};

} // namespace kedai::gui
