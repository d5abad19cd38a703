"""Start-up notices grouped into one: each kind of file note counted."""

from casereader.tui.notices import grouped


def test_file_notes_are_counted_by_kind_and_case_notices_kept_as_they_are() -> None:
    notices = [
        "index rebuilt: a new index format",
        "a.html: encoding guessed: Windows-1252",
        "b.txt: encoding guessed: GB18030",
        "c.txt: 3 lines not in UTF-8, read as Windows-1252; mojibake repaired on 2 lines (text saved through a "
        "wrong encoding)",
        "d.txt: mojibake repaired on 1 line (text saved through a wrong encoding)",
        "e.mbox: 2 parts without text left out",
        "f.mbox: 1 part without text left out",
        "not/a/file.txt: \x1b[2J something",
    ]
    paths = {"a.html", "b.txt", "c.txt", "d.txt", "e.mbox", "f.mbox"}
    assert grouped(notices, paths) == [
        "index rebuilt: a new index format",
        "not/a/file.txt: ␛[2J something",  # shown literally
        "2 files read with a guessed encoding — i for the report",
        "2 files with text repaired from a wrong encoding — i for the report",
        "2 files with a note such as “2 parts without text left out” — i for the report",
        "1 file with lines in another encoding or invalid bytes — i for the report",
    ]


def test_many_kinds_end_with_how_many_more() -> None:
    notices = [f"f{i}.txt: odd thing {chr(97 + i)}" for i in range(10)]
    lines = grouped(notices, {f"f{i}.txt" for i in range(10)})
    assert len(lines) == 7 and lines[-1] == "… and 4 more — i for the report"
