"""The help screen: keys, and the query syntax with its fields read from the core's table."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...core import FIELDS

KEYS = """\
casereader — read a case: the same facts told by different outlets

Keys work from the first second: the focus starts on a list (the documents, or the results \
at 80×24), where letters are commands, as in lazygit, newsboat or mutt. / goes to the search \
box, where letters are typed; Escape (or Enter) gives them back to the keys.

Keys
  /              search as you type; Enter goes to the results, Esc back to the keys
  Ctrl+Y         take 'did you mean' (→ at the end of the search box too)
  Tab, Shift+Tab move between panes          ↑ ↓, j k   move in a list
  Enter          open the result, document or related passage
  n, N           next / previous match in the document
  r              jump to the related passage selected (or the first one)
  [ ]            back / forward through your jumps (also Alt+← / Alt+→)
  c              compare the passage with the selected related passage
  y              copy the passage with its citation (clipboard, tmux, or a clips file)
  b              bookmark the passage (again: remove the bookmark)
  a              write a note on the passage, with tags (Ctrl+S saves)
  v              select part of the passage (mouse or Shift+arrows, s a sentence),
                 then y copy, a note, b bookmark it
  m              your notes and bookmarks: filter (words, #tag), s sort, e edit,
                 d delete, x export to Markdown, Enter opens the passage
  u              results: unread only / all       ↑ ↓ in the search box   earlier searches
  s              Sides: 1 figures, 2 names, 3 quotes, 4 coverage, 5 timeline; Enter opens
                 the passage; on names, m then m merges two, x keeps a variant apart
  f              show or hide page furniture (captions, bylines, credits)
  Ctrl+P         command palette: documents, saved searches, exports, themes…
  i              ingestion report: what was read from each file
  ?              this help          q, Ctrl+Q   quit

Query syntax
  words          all must appear (accents and case do not matter; inflections match)
  a OR b         either          -word, NOT word   exclude
  "exact phrase" the words in this order        crim*   words starting with crim
  bukele~        close spellings (~2 for two edits)

Fields
"""


def help_text() -> str:
    """The help, with one line per query field from ``casereader.core.FIELDS``."""
    width = max(len(spec.example) for spec in FIELDS) + 2
    lines = []
    for spec in FIELDS:
        aliases = f" (also {', '.join(a + ':' for a in spec.aliases)})" if spec.aliases else ""
        lines.append(f"  {spec.example:<{width}}{spec.description}{aliases}")
    return KEYS + "\n".join(lines) + "\n"


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", id="help.close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(Text(help_text()))
