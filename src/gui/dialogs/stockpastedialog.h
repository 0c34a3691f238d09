#pragma once

#include "domain/product.h"

#include <QDialog>
#include <QList>
#include <QSet>
#include <QTimer>

#include <memory>

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

namespace Ui {
class StockPasteDialog;
}

/// Pastes stock items for one product. Before anything is saved the preview marks the lines
/// that repeat within the pasted text and those already in stock; Save hands every line to the
/// engine (which skips the same duplicates) and reports what was added and skipped.
class StockPasteDialog : public QDialog
{
    Q_OBJECT
public:
    enum class LineState { New, DuplicateInText, InStock, TooLong };
    struct PreviewLine
    {
        QString line;
        LineState state = LineState::New;
    };
    /// Role of the preview list items holding the LineState (as int).
    static constexpr int kStateRole = Qt::UserRole + 1;

    /// Classifies the lines of `text` (as StockLine::splitPasted cleans them).
    static QList<PreviewLine> classify(const QString &text, const QSet<QString> &existing);

    StockPasteDialog(engine::Engine *engine, const domain::Product &product, QWidget *parent = nullptr);
    ~StockPasteDialog() override;

    /// True once the product's current stock has arrived (the preview is complete).
    bool existingLoaded() const { return m_existingLoaded; }

Q_SIGNALS:
    /// Items were saved; `summary` says how many were added and skipped.
    void stockAdded(const QString &summary);

private:
    void loadExisting();
    void updatePreview();
    void save();
    void updateSaveButton();

    std::unique_ptr<Ui::StockPasteDialog> ui;
    engine::Engine *m_engine;
    domain::Product m_product;
    QSet<QString> m_existing;
    bool m_existingLoaded = false;
    bool m_saving = false;
    int m_newLines = 0;
    QTimer m_previewTimer;
};

} // namespace kedai::gui
