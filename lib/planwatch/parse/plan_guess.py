"""First guesses at a plan's identity from its text, for ``planwatch new`` to write into a draft
``plan.yml`` (each marked ``# guessed: check``): title, issuing body, date, period, region, and
whether higher or lower is better for each indicator. A guess is only a start; nothing here is
used by ``build-data``."""

from __future__ import annotations

import datetime as dt
import re

from planwatch.parse.normalise import clean_text

_KINDS = "规划|计划|方案|纲要|意见|行动|战略"
_NOTICE = re.compile(r"关于印发(.+?)的(?:通知|函)")
_QUOTED = re.compile(r"《([^《》]{4,60})》")
_TITLE_LINE = re.compile(rf"^[^,。;:]{{4,60}}(?:{_KINDS})(?:\([^()]{{0,20}}\))?$")
_ISSUER = re.compile(
    r"^([\u4e00-\u9fff]{2,20}?(?:人民政府办公厅|人民政府办公室|人民政府|国务院办公厅|国务院"
    r"|委员会|办公厅|[厅局部委]))(?:关于|$)"
)
_DATE = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日")
_PERIOD = re.compile(r"((?:19|20)\d{2})\s*[—–\-~至到]+\s*((?:19|20)\d{2})年?")
_REGION = re.compile(
    r"^(?:[^\u4e00-\u9fff]*)([\u4e00-\u9fff]{2,8}?(?:省|自治区|市|县|区|州|盟|旗))"
)
_NATIONAL = ("国家", "全国", "中国", "国务院", "“十", '"十')
# A State Council document number names its issuer, and a national plan: 国发〔2013〕31号.
_STATE_DOC = re.compile(r"(国办发|国办函|国发|国函)〔(?:19|20)\d{2}〕\d+号")
_STATE_ISSUER = {
    "国发": "国务院",
    "国函": "国务院",
    "国办发": "国务院办公厅",
    "国办函": "国务院办公厅",
}
# …sent to every province: a national document
_TO_PROVINCES = "各省、自治区、直辖市"
_LOWER = ("控制在", "以下", "以内", "不超过", "不高于", "失业率", "能耗", "排放", "时间", "时长")
_REDUCTION = (
    "降低",
    "下降",
    "减少",
    "压减",
)  # a name ending so is a rate of reduction: more is better


def _lines(text: str) -> list[str]:
    return [clean_text(line).strip() for line in text.splitlines() if line.strip()]


def title(text: str) -> str | None:
    """The plan's title: from a notice that issues it (关于印发《X》的通知), a quoted title near
    the top, or a short heading line that names a plan (…规划, …方案)."""
    head = _lines(text)[:40]
    for line in head:
        m = _NOTICE.search(line)
        if m:
            return m[1].strip("《》")
    for line in head:
        m = _QUOTED.search(line)
        if m and re.search(_KINDS, m[1]):
            return m[1]
    for line in head:
        if _TITLE_LINE.match(line):
            return line
    return None


def issuer(text: str) -> str | None:
    """The issuing body: a line that is only a body's name (人民政府, …办公厅, …厅), the body
    that opens a notice (X关于印发…), or the body a State Council document number names."""
    lines = _lines(text)
    for line in lines[:40] + lines[-40:]:
        m = _ISSUER.match(line)
        if m and len(line) <= 40:
            return m[1]
    m = _STATE_DOC.search(clean_text(text))  # 国务院以国发〔2013〕31号文件…印发
    return _STATE_ISSUER[m[1]] if m else None


def date_issued(text: str) -> dt.date | None:
    """The first full date the text gives (YYYY年M月D日)."""
    for m in _DATE.finditer(clean_text(text)):
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            continue
    return None


def period(title_text: str | None, years: list[int]) -> tuple[int, int]:
    """The plan's period: as the title states it (2031—2035年), else the table's years."""
    m = _PERIOD.search(title_text or "")
    if m and int(m[1]) <= int(m[2]):
        return int(m[1]), int(m[2])
    return min(years), max(years)


def region(title_text: str | None, text: str = "") -> str | None:
    """The region the title names (某省, 某市); 全国 for a national plan (by its title, a State
    Council document number, or a text sent to every province); None when neither says."""
    if title_text and title_text.startswith(_NATIONAL):
        return "全国"
    m = _REGION.match(title_text or "")
    if m:
        return m[1]
    flat = clean_text(text)
    if _STATE_DOC.search(flat) or _TO_PROVINCES in flat:
        return "全国"
    return None


def lower_is_better(indicator: str, comparators: tuple[str, ...] = ()) -> bool:
    """Whether the wording says a lower value is better (控制在…以下, a target written ≤ or <,
    失业率, 能耗); a name that ends in 降低/下降 is a rate of reduction, where more is better."""
    name = re.sub(r"\([^()]*\)$", "", indicator)
    if name.endswith(_REDUCTION):
        return False
    return any(c in ("≤", "<") for c in comparators) or any(w in name for w in _LOWER)
