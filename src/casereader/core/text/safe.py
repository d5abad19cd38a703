"""Text from documents made safe to show: every character that could style, move or clear a
terminal, reorder the text around it or hide text gets a visible stand-in of length one, so
offsets into the text (highlights) stay valid.

One range, for every caller (the display of the CLI and the app, the reading of web pages):

- C0 controls but tab and line feed (an ESC starts a terminal escape sequence, a carriage
  return moves the cursor back over what was shown), DEL, and the C1 controls (U+0080–U+009F:
  CSI and OSC among them, escape sequences in one character);
- the bidirectional formatting characters, which reorder the text around them (the "Trojan
  Source" characters): the embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069,
  and the marks U+061C, U+200E, U+200F;
- characters that hide text: the deprecated format characters U+206A–U+206F, the
  interlinear annotation controls U+FFF9–U+FFFB, and the tag characters U+E0000–U+E007F
  (invisible copies of ASCII that can carry a hidden message).

Stand-ins: the Control Pictures for C0 (␛ for ESC, ␍ for CR, ␀ for NUL) and ␡ for DEL; U+FFFD
(�) for the rest.  Zero-width spaces, soft hyphens and BOMs inside the text are removed when a
file is read (``ingest.encoding``); the joiners that shape scripts and emoji (ZWJ, ZWNJ) stay.
"""

from __future__ import annotations

import re

_UNSAFE_CLASS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 but tab and line feed, DEL, C1
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks, embeddings, overrides, isolates
    "\u206a-\u206f\ufff9-\ufffb\U000e0000-\U000e007f"  # deprecated format, interlinear annotation, tags
)
UNSAFE = re.compile(f"[{_UNSAFE_CLASS}]")
REPLACEMENT = "\ufffd"


def is_unsafe(code: int) -> bool:
    """Whether the character with code point ``code`` must not reach a terminal as it is."""
    return 0 <= code <= 0x10FFFF and UNSAFE.match(chr(code)) is not None


def stand_in(code: int) -> str:
    """The visible character shown for an unsafe one: ␛ for ESC, ␡ for DEL, � otherwise."""
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟
    return "␡" if code == 0x7F else REPLACEMENT


def visible(text: str) -> str:
    """``text`` with every unsafe character replaced by its stand-in, one for one."""
    return UNSAFE.sub(lambda match: stand_in(ord(match.group())), text)
