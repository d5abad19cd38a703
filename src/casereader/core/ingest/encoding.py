"""Decoding a file's bytes into text: BOMs, UTF-8 with stray bytes, detected legacy encodings."""

from __future__ import annotations

import codecs
import re

from ..models import UnreadableFile


def decode(data: bytes, markup: bool = False) -> str:
    """Decode a text file's bytes, or raise UnreadableFile saying why (see :func:`read_text`)."""
    return read_text(data, markup)[0]


# Labels pages declare, as browsers read them (the WHATWG Encoding Standard): a page that says
# ISO-8859-1 or GB2312 is read with the superset every browser uses, so its curly quotes and
# rarer characters come out as they were typed.
_SUPERSETS = {
    "iso8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254", "iso8859-11": "cp874",
    "gb2312": "gb18030", "gbk": "gb18030", "shift-jis": "cp932", "euc-kr": "cp949", "big5": "big5hkscs",
    "utf-16": "utf-8", "utf-16-le": "utf-8", "utf-16-be": "utf-8", "utf-32": "utf-8",
}  # fmt: skip
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:+-]+)""", re.I)
_XML_DECLARATION = re.compile(rb"""\A\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9_.:+-]+)["']""", re.I)


def declared_encoding(data: bytes) -> tuple[str, str, str] | None:
    """The encoding a page declares, as (Python codec, the label as written, where): a
    ``<meta charset>`` or ``http-equiv`` Content-Type in its first 4 KB, else its XML
    declaration; None when it declares none (or a label no codec has)."""
    head = data[:4096]
    for pattern, where in ((_META_CHARSET, "meta"), (_XML_DECLARATION, "XML declaration")):
        match = pattern.search(head)
        if match is None:
            continue
        label = match.group(1).decode("ascii", "replace")
        try:
            name = codecs.lookup(label).name
        except LookupError:
            continue
        return _SUPERSETS.get(name, name), label, where
    return None


def _shown_codec(name: str) -> str:
    """A codec's name as people write it: "windows-1250", "gb18030", "shift_jis"."""
    name = codecs.lookup(name).name
    return {"cp932": "shift_jis (cp932)", "latin-1": "latin-1"}.get(name) or re.sub(r"^cp(125\d)$", r"windows-\1", name)


def read_text(data: bytes, markup: bool = False) -> tuple[str, str]:
    """A text file's bytes decoded, with a note on what was repaired or guessed ("" when
    nothing was); UnreadableFile saying why when they cannot be.

    A BOM decides first.  A page (``markup``) that declares its encoding (``<meta charset>``,
    ``http-equiv`` Content-Type, an XML declaration) is read in it, unless its bytes are UTF-8
    (a page re-saved as UTF-8 keeps its old declaration) or cannot be read in it (then the
    encoding is detected, and the note says so).  Otherwise, UTF-8 (with or without BOM) and
    UTF-16/32 with a BOM are taken as they are.  A UTF-8 file
    with some lines in a legacy encoding (a paragraph pasted from a Windows-1252 page) is
    decoded line by line: those lines as Windows-1252, stray bytes inside UTF-8 lines as
    U+FFFD, everything else as written.  Anything else (Latin-1, Windows-125x, GB2312, UTF-16
    without BOM…) is detected with charset-normalizer.  NUL and invisible zero-width
    characters are removed.
    """
    if not data.strip():
        raise UnreadableFile("empty file")
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _clean(_not_binary(data.decode(encoding))), ""
            except UnicodeDecodeError as exc:
                if encoding == "utf-8-sig":
                    text, note = _by_line(data[len(bom) :])
                    return _clean(_not_binary(text)), note
                raise UnreadableFile(f"not valid {encoding.upper()} text ({exc.reason})") from exc
    head = data[:8192]
    nuls = head.count(0)
    if nuls > max(4, len(head) // 100):
        return _clean(_not_binary(_detect(data, "binary file (contains NUL bytes)", unicode_only=True)[0])), ""
    try:
        return _clean(_not_binary(data.decode("utf-8"))), ""
    except UnicodeDecodeError:
        pass
    declared = declared_encoding(data) if markup else None
    overruled = ""
    if declared is not None and declared[0] != "utf-8":
        try:
            return _clean(_not_binary(data.decode(declared[0]))), ""
        except UnicodeDecodeError:
            overruled = f"the page declares {declared[1]} ({declared[2]}) but its bytes are not"
    if _looks_utf8(data):
        lines = data.splitlines()
        bad = sum(1 for line in lines if not _is_utf8(line))
        if bad <= len(lines) - bad and bad <= max(2, len(lines) // 5):  # mostly UTF-8 lines
            text, note = _by_line(data)
            return _clean(_not_binary(text)), note
        text = data.decode("utf-8", errors="replace")
        if text.count("\ufffd") <= max(2, len(text) // 1000):  # a few stray bytes
            return _clean(_not_binary(text)), "invalid bytes shown as �"
    failure = "binary file (contains NUL bytes)" if nuls else "not text in any encoding casereader can detect"
    text, guessed = _detect(data, failure)
    note = f"encoding guessed: {_shown_codec(guessed)}" + (f" ({overruled})" if overruled else "")
    return _clean(_not_binary(text)), note


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _by_line(data: bytes) -> tuple[str, str]:
    """UTF-8 decoded line by line: a line that is not UTF-8 but holds valid multi-byte UTF-8
    sequences has stray bytes (each becomes U+FFFD); one with none is in a legacy encoding,
    read as Windows-1252.  The note says how many lines of each."""
    parts: list[str] = []
    legacy = stray = 0
    for line in data.splitlines(keepends=True):
        try:
            parts.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            if re.search(rb"[\xc2-\xf4][\x80-\xbf]", line):
                stray += 1
                parts.append(line.decode("utf-8", errors="replace"))
            else:
                legacy += 1
                parts.append(line.decode("cp1252", errors="replace"))
    notes = []
    if legacy:
        notes.append(f"{legacy} line{'s' if legacy > 1 else ''} not in UTF-8, read as Windows-1252")
    if stray:
        notes.append(f"{stray} line{'s' if stray > 1 else ''} with invalid bytes, shown as �")
    return "".join(parts), "; ".join(notes)


def _looks_utf8(data: bytes) -> bool:
    """Whether the file has valid multi-byte UTF-8 sequences (not just ASCII and junk)."""
    return re.search(rb"[\xc2-\xf4][\x80-\xbf]", data) is not None or data.isascii()


def _detect(data: bytes, failure: str, unicode_only: bool = False) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    results = list(from_bytes(data[:200_000] if len(data) > 200_000 else data))
    best = results[0] if results else None
    if best is not None:
        # Short Western texts fit several single-byte code pages equally well ("São" is
        # "Săo" in cp1250): prefer the Western ones among the equally good.
        for candidate in results:
            if candidate.encoding in _WESTERN and candidate.chaos <= best.chaos + 0.1:
                best = candidate
                break
    if best is None or (unicode_only and not best.encoding.startswith("utf")):
        raise UnreadableFile(failure)
    try:
        return data.decode(best.encoding, errors="replace"), best.encoding
    except LookupError as exc:  # pragma: no cover - charset-normalizer names Python codecs
        raise UnreadableFile(failure) from exc


_WESTERN = ("cp1252", "latin_1", "iso8859_15", "utf_8")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")
# NUL, zero-width space, word joiner, BOM inside the text, soft hyphen: invisible, and they
# split words ("Bo\u200blívar") for search.  Joiners that shape scripts (ZWJ/ZWNJ) stay.
_INVISIBLE = dict.fromkeys(map(ord, "\x00\u200b\u2060\ufeff\u00ad"))


def _not_binary(text: str) -> str:
    """Reject decoded text that is mostly control characters (a binary file with a BOM)."""
    sample = text[:8192]
    if sample and len(_CONTROL.findall(sample)) > max(2, len(sample) // 20):
        raise UnreadableFile("binary file (mostly control characters)")
    return text


def _clean(text: str) -> str:
    return text.translate(_INVISIBLE)


# UTF-8 read through a one-byte encoding turns each non-ASCII character into a lead
# character (Â-ô in Windows-1252 and Latin-1, Ă-Ĺ in the Central European ones, √ or ¬ in
# MacRoman, box drawings in CP437)
# followed by a continuation one: text without such a pair has no mojibake, and ftfy's
# whole-text check (0.8 ms per article, 14 s of a 16,657-file build) is not needed.
_SUSPECT = re.compile(
    "[\u00ac\u00c2-\u00f4\u0100-\u017f\u221a\u2500-\u257f]"
    "[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6-\u02dd\u2013\u2014"
    "\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\u0100-\u024f\u0391-\u03c9"
    "\u2018-\u25ff\u2190-\u21ff\u2260-\u2265\u00b0-\u00bf\u2202\u220f\u2211\u221e\u222b]"
)


def repair_mojibake(text: str) -> tuple[str, str]:
    """Text that was UTF-8 read as Windows-1252 somewhere before it was saved ("â€œThe Evil
    Deadâ€\x9d") put back as written ("“The Evil Dead”"), by ftfy's encoding fixes only:
    typographic quotes, dashes and everything else stay as written.  The note says how many
    characters changed ("" when the text needed nothing)."""
    import ftfy
    from ftfy.badness import is_bad

    if text.isascii() or not _SUSPECT.search(text) or not is_bad(text):
        return text, ""
    fixed = "\n".join(ftfy.fix_encoding(line) if is_bad(line) else line for line in text.split("\n"))
    if fixed == text:
        return text, ""
    lines = sum(1 for a, b in zip(text.split("\n"), fixed.split("\n"), strict=True) if a != b)
    return fixed, f"mojibake repaired on {lines} line{'s' if lines > 1 else ''} (text saved through a wrong encoding)"
