"""The Sides screen: figures, names, quotes, coverage and the timeline, one tab each.
Enter on a row opens the reader at its passage; on the Names tab, ``m`` merges two names
and ``x`` keeps a variant apart (written to the case's aliases.toml)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from ...core import SIDE_VIEWS, Case, Ref, SideViews, merge_names, split_names
from ...display import clip, visible

VIEWS = SIDE_VIEWS
TITLES = {"figures": "Figures", "names": "Names", "quotes": "Quotes", "coverage": "Coverage", "timeline": "Timeline"}


def sides_commands(open_view: Callable[[str], None]) -> list[SystemCommand]:
    """The palette's commands, one per view."""
    return [
        SystemCommand(TITLES[view], f"Compare the sides: {what}", partial(open_view, view))
        for view, what in (
            ("figures", "every outlet's figures, grouped by what they count, disagreements flagged (s)"),
            ("names", "people, organisations, places by outlet; merge names or keep them apart"),
            ("quotes", "quoted words and who said them, per outlet"),
            ("coverage", "who mentions what, and who leaves it out"),
            ("timeline", "the dated events the articles speak of"),
        )
    ]


def _t(text: str, style: str = "", width: int = 0) -> Text:
    return Text(clip(text, width), style=style)


def _count(count: int, empty: str) -> Text:
    return Text(str(count), style="bold") if count else Text(empty, style="yellow")


class VariantPicker(ModalScreen[str | None]):
    """Which variant of a name to keep apart from it."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="variants.cancel")]

    def __init__(self, name: str, variants: list[str]) -> None:
        super().__init__()
        self.name_ = name
        self.variants = variants

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(f"Keep apart from {visible(self.name_)}:", style="bold"))
            yield OptionList(*(Option(Text(visible(v)), id=str(i)) for i, v in enumerate(self.variants)))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.variants[event.option_index])


class SidesScreen(Screen[Ref | None]):
    """How the outlets tell the case: one tab per view."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close", id="sides.close"),
        *(Binding(str(i), f"show('{v}')", TITLES[v], show=False, id=f"sides.{v}") for i, v in enumerate(VIEWS, 1)),
        Binding("m", "merge", "Merge names", id="sides.merge"),
        Binding("x", "split", "Keep apart", id="sides.split"),
    ]

    def __init__(self, case: Case, view: str = "figures") -> None:
        super().__init__()
        self.case = case
        self.view = view
        self.views: SideViews | None = None
        self.rows: dict[str, list[Ref | None]] = {v: [] for v in VIEWS}
        self.merging: str | None = None  # the name "m" was pressed on first

    def compose(self) -> ComposeResult:
        yield Static(Text("Comparing the sides…", style="dim"), id="sides-status")
        with TabbedContent(initial=self.view, id="sides-tabs"):
            for view in VIEWS:
                with TabPane(TITLES[view], id=view):
                    yield DataTable(cursor_type="row", id=f"table-{view}")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("merge", "split"):
            return self.query_one(TabbedContent).active == "names"
        return True

    @on(TabbedContent.TabActivated)
    def _tab(self) -> None:
        self.refresh_bindings()
        self.query_one(f"#table-{self.query_one(TabbedContent).active}", DataTable).focus()

    def action_show(self, view: str) -> None:
        self.query_one(TabbedContent).active = view

    @work(thread=True, exclusive=True, group="sides", exit_on_error=False)
    def load(self) -> None:
        views = self.case.views()
        self.app.call_from_thread(self.show, views)

    def show(self, views: SideViews) -> None:
        self.views = views
        status = Text(f"{len(views.outlets)} outlets · {len(views.groups)} figure groups · {len(views.names)} names · "
                      f"{len(views.quotes)} quotes · {len(views.events)} dated events", style="bold")  # fmt: skip
        for problem in views.problems:
            status.append(f"  · {visible(problem)}", style="yellow")
        self.query_one("#sides-status", Static).update(status)
        for view in VIEWS:
            table = self.query_one(f"#table-{view}", DataTable)
            table.clear(columns=True)
            getattr(self, f"_fill_{view}")(table, views)
        self.query_one(f"#table-{self.query_one(TabbedContent).active}", DataTable).focus()

    def _fill_figures(self, table: DataTable[Text], views: SideViews) -> None:
        for label, width in (("About", 24), ("Outlet", 18), ("Figure", 18), ("Counts", 18), ("Cited", 18), ("¶", 5)):
            table.add_column(label, width=width)
        refs: list[Ref | None] = []
        for group in views.groups:
            about = _t(group.about or "—", "bold", 24)
            if group.disagreement:
                about = _t("⚠ " + (group.about or "—"), "bold yellow", 24)
            for i, f in enumerate(group.figures):
                table.add_row(about if i == 0 else Text(""), _t(f.outlet, "", 18), _t(f.text, "bold cyan", 18),
                              _t(f.counts, "", 18), _t(f.source, "", 18), Text(f"¶{f.n}"))  # fmt: skip
                refs.append(Ref(f.doc_id, f.n))
        self.rows["figures"] = refs

    def _fill_names(self, table: DataTable[Text], views: SideViews) -> None:
        table.add_column("Name", width=30)
        table.add_column("Kind", width=12)
        table.add_column("Also written", width=26)
        for outlet in views.outlets:
            table.add_column(_t(outlet, "", 14), width=max(6, min(14, len(outlet))))
        refs: list[Ref | None] = []
        for entry in views.names:
            marked = "» " if entry.name == self.merging else ""
            counts = [_count(entry.mentions.get(o, 0), "—") for o in views.outlets]
            table.add_row(_t(marked + entry.name, "bold", 30), Text(entry.kind, style="dim"),
                          _t(", ".join(entry.variants[1:]), "", 26), *counts)  # fmt: skip
            refs.append(Ref(entry.refs[0][0], entry.refs[0][1]) if entry.refs else None)
        self.rows["names"] = refs

    def _fill_quotes(self, table: DataTable[Text], views: SideViews) -> None:
        for label, width in (("Speaker", 22), ("Quote", 50), ("Outlet", 18), ("¶", 5), ("Also in", 20)):
            table.add_column(label, width=width)
        refs: list[Ref | None] = []
        for q in sorted(views.quotes, key=lambda q: (q.kind != "quote", q.speaker == "", q.speaker, q.outlet, q.n)):
            also = ", ".join(f"{o} ¶{n}" for _, n, o in q.linked) + (" ≠ wording" if q.wording_differs else "")
            table.add_row(_t(q.said_by, "bold", 22), _t(f"“{q.text}”", "", 50), _t(q.outlet, "", 18),
                          Text(f"¶{q.n}"), _t(also, "yellow" if q.wording_differs else "", 20))  # fmt: skip
            refs.append(Ref(q.doc_id, q.n))
        self.rows["quotes"] = refs

    def _fill_coverage(self, table: DataTable[Text], views: SideViews) -> None:
        table.add_column("Name or figure", width=40)
        for outlet in views.outlets:
            table.add_column(_t(outlet, "", 16), width=max(6, min(16, len(outlet))))
        for row in views.coverage:
            cells = [_count(row.counts[o], "— left out") for o in views.outlets]
            table.add_row(_t(row.label, "" if row.kind == "name" else "cyan", 40), *cells)
        self.rows["coverage"] = [Ref.parse(row.ref) if row.ref else None for row in views.coverage]

    def _fill_timeline(self, table: DataTable[Text], views: SideViews) -> None:
        for label, width in (("Date", 11), ("Outlet", 18), ("What", 60), ("¶", 5)):
            table.add_column(label, width=width)
        refs: list[Ref | None] = []
        for e in views.events:
            what = Text("published", style="bold magenta") if e.published else _t(e.text, "", 60)
            table.add_row(Text(e.date, style="bold"), _t(e.outlet, "", 18), what, Text(f"¶{e.n}" if e.n else ""))
            refs.append(Ref(e.doc_id, e.n) if e.n else None)
        self.rows["timeline"] = refs

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        view = (event.data_table.id or "").removeprefix("table-")
        refs = self.rows.get(view, [])
        if 0 <= event.cursor_row < len(refs) and refs[event.cursor_row] is not None:
            self.dismiss(refs[event.cursor_row])

    # --- merging and splitting names ---------------------------------------------------------

    def _current_name(self) -> str | None:
        if self.views is None:
            return None
        row = self.query_one("#table-names", DataTable).cursor_row
        return self.views.names[row].name if 0 <= row < len(self.views.names) else None

    def action_merge(self) -> None:
        name = self._current_name()
        if name is None:
            return
        if self.merging is None or self.merging == name:
            self.merging = name if self.merging is None else None
            if self.merging:
                self.notify(f"Merging {visible(name)}: go to the name it is the same as and press m.", timeout=5)
            self.show(self.views) if self.views else None
            return
        first, self.merging = self.merging, None
        entry = next(e for e in self.views.names if e.name == first) if self.views else None
        variants = entry.variants if entry else [first]
        self.change_aliases("merge", name, variants)

    def action_split(self) -> None:
        name = self._current_name()
        entry = next((e for e in self.views.names if e.name == name), None) if self.views else None
        if entry is None or len(entry.variants) < 2:
            self.notify("This name has no other variant to keep apart.", timeout=3)
            return

        def chosen(variant: str | None) -> None:
            if variant is not None:
                self.change_aliases("split", entry.name, [variant])

        self.app.push_screen(VariantPicker(entry.name, entry.variants[1:]), chosen)

    @work(thread=True, group="aliases", exit_on_error=False)
    def change_aliases(self, how: str, name: str, variants: list[str]) -> None:
        aliases = self.case.aliases()
        message = (merge_names if how == "merge" else split_names)(aliases, name, variants)
        try:
            self.case.save_aliases(aliases)
        except OSError as exc:
            self.app.call_from_thread(self.notify, f"Cannot write {self.case.aliases_path}: {exc.strerror}",
                                      severity="error", markup=False)  # fmt: skip
            return
        views = self.case.views()
        self.app.call_from_thread(self.notify, f"{message} (in {self.case.aliases_path}).", markup=False, timeout=5)
        self.app.call_from_thread(self.show, views)
