"""Tables where plans are published: HTML pages (whatever the file's extension), PDF attachments
with a text layer, Word ``.docx`` attachments. Each document becomes its tables as grids, rows
of cell texts with merged cells expanded (a cell spanning rows or columns is repeated in each),
which ``parse.table`` then reads as tab-separated rows.

A document of a form not read ends in one line saying what to do: an old Word or WPS file
(save it as .docx or PDF), a PDF without a text layer (a scan: run OCR first), a damaged file.
Plain text is not a document here (``grids_of`` returns None) and is read as before.
"""

from __future__ import annotations

import io
import re
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from planwatch.errors import NoTableError
from planwatch.parse import source
from planwatch.parse.pdf_rows import join_wrapped

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .wps, .et, .xls: the old binary formats
OLD_FORMATS = {
    ".doc": "an old-format Word document",
    ".wps": "a WPS Writer document",
    ".et": "a WPS spreadsheet",
    ".xls": "an old-format Excel workbook",
}
_HTML = re.compile(rb"<\s*(table|html|!doctype\s+html|body|tr|td)\b", re.I)


@dataclass
class Grid:
    """One table of a document: its rows of cell texts and where it was found."""

    rows: list[list[str]]
    where: str  # "table 2", "pages 3-4"

    @property
    def size(self) -> str:
        width = max((len(r) for r in self.rows), default=0)
        return f"{len(self.rows)} rows × {width} columns"

    def text(self) -> str:
        """The grid as tab-separated lines (the form ``parse.table`` reads)."""
        return "\n".join("\t".join(_flat(c) for c in row) for row in self.rows) + "\n"


def _flat(cell: str) -> str:
    """A cell on one line: broken lines joined (without a space between Chinese characters)."""
    parts = [p.strip() for p in re.split(r"[\r\n\t\u2028\u2029]+", cell or "") if p.strip()]
    out = ""
    for p in parts:
        if (
            out
            and (out[-1].isascii() and out[-1].isalnum())
            and (p[0].isascii() and p[0].isalnum())
        ):
            out += " "
        out += p
    return out


def kind_of(path: Path, data: bytes) -> str:
    """'html', 'pdf', 'docx', 'old' (a binary format not read) or 'text'."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(OLE_MAGIC) or path.suffix.lower() in OLD_FORMATS:
        return "old"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                if "word/document.xml" in z.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            pass
        return "zip"
    if _HTML.search(data[:200_000].replace(b"\x00", b"")):
        return "html"
    return "text"


def grids_of(path: Path, data: bytes, pages: tuple[int, int] | None = None) -> list[Grid] | None:
    """Every table of a document, or None for plain text (read as text, as before)."""
    kind = kind_of(path, data)
    if kind == "text":
        return None
    if kind == "old":
        what = OLD_FORMATS.get(path.suffix.lower(), "an old binary Office or WPS file")
        raise NoTableError(path, f"{what} cannot be read", expected="save it as .docx or PDF")
    if kind == "zip":
        raise NoTableError(
            path, "a zip file that is not a Word document", expected="a .docx, PDF or HTML file"
        )
    if kind == "html":
        return html_grids(source.decode(path, data))
    if kind == "docx":
        return docx_grids(path, data)
    return pdf_grids(path, data, pages)


def text_of(path: Path, data: bytes) -> str | None:
    """A document's running text, its tables as tab-separated rows where they stand, for
    ``parse-plan``; None for plain text."""
    kind = kind_of(path, data)
    if kind == "text":
        return None
    if kind == "html":
        return html_text(source.decode(path, data))
    if kind == "docx":
        return docx_text(path, data)
    if kind == "pdf":
        return pdf_text(path, data)
    return grids_of(path, data)  # old formats and other zips: refused in one line


# --- HTML ---------------------------------------------------------------------------------------


def html_grids(text: str) -> list[Grid]:
    """Every innermost ``<table>`` of a page, ``rowspan``/``colspan`` expanded, entities decoded,
    ``<br>`` as a line break inside its cell; rows of ``<thead>``, ``<tbody>`` and ``<tfoot>``
    in page order."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    for br in soup.find_all("br"):
        br.replace_with("\n")
    out = []
    for n, tab in enumerate(t for t in soup.find_all("table") if not t.find("table")):
        rows = []
        for tr in tab.find_all("tr"):
            cells = []
            for td in tr.find_all(["td", "th"], recursive=False):
                cells.append((td.get_text(""), _span(td.get("rowspan")), _span(td.get("colspan"))))
            rows.append(cells)
        grid = expand(rows)
        if any(any(c.strip() for c in r) for r in grid):
            out.append(Grid(grid, f"table {n + 1}"))
    return out


def html_text(text: str) -> str:
    """The page's text, one block element a line, tables as tab-separated rows; scripts,
    styles and navigation left out."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    for tag in soup(["script", "style", "noscript", "head"]):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for tab in [t for t in soup.find_all("table") if not t.find("table")]:
        rows = [
            [td.get_text("") for td in tr.find_all(["td", "th"], recursive=False)]
            for tr in tab.find_all("tr")
        ]
        tab.replace_with("\n" + Grid(rows, "").text())
    for block in soup.find_all(["p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr"]):
        block.insert_after("\n")
    lines = (line.strip() for line in soup.get_text("").splitlines())
    return "\n".join(line for line in lines if line) + "\n"


def _span(value) -> int:
    try:
        return max(1, min(int(str(value).strip()), 1000))
    except (TypeError, ValueError):
        return 1


def expand(rows: list[list[tuple[str, int, int]]]) -> list[list[str]]:
    """Rows of (text, rowspan, colspan) → a rectangular grid, each merged cell repeated in every
    row and column it spans."""
    grid: list[list[str | None]] = []
    for i, cells in enumerate(rows):
        while len(grid) <= i:
            grid.append([])
        row = grid[i]
        j = 0
        for text, rs, cs in cells:
            while j < len(row) and row[j] is not None:
                j += 1
            for di in range(min(rs, len(rows) - i)):
                while len(grid) <= i + di:
                    grid.append([])
                target = grid[i + di]
                while len(target) < j + cs:
                    target.append(None)
                for dj in range(cs):
                    target[j + dj] = text
            j += cs
    width = max((len(r) for r in grid), default=0)
    return [[c if c is not None else "" for c in r] + [""] * (width - len(r)) for r in grid]


# --- Word .docx ---------------------------------------------------------------------------------


def _open_docx(path: Path, data: bytes):
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise NoTableError(
            path,
            f"the Word file is damaged ({type(exc).__name__})",
            expected="a .docx saved by Word or WPS",
        ) from None


def docx_grids(path: Path, data: bytes) -> list[Grid]:
    """Every table of a .docx (nested tables too), merged cells repeated in what they span."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        doc = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise NoTableError(
            path, f"the Word file is damaged ({exc})", expected="a .docx saved by Word or WPS"
        ) from None
    out = []

    def walk(tables):
        for tab in tables:
            rows = [[cell.text for cell in row.cells] for row in tab.rows]
            if any(any(c.strip() for c in r) for r in rows):
                width = max(len(r) for r in rows)
                out.append(
                    Grid([r + [""] * (width - len(r)) for r in rows], f"table {len(out) + 1}")
                )
            for row in tab.rows:
                for cell in row.cells:
                    walk(cell.tables)

    walk(doc.tables)
    return out


def docx_text(path: Path, data: bytes) -> str:
    """Paragraphs and tables of a .docx in document order."""
    import docx

    doc = _open_docx(path, data)
    out = []
    for block in doc.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(docx.text.paragraph.Paragraph(block, doc).text)
        elif tag == "tbl":
            t = docx.table.Table(block, doc)
            out.append(Grid([[c.text for c in r.cells] for r in t.rows], "").text().rstrip("\n"))
    return "\n".join(out) + "\n"


# --- PDF ----------------------------------------------------------------------------------------


def pdf_grids(path: Path, data: bytes, pages: tuple[int, int] | None = None) -> list[Grid]:
    """Tables of a PDF's text layer, ruled or not; a table running over a page break is one grid
    (a header repeated on the next page dropped); cells over several lines joined."""
    with _open_pdf(path, data) as pdf:
        n = len(pdf.pages)
        lo, hi = pages or (1, n)
        if lo < 1 or hi > n or lo > hi:
            raise NoTableError(
                path,
                f"pages {lo}-{hi} are not in a PDF of {n} pages",
                expected=f"pages within 1-{n}",
            )
        found, any_text = [], False
        for number in range(lo, hi + 1):
            page = pdf.pages[number - 1]
            with _page_errors(path, number):
                text = page.extract_text() or ""
                found_ruled = page.find_tables()
                ruled = [_with_orphans(page, t) for t in found_ruled]
                tables = ruled or page.extract_tables(
                    {"vertical_strategy": "text", "horizontal_strategy": "text"}
                )
            any_text = any_text or bool(text.strip())
            for t in tables:
                rows = _fill_merged([r for r in t if any((c or "").strip() for c in r)])
                rows = rows if ruled else join_wrapped(rows)
                if rows:
                    found.append((number, rows))
    if not any_text:
        raise _no_text_layer(path)
    return _join_pages(found)


def _open_pdf(path: Path, data: bytes):
    """pdfplumber's PDF, or one line saying the file is damaged."""
    import logging

    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # font notes are not the reader's
    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 (pdfminer raises many kinds on a damaged file)
        raise NoTableError(
            path, f"the PDF is damaged ({type(exc).__name__})", expected="a PDF with a text layer"
        ) from None


@contextmanager
def _page_errors(path: Path, number: int):
    try:
        yield
    except Exception as exc:  # noqa: BLE001 (pdfminer raises many kinds on bad input)
        raise NoTableError(
            path,
            f"page {number} cannot be read ({type(exc).__name__})",
            expected="a PDF with a text layer",
        ) from None


def _no_text_layer(path: Path) -> NoTableError:
    return NoTableError(
        path,
        "the PDF has no text layer (a scan)",
        expected="run OCR first (for example `ocrmypdf in.pdf out.pdf`) and read the result",
    )


def _with_orphans(page, table) -> list[list[str | None]]:
    """A ruled table's rows, with the words inside its frame that fall in no cell put in the
    empty cell of their row and column: the text of a merged cell cut by a page break (its box
    is not closed on this page, so pdfplumber finds no cell for it)."""
    rows = table.extract()
    cells = table.cells
    try:
        columns = [c.bbox for c in table.columns]
        row_boxes = [r.bbox for r in table.rows]
    except (AttributeError, TypeError):  # an older pdfplumber: the rows as extracted
        return rows
    x0, top, x1, bottom = table.bbox
    for w in page.within_bbox(table.bbox).extract_words():
        cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
        if any(c[0] <= cx <= c[2] and c[1] <= cy <= c[3] for c in cells):
            continue
        i = next((k for k, b in enumerate(row_boxes) if b[1] <= cy <= b[3]), None)
        j = next((k for k, b in enumerate(columns) if b[0] <= cx <= b[2]), None)
        if i is None or j is None or j >= len(rows[i]) or rows[i][j]:
            continue
        rows[i][j] = w["text"]
    return rows


def _fill_merged(rows: list[list[str | None]]) -> list[list[str]]:
    """pdfplumber gives None for the cells a merged cell covers: each takes the text of the
    cell above it (a category cell spanning rows names every row it spans); in a row of one
    cell and Nones, the cell spans the row (a category row across the table)."""
    out: list[list[str]] = []
    for r in rows:
        if len(r) > 1 and r[0] is not None and all(c is None for c in r[1:]):
            out.append([r[0]] * len(r))
            continue
        out.append(
            [
                (out[-1][j] if out and j < len(out[-1]) else "") if c is None else c
                for j, c in enumerate(r)
            ]
        )
    return out


def _join_pages(found: list[tuple[int, list[list[str]]]]) -> list[Grid]:
    """Tables on consecutive pages with the same number of columns are one table; a first row
    that repeats the table's header is dropped."""
    out: list[tuple[int, int, list[list[str]]]] = []
    for number, rows in found:
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        if out and out[-1][1] == number - 1 and len(out[-1][2][0]) == width:
            first, _, kept = out[-1]
            if [_flat(c) for c in rows[0]] == [_flat(c) for c in kept[0]]:
                rows = rows[1:]
            out[-1] = (first, number, kept + rows)
        else:
            out.append((number, number, rows))
    return [Grid(rows, f"page {a}" if a == b else f"pages {a}-{b}") for a, b, rows in out]


def pdf_text(path: Path, data: bytes) -> str:
    """The text layer of every page; a ruled table's area is taken out of the running text and
    its rows follow the page's text, tab-separated (so its columns are not run together)."""
    out = []
    with _open_pdf(path, data) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            with _page_errors(path, number):
                tables = page.find_tables()
                rest = page
                for t in tables:
                    rest = rest.outside_bbox(t.bbox)
                out.append(rest.extract_text() or "")
                out += [Grid(_fill_merged(t.extract()), "").text().rstrip("\n") for t in tables]
    if not any(part.strip() for part in out):
        raise _no_text_layer(path)
    return "\n".join(out) + "\n"
