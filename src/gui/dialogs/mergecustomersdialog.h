#pragma once

#include "domain/customer.h"
#include "store/customerrepository.h"

#include <QDialog>
#include <QHash>

#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QRadioButton;

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

class ReloadScheduler;

/// Merges two customers who are one person (two numbers, or WhatsApp and another channel):
/// staff search the other customer, see both saldos and chat ids and what the result will be,
/// choose which one stays, and confirm. Everything of the merged one moves to the one that stays.
class MergeCustomersDialog : public QDialog
{
    Q_OBJECT
public:
    /// `actor` is the signed-in user (Session::actor()), written to the audit log.
    MergeCustomersDialog(engine::Engine *engine, const domain::Customer &customer, const QString &actor,
                         QWidget *parent = nullptr);
    ~MergeCustomersDialog() override;

    QLineEdit *searchEdit() const { return m_search; }
    QListWidget *candidateList() const { return m_candidates; }
    QRadioButton *keepOtherButton() const { return m_keepOther; }
    QCheckBox *confirmBox() const { return m_confirm; }
    QPushButton *mergeButton() const { return m_mergeButton; }
    QLabel *errorLabel() const { return m_errorLabel; }
    QLabel *summaryLabel() const { return m_summary; }
    bool hasLoaded() const { return m_loaded; }
    /// Selects the candidate. False when not listed.
    bool selectCandidate(qint64 customerId);
    /// True once both customers' chat ids and current saldos are shown.
    bool detailsLoaded() const;

    void accept() override;

Q_SIGNALS:
    void merged(const kedai::store::CustomerMergeResult &result);

private:
    void loadCandidates();
    void loadIdentities(qint64 customerId);
    void updateState();
    std::optional<domain::Customer> other() const;
    QString describe(const domain::Customer &c) const;

    engine::Engine *m_engine;
    domain::Customer m_customer;
    QString m_actor;
    QList<domain::Customer> m_candidateRows;
    QHash<qint64, QStringList> m_identities;
    ReloadScheduler *m_reload;
    QLineEdit *m_search = nullptr;
    QListWidget *m_candidates = nullptr;
    QRadioButton *m_keepThis = nullptr;
    QRadioButton *m_keepOther = nullptr;
    QLabel *m_fromLabel = nullptr;
    QLabel *m_intoLabel = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_errorLabel = nullptr;
    QCheckBox *m_confirm = nullptr;
    QPushButton *m_mergeButton = nullptr;
    bool m_loaded = false;
    bool m_merging = false;
    bool m_selfLoaded = false; ///< m_customer re-read since the dialog opened
};

} // namespace kedai::gui
