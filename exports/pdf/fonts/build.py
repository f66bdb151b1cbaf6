"""Regenerates Comptoir Sans, the font every PDF embeds, from DejaVu Sans 2.37.

    python -m exports.pdf.fonts.build [--source /usr/share/fonts/truetype/dejavu]

DejaVu Sans (Debian/Ubuntu: `apt-get install fonts-dejavu-core`) holds 6,253 glyphs;
fpdf2 parses the font for every document and subsets it again at output, ~90 ms of a
one-page quote here. Business documents need Latin, Greek, Cyrillic and some punctuation
and symbols (RANGES), so both faces keep those ~1,870 glyphs, the same characters in each,
and lose what fpdf2 never uses: TrueType hinting (viewers rasterise PDF fonts their own
way), the OpenType layout tables (fpdf2 drops GSUB/GPOS when it embeds and shapes no text
here), the kerning table and the duplicate Unicode-platform character map. Glyph names
stay: fontTools reads them faster than it would rebuild them from the character map.

The Bitstream Vera licence lets a modified font be shipped only under a name without
"Bitstream" or "Vera" (the Arev licence: without "Arev" or "Tavmjong Bah"): the family is
renamed Comptoir Sans; copyright, licence and designer records are kept as they are. The
source's timestamp is kept too, so the same DejaVu and fontTools give byte-identical files.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

HERE = Path(__file__).resolve().parent
FAMILY = "Comptoir Sans"
SOURCE = Path("/usr/share/fonts/truetype/dejavu")
# (DejaVu file, our file, subfamily as the name table spells it)
FACES = (("DejaVuSans.ttf", "ComptoirSans.ttf", "Book"),
         ("DejaVuSans-Bold.ttf", "ComptoirSans-Bold.ttf", "Bold"))  # fmt: skip

# What names, addresses, item descriptions and amounts on European business documents use.
RANGES = (
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement: é è ç « » ß ø and the no-break space
    (0x0100, 0x024F),  # Latin Extended-A and -B: œ ł ő ș ț …
    (0x02B0, 0x02FF),  # spacing modifiers: ʼ ˆ ˇ ˘ ˙ ˚ ˛ ˜ ˝
    (0x0300, 0x036F),  # combining marks, for letters without a precomposed form
    (0x0370, 0x03FF),  # Greek and Coptic: Παπαδόπουλος, final ς
    (0x0400, 0x04FF),  # Cyrillic: customers' names (Шевченко) are not only Latin or Greek
    (0x1E00, 0x1EFF),  # Latin Extended Additional: Vietnamese, Welsh ŵ ŷ
    (0x1F00, 0x1FFF),  # Greek Extended: polytonic names and addresses
    (0x2000, 0x206F),  # General Punctuation: – — ‘ ’ “ ” „ • … ‰ and U+202F, Babel's
    #                    French thousands separator
    (0x20A0, 0x20CF),  # currency symbols: € ₽ ₺ ₹ …
    (0x2100, 0x214F),  # letterlike symbols: № ™ ℮ ℃
    (0x2190, 0x2199),  # arrows ← ↑ → ↓ ↔ ↕ …
    (0x21D0, 0x21D4),  # ⇐ ⇑ ⇒ ⇓ ⇔
    (0x2212, 0x2212),  # minus sign, which some locales format negative amounts with
    (0x2215, 0x2215),  # division slash
    (0x221E, 0x221E),  # ∞
    (0x2248, 0x2248),  # ≈
    (0x2260, 0x2265),  # ≠ ≡ ≤ ≥
    (0x25A0, 0x25AB),  # ■ □ ▪ ▫ bullets
    (0x25CB, 0x25CF),  # ○ ● bullets
    (0x25E6, 0x25E6),  # ◦
    (0x2713, 0x2717),  # ✓ ✔ ✕ ✖ ✗
    (0xFB00, 0xFB06),  # ligatures pasted from other documents: ﬁ ﬂ
    (0xFFFD, 0xFFFD),  # replacement character, printed for anything the font lacks
)


def wanted_codepoints() -> set[int]:
    return {code for first, last in RANGES for code in range(first, last + 1)}


def build(source: Path, out: Path = HERE) -> list[Path]:
    """Writes both faces into `out`; each covers exactly the same characters (those both
    DejaVu faces have among RANGES), so text never changes glyph coverage with the weight."""
    fonts = [TTFont(source / name, recalcTimestamp=False) for name, _, _ in FACES]
    common = wanted_codepoints()
    for font in fonts:
        common &= set(font.getBestCmap())
    written = []
    for font, (_, target, subfamily) in zip(fonts, FACES, strict=True):
        _reduce(font, common)
        _rename(font, subfamily)
        path = out / target
        font.save(path)
        written.append(path)
    return written


def _reduce(font: TTFont, codepoints: set[int]) -> None:
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "FFTM", "MATH"]
    options.glyph_names = True
    options.notdef_outline = True
    # Keep every name record (copyright, licence, URLs) in every language it has.
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)
    # DejaVu maps its characters twice, for the Unicode and the Windows platforms: the
    # Windows (3, 1) map is the one every reader uses, and fontTools would decode both for
    # every document.
    cmap = font["cmap"]
    cmap.tables = [table for table in cmap.tables if (table.platformID, table.platEncID) == (3, 1)]


def _rename(font: TTFont, subfamily: str) -> None:
    """Family, full, unique and PostScript names say Comptoir Sans; copyright (0), licence
    (13, 14) and the designer records stay DejaVu's, as the licence asks."""
    bold = subfamily == "Bold"
    full = f"{FAMILY} Bold" if bold else FAMILY
    postscript = FAMILY.replace(" ", "") + ("-Bold" if bold else "")
    names = {
        1: FAMILY,
        3: f"{full}: reduced DejaVu Sans 2.37",
        4: full,
        6: postscript,
        16: FAMILY,
        10: "DejaVu Sans 2.37 reduced to Latin, Greek, Cyrillic and punctuation for"
        " Comptoir's PDFs (exports/pdf/fonts/build.py).",
    }
    table = font["name"]
    for record in table.names:
        if record.nameID in names:
            record.string = names[record.nameID]
    # DejaVu has no description record (10): add one, on both platforms like the others.
    table.setName(names[10], 10, 3, 1, 0x409)
    table.setName(names[10], 10, 1, 0, 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE,
                        help="folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf")  # fmt: skip
    args = parser.parse_args()
    for path in build(args.source):
        print(f"{path}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
