"""The Sides screen: figures, names, quotes, coverage and the timeline, one tab each, and
under them the row under the cursor in full (``sides_detail``).  Enter on a row opens the
reader at its passage; on the Names tab, ``m`` merges two names and ``x`` keeps a variant
apart (written to the case's aliases.toml)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from ...core import (
    SIDE_VIEWS,
    Case,
    CoverageRow,
    DocumentInfo,
    Event,
    Figure,
    NameEntry,
    Quote,
    Ref,
    SideViews,
    merge_names,
    split_names,
)
from ...display import clip, visible
from .sides_detail import (
    Column,
    coverage_detail,
    event_detail,
    figure_detail,
    fit_widths,
    name_detail,
    outlet_width,
    quote_detail,
)

VIEWS = SIDE_VIEWS
FIGURES_ALONE_SHOWN = 2000  # figures in no group listed after the groups (the CLI lists them all)
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


def _event_text(e: Event, width: int) -> Text:
    """The event's clause, its date words lit, cut around them when it is too long."""
    clause = " ".join((getattr(e, "clause", "") or e.text).split())
    at = clause.find(e.text)
    if len(clause) > width and at > width // 3:  # the date words in sight
        cut = min(at - width // 3, len(clause) - width + 1)
        space = clause.find(" ", cut, at)
        cut = space if space >= 0 else cut  # at a word's start
        clause, at = "…" + clause[cut + 1 :], at - cut
    shown = Text(clip(clause, width))
    if at >= 0:
        shown.stylize("bold", at, min(at + len(e.text), len(shown)))
    return shown


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
        self.items: dict[str, list[object]] = {v: [] for v in VIEWS}  # what each row shows
        self.docs: dict[str, DocumentInfo] = {}
        self.merging: str | None = None  # the name "m" was pressed on first
        self.fitted_to = 0  # the width the columns were fitted to
        self.detail = Text()  # what the detail pane shows

    def compose(self) -> ComposeResult:
        yield Static(Text("Comparing the sides…", style="dim"), id="sides-status")
        with TabbedContent(initial=self.view, id="sides-tabs"):
            for view in VIEWS:
                with TabPane(TITLES[view], id=view):
                    yield DataTable(cursor_type="row", id=f"table-{view}")
        with VerticalScroll(id="sides-detail-scroll"):
            yield Static(Text("The row under the cursor, in full, shows here.", style="dim"), id="sides-detail")
        yield Footer()

    def on_resize(self) -> None:
        height = 8 if self.size.height >= 32 else 6
        self.query_one("#sides-detail-scroll").styles.height = height
        if self.views is not None and self.size.width != self.fitted_to:
            self.show(self.views)  # the columns fitted to the new width

    def on_mount(self) -> None:
        self.load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("merge", "split"):
            return self.query_one(TabbedContent).active == "names"
        return True

    @on(TabbedContent.TabActivated)
    def _tab(self) -> None:
        self.refresh_bindings()
        table = self.query_one(f"#table-{self.query_one(TabbedContent).active}", DataTable)
        table.focus()
        self.describe(table)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == f"table-{self.query_one(TabbedContent).active}":
            self.describe(event.data_table)  # (filling the other tabs' tables highlights their rows too)

    def describe(self, table: DataTable[Text]) -> None:
        """The detail pane: the row under ``table``'s cursor in full."""
        view = (table.id or "").removeprefix("table-")
        items = self.items.get(view, [])
        row = table.cursor_row
        if self.views is None or not 0 <= row < len(items) or items[row] is None:
            return  # (the "… more" row of the figures)
        self.describe_item(view, items[row])

    @work(thread=True, exclusive=True, group="sides-detail", exit_on_error=False)
    def describe_item(self, view: str, item: object) -> None:
        """Quotes and names are shown in their paragraph's sentence, read from the index here."""
        views, docs = self.views, self.docs
        if views is None:
            return
        detail: Text
        if view == "figures":
            assert isinstance(item, Figure)
            detail = figure_detail(item, views.group_of(item), docs)
        elif view == "quotes":
            assert isinstance(item, Quote)
            para = self.case.paragraph(Ref(item.doc_id, item.n))
            detail = quote_detail(item, para.text if para else None, docs)
        elif view == "names":
            assert isinstance(item, NameEntry)
            para = self.case.paragraph(Ref(item.refs[0][0], item.refs[0][1])) if item.refs else None
            declared = {v for variants in self.case.aliases().same.values() for v in variants}
            detail = name_detail(item, para.text if para else None, declared, docs)
        elif view == "coverage":
            assert isinstance(item, CoverageRow)
            entry = next((e for e in views.names if e.name == item.label), None) if item.kind == "name" else None
            para = self.case.paragraph(Ref(entry.refs[0][0], entry.refs[0][1])) if entry and entry.refs else None
            detail = coverage_detail(item, views, docs, para.text if para else None)
        else:
            assert isinstance(item, Event)
            detail = event_detail(item, docs)
        self.app.call_from_thread(self._show_detail, view, detail)

    def _show_detail(self, view: str, detail: Text) -> None:
        if view != self.query_one(TabbedContent).active:
            return  # a row of a tab left since
        self.detail = detail
        self.query_one("#sides-detail", Static).update(detail)
        self.query_one("#sides-detail-scroll", VerticalScroll).scroll_home(animate=False)

    def action_show(self, view: str) -> None:
        self.query_one(TabbedContent).active = view

    @work(thread=True, exclusive=True, group="sides", exit_on_error=False)
    def load(self) -> None:
        views = self.case.views()
        self.docs = {d.doc_id: d for d in self.case.documents()}
        self.app.call_from_thread(self.show, views)

    def show(self, views: SideViews) -> None:
        self.views = views
        status = Text(f"{len(views.outlets)} outlets · {len(views.groups)} figure groups · {len(views.names)} names · "
                      f"{len(views.quotes)} quotes · {len(views.events)} dated events", style="bold")  # fmt: skip
        duplicates = getattr(views, "duplicates", {})
        if duplicates:
            status.append(f"  · {len(duplicates)} duplicate document(s) counted once", style="dim")
        for problem in views.problems:
            status.append(f"  · {visible(problem)}", style="yellow")
        self.query_one("#sides-status", Static).update(status)
        self.fitted_to = self.size.width
        for view in VIEWS:
            table = self.query_one(f"#table-{view}", DataTable)
            row = table.cursor_row
            table.clear(columns=True)
            getattr(self, f"_fill_{view}")(table, views)
            if 0 < row < table.row_count:
                table.move_cursor(row=row)
        active = self.query_one(f"#table-{self.query_one(TabbedContent).active}", DataTable)
        active.focus()
        self.describe(active)

    def _columns(self, table: DataTable[Text], columns: list[Column]) -> list[int]:
        widths = fit_widths(self.size.width, columns)
        for column, width in zip(columns, widths, strict=True):
            table.add_column(column.label, width=width)
        return widths

    def _fill_figures(self, table: DataTable[Text], views: SideViews) -> None:
        a, o, f_, c, s, _ = self._columns(table, [
            Column("About", 24, 10), Column("Outlet", outlet_width(views.outlets)), Column("Figure", 18, 10),
            Column("Counts", 18, 8), Column("Cited", 18, 6), Column("¶", 4)])  # fmt: skip
        refs: list[Ref | None] = []
        items: list[object] = []
        for group in views.groups:
            about = _t(group.about or "—", "bold", a)
            if group.disagreement:
                about = _t("⚠ " + (group.about or "—"), "bold yellow", a)
            for i, f in enumerate(group.figures):
                table.add_row(about if i == 0 else Text(""), _t(f.outlet, "", o), _t(f.text, "bold cyan", f_),
                              _t(f.counts, "", c), _t(f.source, "", s), Text(f"¶{f.n}"))  # fmt: skip
                refs.append(Ref(f.doc_id, f.n))
                items.append(f)
        grouped = {id(f) for group in views.groups for f in group.figures}
        alone = [f for f in views.figures if id(f) not in grouped]
        for i, f in enumerate(alone[:FIGURES_ALONE_SHOWN]):  # after the groups: figures no other outlet gives
            table.add_row(_t("in no group" if i == 0 else "", "dim", a), _t(f.outlet, "", o), _t(f.text, "cyan", f_),
                          _t(f.counts, "", c), _t(f.source, "", s), Text(f"¶{f.n}"))  # fmt: skip
            refs.append(Ref(f.doc_id, f.n))
            items.append(f)
        if len(alone) > FIGURES_ALONE_SHOWN:
            more = len(alone) - FIGURES_ALONE_SHOWN
            table.add_row(_t(f"… {more:,} more (casereader figures)", "dim", a), *[Text("")] * 5)
            refs.append(None)
            items.append(None)
        self.rows["figures"] = refs
        self.items["figures"] = items

    def _fill_names(self, table: DataTable[Text], views: SideViews) -> None:
        outlets = [Column(visible(o), outlet_width([o])) for o in views.outlets]
        n, _, v, *_ = self._columns(table, [Column("Name", 30, 14), Column("Kind", 12), Column("Also written", 26, 8),
                                            *outlets])  # fmt: skip
        refs: list[Ref | None] = []
        for entry in views.names:
            marked = "» " if entry.name == self.merging else ""
            counts = [_count(entry.mentions.get(o, 0), "—") for o in views.outlets]
            table.add_row(_t(marked + entry.name, "bold", n), Text(entry.kind, style="dim"),
                          _t(", ".join(entry.variants[1:]), "", v), *counts)  # fmt: skip
            refs.append(Ref(entry.refs[0][0], entry.refs[0][1]) if entry.refs else None)
        self.rows["names"] = refs
        self.items["names"] = list(views.names)

    def _fill_quotes(self, table: DataTable[Text], views: SideViews) -> None:
        sp, qu, o, _, al = self._columns(table, [
            Column("Speaker", 22, 12), Column("Quote", 50, 16), Column("Outlet", outlet_width(views.outlets)),
            Column("¶", 4), Column("Also in", 20, 6)])  # fmt: skip
        refs: list[Ref | None] = []
        items: list[object] = []
        for q in sorted(views.quotes, key=lambda q: (q.kind != "quote", q.speaker == "", q.speaker, q.outlet, q.n)):
            also = ", ".join(f"{o} ¶{n}" for _, n, o in q.linked) + (" ≠ wording" if q.wording_differs else "")
            table.add_row(_t(q.said_by, "bold", sp), _t(f"“{q.text}”", "", qu), _t(q.outlet, "", o),
                          Text(f"¶{q.n}"), _t(also, "yellow" if q.wording_differs else "", al))  # fmt: skip
            refs.append(Ref(q.doc_id, q.n))
            items.append(q)
        self.rows["quotes"] = refs
        self.items["quotes"] = items

    def _fill_coverage(self, table: DataTable[Text], views: SideViews) -> None:
        outlets = [Column(visible(o), max(10, outlet_width([o]))) for o in views.outlets]  # "— left out"
        label, *_ = self._columns(table, [Column("Name or figure", 40, 16), *outlets])
        for row in views.coverage:
            cells = [_count(row.counts[o], "— left out") for o in views.outlets]
            table.add_row(_t(row.label, "" if row.kind == "name" else "cyan", label), *cells)
        self.rows["coverage"] = [Ref.parse(row.ref) if row.ref else None for row in views.coverage]
        self.items["coverage"] = list(views.coverage)

    def _fill_timeline(self, table: DataTable[Text], views: SideViews) -> None:
        _, o, w, _ = self._columns(table, [
            Column("Date", 10), Column("Outlet", outlet_width(views.outlets)), Column("What happened", 80, 20),
            Column("¶", 4)])  # fmt: skip
        refs: list[Ref | None] = []
        for e in views.events:
            what = Text("published", style="bold magenta") if e.published else _event_text(e, w)
            table.add_row(Text(e.date, style="bold"), _t(e.outlet, "", o), what, Text(f"¶{e.n}" if e.n else ""))
            refs.append(Ref(e.doc_id, e.n) if e.n else None)
        self.rows["timeline"] = refs
        self.items["timeline"] = list(views.events)

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
