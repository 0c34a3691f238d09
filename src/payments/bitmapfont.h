#pragma once

#include "payments/graybitmap.h"

#include <QStringView>

#include <array>

namespace kedai::payments {

/// A built-in 5x7 pixel font (plus two rows for descenders) (digits, A–Z, a–z, common punctuation). Drawing text with
/// QPainter needs QGuiApplication's font database; the headless daemon has only a QCoreApplication.
class BitmapFont
{
public:
    static constexpr int kGlyphWidth = 5;
    static constexpr int kGlyphHeight = 9; ///< including the descenders of g, j, p, q, y
    static constexpr int kAdvance = 6;     ///< glyph plus one column of spacing

    /// Rows top to bottom; bit 4 is the leftmost pixel. Characters without a glyph give '?'.
    static std::array<quint8, kGlyphHeight> glyph(char16_t c);
    static bool hasGlyph(char16_t c);

    /// Replaces accented letters by their base letter ("é" → "e") and other characters
    /// without a glyph by '?', so that what is drawn is what textWidth() measured.
    static QString printable(QStringView text);
    /// Width in pixels of `length` glyphs at `scale` (no trailing spacing).
    static int textWidth(qsizetype length, int scale);
    /// Draws printable(text) with its top-left corner at (x, y), each font pixel a
    /// scale x scale square.
    static void drawText(GrayBitmap &bitmap, int x, int y, QStringView text, int scale, quint8 gray = 0);
};

} // namespace kedai::payments
