"""A document's text, whatever it was saved as: the bytes of a file read with one clear error
when they cannot be, and decoded by BOM (UTF-8, UTF-16, UTF-32), by NUL pattern (UTF-16), else
UTF-8, else GB18030 (GBK); Big5 and Shift-JIS are named, undecodable bytes give their line.

The one way a plan text, a plan table or an observation file becomes text (``parse-table``,
``parse-plan``, the input readers)."""

from __future__ import annotations

import codecs
from pathlib import Path

from planwatch.errors import InputError


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise InputError(path, "is a directory", expected="a file") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror})") from None


def read_text(path: Path | str, expected: str, error=InputError) -> str:
    """The decoded text of a file that must hold something; an empty one is an ``error`` (an
    ``InputError``) saying what was ``expected``."""
    path = Path(path)
    text = decode(path, read_bytes(path))
    if not text.strip():
        raise error(path, "empty file", expected=expected)
    return text


def _line_of(data: bytes, pos: int) -> int:
    head = data[:pos]
    return max(head.count(b"\n"), head.count(b"\r")) + 1


def _nul_encoding(sample: bytes) -> str | None:
    """UTF-16 without a BOM shows as NULs in every other byte of ASCII text (digits, commas)."""
    if b"\x00" not in sample:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2 or 1
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return "binary"


def _looks_like_big5(text: str) -> bool:
    """Big5 bytes decoded as GB18030 give kana, rare characters and symbols, not Chinese prose."""
    wide = [ch for ch in text if ord(ch) > 0x7F]
    if len(wide) < 4:
        return False
    odd = 0
    for ch in wide:
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            odd += 1
            continue
        if "\u3040" <= ch <= "\u30ff":  # kana: GB2312 rows 4-5 are where Big5 puts common hanzi
            odd += 1
    return odd > 0.25 * len(wide)


def decode(path: Path, data: bytes) -> str:
    """Text of a file: by BOM (UTF-8, UTF-16, UTF-32), by NUL pattern (UTF-16), else UTF-8, else
    GB18030 (GBK). Big5 and other encodings are named; undecodable bytes give their line."""
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _strict(path, data, enc)
    enc = _nul_encoding(data[:4096])
    if enc == "binary":
        raise InputError(
            path, "not a text file (it holds NUL bytes)", expected="a CSV or TSV text file"
        )
    if enc:
        return _strict(path, data, enc)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and not _looks_like_big5(text):
        return text
    for enc, name in (("big5", "Big5 (Traditional Chinese)"), ("shift_jis", "Shift-JIS")):
        try:
            data.decode(enc)
        except UnicodeDecodeError:
            continue
        raise InputError(
            path,
            f"the file looks like {name} text",
            expected="UTF-8 (with or without BOM), UTF-16 or GBK/GB18030: save it as UTF-8",
        )
    bad = data[utf8_error.start : utf8_error.start + 4]
    raise InputError(
        path,
        f"cannot decode byte(s) {bad.hex(' ')} as UTF-8 or GB18030",
        _line_of(data, utf8_error.start),
        expected="UTF-8 (with or without BOM), UTF-16 or GBK/GB18030: save it as UTF-8",
        where="line",
    )


def _strict(path: Path, data: bytes, enc: str) -> str:
    try:
        return data.decode(enc)
    except UnicodeDecodeError as exc:
        raise InputError(
            path,
            f"invalid {enc.upper().removesuffix('-SIG')} text at byte {exc.start}",
            _line_of(data, exc.start),
            expected="a file saved whole in one encoding (UTF-8 is best)",
        ) from None
