#pragma once

#include "store/orderrepository.h"

#include <QDialog>

#include <optional>

class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

class RefundDialog;
class Session;

/// One order: its fields, the customer, the payment and its saldo movements. The delivered items
/// are masked and not even loaded until "Reveal" is pressed (Permission::RevealItems; the engine
/// records who looked, never what they saw). Resend and Refund act on the order from here.
class OrderDetailDialog : public QDialog
{
    Q_OBJECT
public:
    OrderDetailDialog(engine::Engine *engine, Session *session, const QString &ref, QWidget *parent = nullptr);
    ~OrderDetailDialog() override;

    /// What the masked items look like.
    static QString maskedItem();

    bool hasLoaded() const { return m_detail.has_value(); }
    const std::optional<store::OrderDetail> &detail() const { return m_detail; }
    /// The items as shown: masked, or the contents once revealed.
    QString itemsText() const;
    bool isRevealed() const { return m_revealed; }
    QPushButton *revealButton() const { return m_revealButton; }
    QPushButton *resendButton() const { return m_resendButton; }
    QPushButton *refundButton() const { return m_refundButton; }

    void reveal();
    void resend();
    /// Opens the refund dialog (window-modal, not blocking); nullptr when not allowed.
    RefundDialog *refund();
    /// Reads the order again (after a change elsewhere); revealed items are masked again.
    void reload();

Q_SIGNALS:
    void statusMessage(const QString &text);
    void loadedDetail();

private:
    void display(const store::OrderDetail &detail);
    void updateButtons();
    void setMessage(const QString &text);

    engine::Engine *m_engine;
    Session *m_session;
    QString m_ref;
    std::optional<store::OrderDetail> m_detail;
    QFormLayout *m_form;
    QLabel *m_message;
    QPlainTextEdit *m_items;
    QPushButton *m_revealButton;
    QPushButton *m_resendButton;
    QPushButton *m_refundButton;
    bool m_revealed = false;
    bool m_busy = false;
};

} // namespace kedai::gui
