"""E-mail: a message (.eml) or a mailbox of them (.mbox, each message a document keyed by its
number).  From, Date and Subject give the author, date and title, the Message-ID the address;
the text of the message (its plain part, else its HTML part's text) gives the paragraphs, where
quoted lines ("> ", supercite's "LK> ") are furniture of kind "quoted" and the signature (after
"-- ") and a mailing list's footer furniture of kind "signature".  Attachments are not read:
they are listed in the document's description and the ingestion report."""

from __future__ import annotations

import email
import email.policy
import email.utils
import re
from email.message import EmailMessage
from typing import Any

from ...models import Paragraph, UnreadableFile
from .base import Extracted, Format, no_text

_QUOTED = re.compile(r"^\s{0,3}(?:[A-Za-z][\w-]{0,5})?>")
_FOOTER_RULE = re.compile(r"^_{10,}\s*$")
_SHORT_SIGNATURE = re.compile(r"^-- ?[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,2}\s*$")  # "-- Lars"
_FROM_LINE = re.compile(rb"(?:\A|\r?\n)From [^\n]*\n")


def _header(message: EmailMessage, name: str) -> str:
    try:
        value = message.get(name)
    except (ValueError, IndexError, TypeError):  # a header the parser cannot decode
        value = message.get_all(name, failobj=[""])[0] if hasattr(message, "get_all") else ""
    return " ".join(str(value or "").split())


def _author(value: str) -> str:
    name, address = email.utils.parseaddr(value)
    return " ".join(name.strip("\"' ").split()) or address


def _date(value: str) -> str:
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return ""
    return when.date().isoformat() if when is not None else ""


def _parts(message: EmailMessage) -> tuple[list[str], list[str]]:
    """The message's text parts in order (plain preferred over its HTML alternative) and the
    file names of its attachments."""
    texts: list[str] = []
    attachments: list[str] = []

    def content(part: Any) -> str:
        try:
            return str(part.get_content())
        except (LookupError, ValueError, AssertionError):  # an unknown charset or a broken encoding
            payload = part.get_payload(decode=True) or b""
            return payload.decode("latin-1") if isinstance(payload, bytes) else str(payload)

    def walk(part: Any) -> None:
        kind = part.get_content_type()
        disposition = part.get_content_disposition()
        if part.is_multipart():
            children = list(part.iter_parts())
            if kind == "multipart/alternative":
                plain = [c for c in children if c.get_content_type() == "text/plain"]
                chosen = plain[0] if plain else children[-1] if children else None
                if chosen is not None:
                    walk(chosen)
                return
            for child in children:
                walk(child)
            return
        name = part.get_filename()
        if disposition == "attachment" or (name and not kind.startswith("text/")):
            attachments.append(name or kind)
        elif kind == "text/plain":
            texts.append(content(part))
        elif kind == "text/html":
            texts.append(_html_text(content(part)))
        elif name:
            attachments.append(name)

    walk(message)
    return texts, attachments


def _html_text(page: str) -> str:
    import lxml.html  # type: ignore[import-untyped]

    try:
        tree = lxml.html.document_fromstring(page.encode("utf-8", "replace"))
    except (ValueError, lxml.etree.ParserError):
        return ""
    for bad in tree.xpath("//script|//style"):
        bad.drop_tree()
    blocks = []
    for element in tree.iter("p", "div", "li", "blockquote", "pre", "h1", "h2", "h3", "td"):
        if element.find(".//p") is None and element.find(".//div") is None:
            text = " ".join(element.text_content().split())
            if text:
                blocks.append(text)
    return "\n\n".join(blocks)


def body_paragraphs(texts: list[str]) -> list[tuple[str, str]]:
    """(kind, text) of a message's text: prose paragraphs (hard-wrapped lines joined), indented
    lines set apart ("pre", kept as body), quoted lines ("quoted"), the signature and a list's
    footer ("signature")."""
    found: list[tuple[str, str]] = []
    for text in texts:
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        current: tuple[str, list[str]] | None = None
        signature = False
        for index, line in enumerate(lines):
            if (
                line.rstrip() == "--"
                or line == "-- "
                or _SHORT_SIGNATURE.match(line)
                or (
                    _FOOTER_RULE.match(line)
                    and any(
                        "mailing list" in later.casefold() or "listinfo" in later
                        for later in lines[index + 1 : index + 5]
                    )
                )
            ):
                signature = True
            if signature:
                kind = "signature"
            elif not line.strip():
                current = None
                continue
            elif _QUOTED.match(line):
                kind = "quoted"
            elif line[:1] in (" ", "\t") and len(line) - len(line.lstrip()) >= 2:
                kind = "pre"
            else:
                kind = "body"
            if current is None or current[0] != kind:
                current = (kind, [])
                found.append((kind, ""))
            current[1].append(line.strip() if kind != "quoted" else line.rstrip())
            found[-1] = (kind, " ".join(" ".join(current[1]).split()))
    return [(kind, text) for kind, text in found if text]


def _message(message: EmailMessage, key: str) -> Extracted:
    texts, attachments = _parts(message)
    found = body_paragraphs(texts)
    if not any(kind in ("body", "pre") for kind, _ in found):
        raise UnreadableFile(
            "no text in the message" + (f" (attachments: {', '.join(attachments)})" if attachments else "")
        )
    paragraphs = []
    position = 0
    for n, (kind, text) in enumerate(found, 1):
        paragraphs.append(Paragraph(n, "body" if kind == "pre" else kind, position, position + len(text), text))
        position += len(text) + 2
    meta = {
        "title": _header(message, "Subject"),
        "author": _author(_header(message, "From")),
        "date": _date(_header(message, "Date")),
        "url": _header(message, "Message-ID"),
    }
    notes: tuple[str, ...] = ()
    if attachments:
        meta["description"] = "Attachments (not read): " + ", ".join(attachments)
        notes = (f"attachments not read: {', '.join(attachments)}",)
    return Extracted(
        "\n\n".join(text for _, text in found),
        meta={k: v for k, v in meta.items() if v},
        origin="message headers",
        paragraphs=tuple(paragraphs),
        key=key,
        notes=notes,
    )


def _parse(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage) or not message.keys():
        raise UnreadableFile("not an e-mail message (no headers)")
    return message


def read_eml(data: bytes) -> list[Extracted]:
    return [_message(_parse(data), "")]


def read_mbox(data: bytes) -> list[Extracted]:
    """Each message of a mailbox (mboxo/mboxrd: a "From " line starts each), keyed 1, 2, 3…"""
    if not data.startswith(b"From "):
        raise UnreadableFile('not a mailbox (it does not start with a "From " line)')
    bodies = _FROM_LINE.split(data)[1:]
    found = []
    for number, raw in enumerate(bodies, 1):
        raw = re.sub(rb"(?m)^>(>*From )", rb"\1", raw)  # mboxrd's escaped From lines
        try:
            found.append(_message(_parse(raw), str(number)))
        except UnreadableFile:
            continue
    if not found:
        raise UnreadableFile("no message with text in the mailbox")
    return found


EML = Format("eml", (".eml",), no_text, read_bytes=read_eml)
MBOX = Format("mbox", (".mbox",), no_text, read_bytes=read_mbox, many=True, max_bytes=500 * 1024 * 1024)
