#pragma once

#include "domain/product.h"

#include <QDialog>
#include <QList>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include <array>
#include <memory>

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

namespace Ui {
class StockPasteDialog;
}

/// Pastes or imports (.txt/.csv) stock items for one product. Before anything is saved the
/// preview marks the lines that repeat within the text or file and those already in stock;
/// Save hands every line to the engine (which skips the same duplicates) and reports what was
/// added and skipped.
///
/// The preview is built in chunks of kChunkSize lines: each chunk's stock check runs on the
/// engine's threads (Engine::stockLinesInStock, so the product's stock never comes to the
/// window) and the window stays responsive with a progress bar, also for 50,000 lines.
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
    static constexpr int kChunkSize = 2000;

    /// Classifies the lines of `text` (as StockLine::splitPasted cleans them).
    static QList<PreviewLine> classify(const QString &text, const QSet<QString> &existing);
    /// Classifies `lines` in order; `seen` carries the lines met so far from chunk to chunk.
    static QList<PreviewLine> classifyLines(const QStringList &lines, const QSet<QString> &inStock,
                                            QSet<QString> &seen);
    /// The items of a file: a .txt file has one per line; a .csv file (separated by commas,
    /// semicolons or tabs, whichever the first line has most of; "quoted" fields may hold
    /// them) gives field `column` (0 = the first) of every record. Lines as splitPasted()
    /// cleans them: trimmed, empty ones and those starting with # left out.
    static QStringList importedLines(const QByteArray &data, bool csv, int column = 0);
    /// The fields of a .csv file's first record (for choosing the column).
    static QStringList csvFirstRecord(const QByteArray &data);

    /// `actor` is the signed-in user (Session::actor()), written to the audit log.
    StockPasteDialog(engine::Engine *engine, const domain::Product &product, const QString &actor,
                     QWidget *parent = nullptr);
    ~StockPasteDialog() override;

    /// True when the preview is complete: every line checked against the stock.
    bool existingLoaded() const { return !m_classifying && !m_readingFile; }
    /// Reads the file on a worker thread and previews its items in place of the pasted text
    /// (`column`: of a .csv file). The Import button asks for the file and the column.
    void importFile(const QString &path, int column = 0);
    /// The lines the preview shows and Save would hand to the engine.
    const QStringList &lines() const { return m_lines; }

Q_SIGNALS:
    /// Items were saved; `summary` says how many were added and skipped.
    void stockAdded(const QString &summary);
    /// The preview is complete (see existingLoaded()).
    void previewReady();

private:
    void chooseFile();
    void previewText();
    void startPreview(QStringList lines);
    void nextChunk();
    void showChunk(const QList<PreviewLine> &lines);
    void updateSummary();
    void save();
    void updateSaveButton();
    void showResult(const QString &text);

    std::unique_ptr<Ui::StockPasteDialog> ui;
    engine::Engine *m_engine;
    domain::Product m_product;
    QString m_actor;
    QStringList m_lines;
    QString m_importedFrom; ///< file name while the lines come from a file
    qsizetype m_next = 0;   ///< first line of the next chunk to check
    QSet<QString> m_seen;
    std::array<int, 4> m_counts{};
    quint64 m_generation = 0; ///< answers for an earlier text are dropped
    bool m_classifying = false;
    bool m_readingFile = false;
    bool m_saving = false;
    QTimer m_previewTimer;
};

} // namespace kedai::gui
