"""``add``: articles from the web put into the case: pages and PDFs by their addresses, or a
feed's new entries; then the case is indexed.  The fetching is the core's
(``core.ingest.fetch``); here the results are printed, one line each."""

from __future__ import annotations

import argparse

from rich.text import Text

from ..core import FetchError, Outcome, add_feed, add_urls
from ..display import visible
from .opening import notices, open_case, update
from .output import BAD_INPUT, NOTHING_FOUND, OK, CaseError, Command, Output


def cmd_add(args: argparse.Namespace, output: Output) -> int:
    if not args.urls and not args.feed:
        raise CaseError("give the address of a page (casereader add URL…) or of a feed (--feed URL)")
    case = open_case(args.corpus)
    outcome = Outcome()
    if args.feed:
        try:
            outcome = add_feed(case.folder, args.feed, timeout=args.timeout)
        except FetchError as exc:
            outcome.failed.append(exc)
    if args.urls:
        more = add_urls(case.folder, args.urls, timeout=args.timeout)
        outcome.added += more.added
        outcome.already += more.already
        outcome.failed += more.failed
    report = update(case, quiet=True, output=output, wait=True) if outcome.added else None
    if args.json:
        data = outcome.to_json()
        data["index"] = report.to_json() if report is not None else None
        output.json(data)
    else:
        notices(report, output)
        for added in outcome.added:
            title = f" ({visible(added.title)})" if added.title else ""
            output.out.print(Text(f"added {visible(added.path)}{title} from {visible(added.url)}"))
        if outcome.feed and outcome.already:
            count = len(outcome.already)
            output.out.print(Text(f"{count} {'entry' if count == 1 else 'entries'} of {visible(outcome.feed)} "
                                  "already in the case"))  # fmt: skip
        else:
            for url in outcome.already:
                output.out.print(Text(f"already in the case: {visible(url)}"))
        if outcome.feed and not outcome.added and not outcome.failed:
            output.out.print(Text(f"nothing new in {visible(outcome.feed)}"))
        for failed in outcome.failed:
            output.error(str(failed))
    if outcome.failed:
        return BAD_INPUT
    return OK if outcome.added else NOTHING_FOUND


COMMANDS: dict[str, Command] = {"add": cmd_add}
