"""A command's case: the folder checked, the index brought up to date (a progress bar and
notices on standard error), a paragraph reference found."""

from __future__ import annotations

from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from ..core import Case, IndexReport, Paragraph, Ref
from ..display import quoted, visible
from .output import CaseError, Output


def open_case(path: Path | None) -> Case:
    if path is not None and not path.is_dir():
        raise CaseError(f"{visible(str(path))} is not a folder", "not_a_folder")
    return Case(path)


def ready_case(path: Path | None, quiet: bool, output: Output) -> Case:
    """The case of a command, brought up to date (its notices printed on stderr)."""
    case = open_case(path)
    notices(update(case, quiet, output), output)
    return case


def update(case: Case, quiet: bool, output: Output, wait: bool = False) -> IndexReport | None:
    """Bring the index up to date, with a progress bar on stderr when it takes a while.

    While another process indexes the case, search its index as it was (or, with ``wait``
    or when there is no index yet, wait for that process, saying so)."""

    def waiting(message: str) -> None:
        output.err.print(Text(f"note: {message}", style="yellow"))

    if quiet:
        update = case.update_index(waiting=waiting, wait=wait)
    else:
        with Progress(
            TextColumn("[bold]indexing"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("files"),
            TimeElapsedColumn(),
            TextColumn("{task.fields[current]}", markup=False),
            console=output.err,
            transient=True,
        ) as progress:
            task = progress.add_task("index", total=None, current="")

            def report(done: int, total: int, current: str) -> None:
                progress.update(task, completed=done, total=total, current=visible(current)[-50:])

            update = case.update_index(report, waiting=waiting, wait=wait)
    if update.problem:  # busy in another process, or unwritable: the index as it was, if there is one
        if not update.searchable:
            raise CaseError(update.problem, "index_unavailable")
        output.err.print(Text(f"note: {visible(update.problem)}", style="yellow"))
    return update.report


def update_meaning(case: Case, quiet: bool, output: Output) -> dict[str, object]:
    """Compute the meaning of the paragraphs that changed (worker processes), with a progress
    bar on stderr; what was done, for the summary (a failure is said, never raised: related
    passages then compare words alone)."""
    try:
        if quiet:
            computed = case.update_meaning()
        else:
            with Progress(
                TextColumn("[bold]meaning"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("paragraphs"),
                TimeElapsedColumn(),
                console=output.err,
                transient=True,
            ) as progress:
                task = progress.add_task("meaning", total=None)

                def report(done: int, total: int) -> None:
                    progress.update(task, completed=done, total=total)

                computed = case.update_meaning(report)
    except KeyboardInterrupt:
        raise
    except Exception as exc:
        problem = f"the meaning of the paragraphs was not computed ({exc}); related passages compare words alone"
        output.err.print(Text(f"note: {visible(problem)}", style="yellow"))
        return {"computed": 0, "problem": problem}
    if computed is None:
        return {"computed": 0, "problem": "another process is computing the meaning of the paragraphs"}
    return {"computed": computed, "problem": case.meaning_status()}


def notices(report: IndexReport | None, output: Output) -> None:
    if report is None:
        return
    for notice in report.notices:
        output.note(notice)
    if report.added or report.updated or report.removed:
        for skipped in report.skipped:
            output.err.print(Text(f"skipped {visible(skipped.path)}: {skipped.reason}", style="yellow"))


def paragraph_at(case: Case, text: str) -> tuple[Ref, Paragraph]:
    """The paragraph a REF argument names, or a one-line CaseError saying why not."""
    try:
        ref = Ref.parse(text)
    except ValueError as exc:
        raise CaseError(str(exc), "bad_reference") from None
    para = case.paragraph(ref)
    if para is None:
        raise CaseError(
            f"no paragraph {quoted(str(ref))} in this case (casereader docs lists the documents)", "no_such_paragraph"
        )
    return ref, para
