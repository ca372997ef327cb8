"""The language of parts of an exported page (WCAG 3.1.2): the bilingual parts of a notebook's
markdown are marked with a class (``pw-zh`` / ``pw-en``), which the language switch hides, and
every run of text in the other language (a Chinese source title in an English report, an
English one in a Chinese report) carries its ``lang`` and stays visible."""

from __future__ import annotations

import html
import re

from markupsafe import escape

from planwatch.present import words

_BILINGUAL = re.compile(r'<(span|div|p|section)([^>]*?)\slang="(zh|en)"([^>]*)>')
_SKIP = re.compile(r"(<(script|style|title|svg|textarea)\b.*?</\2>)", re.S | re.I)
_TEXT = re.compile(r">([^<]+)<")
_HAN_RUN = re.compile(
    r"[《“‘（]?[\u3400-\u9fff\uf900-\ufaff][\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
    r"《》“”‘’、·—…\d]*"
)
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9'’&.,:;()\-/]*(?:\s+[A-Za-z0-9'’&.,:;()\-/]+)+")
RUNS = {"zh": _HAN_RUN, "en": _LATIN_RUN}  # what a run of each language looks like


def mark_bilingual(body: str) -> str:
    """``<span lang="en">`` of bilingual markdown → ``<span lang="en" class="pw-en">``."""

    def add(m):
        tag, before, lang, after = m.groups()
        attrs = before + after
        if "class=" in attrs:
            attrs = re.sub(r'class="([^"]*)"', rf'class="\1 pw-{lang}"', attrs, count=1)
        else:
            attrs += f' class="pw-{lang}"'
        return f'<{tag}{attrs} lang="{lang}">'

    return _BILINGUAL.sub(add, body)


def mark_other_language(body: str, page_lang: str) -> str:
    """Wrap each run of text in the other language in ``<span lang="…">``: Han runs on an
    English page, runs of two or more Latin words on a Chinese page. Scripts, styles and
    graphics are left alone, and so are the page's bilingual parts."""
    other = next(x for x in words.LANGS if x != page_lang)
    run = RUNS[other]

    def in_text(m):
        text = html.unescape(m.group(1))  # runs are found in the text, not in its entities
        if not text.strip() or not run.search(text):
            return m.group(0)
        out, last = [], 0
        for r in run.finditer(text):
            out.append(str(escape(text[last : r.start()])))
            out.append(f'<span lang="{other}">{escape(r.group(0))}</span>')
            last = r.end()
        out.append(str(escape(text[last:])))
        return ">" + "".join(out) + "<"

    out, last = [], 0
    for m in _SKIP.finditer(body):
        out.append(_outside_bilingual(body[last : m.start()], other, in_text))
        out.append(m.group(0))
        last = m.end()
    out.append(_outside_bilingual(body[last:], other, in_text))
    return "".join(out)


def _outside_bilingual(chunk: str, other: str, in_text) -> str:
    """Text of ``chunk`` marked, except inside the other language's bilingual parts (already
    marked and hidden)."""
    block = re.compile(
        rf'(<(span|div|p|section)[^>]*\sclass="[^"]*pw-{other}[^"]*"[^>]*>.*?</\2>)', re.S
    )
    out, last = [], 0
    for m in block.finditer(chunk):
        out.append(_TEXT.sub(in_text, chunk[last : m.start()]))
        out.append(m.group(0))
        last = m.end()
    out.append(_TEXT.sub(in_text, chunk[last:]))
    return "".join(out)
