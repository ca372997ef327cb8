from collections import Counter

import pytest

from planwatch.inputs import mappings
from planwatch.parse.plantext import paragraphs, split_units, structure


@pytest.fixture(scope="module")
def plan(plan_raw):
    paras = paragraphs(plan_raw, mappings.city_names())
    return paras, structure(paras)


def test_seven_actions(plan):
    _, s = plan
    assert [a["action"] for a in s.actions] == [
        "核心技术突破行动",
        "数字产业化提升行动",
        "产业数字化转型行动",
        "新业态新模式培育行动",
        "数字化赋能行动",
        "产业生态优化行动",
        "制度供给创新行动",
    ]


def test_task_counts_per_action_and_section(plan):
    _, s = plan
    assert Counter(t["action_no"] for t in s.tasks) == {
        1: 8,
        2: 8,
        3: 13,
        4: 15,
        5: 9,
        6: 14,
        7: 12,
    }
    per_section = Counter(f"{t['action_no']}.{t['section_no']}" for t in s.tasks)
    assert per_section["3.1"] == 6 and per_section["7.4"] == 5 and per_section["7.2"] == 2
    assert len(s.tasks) == 79


def test_irregular_section_markers(plan):
    _, s = plan
    sections = {x["section_id"]: x for x in s.sections}
    assert len(sections) == 22
    # "3 夯实服务支撑" (space, with a private-use character), "3。提升基础设施", "4 加大政策支持"
    assert sections["S5.3"]["title"] == "夯实服务支撑" and sections["S5.3"]["line_start"] == 372
    assert sections["S6.3"]["title"] == "提升基础设施" and sections["S6.3"]["line_start"] == 420
    assert sections["S7.3"]["title"] == "完善统计评价体系"
    assert sections["S7.4"]["title"] == "加大政策支持" and sections["S7.4"]["line_start"] == 460
    assert sections["S2.2"]["goals"].startswith("培育多层次、递进式的企业梯队")


def test_responsible_units_lead_first(plan):
    _, s = plan
    tasks = {t["task_id"]: t for t in s.tasks}
    first = tasks["T1.1.1"]
    assert first["title"] == "推进名校大院建设"
    assert first["units"].split("、") == [
        "省教育厅",
        "省委网信办",
        "省发展改革委",
        "省经信委",
        "省科技厅",
        "之江实验室",
    ]
    assert first["lead_unit"] == "省教育厅"
    # Spaces inside unit names in the scrape ("省 金融办", "浙 江银监局") are removed.
    assert tasks["T2.2.2"]["units"].split("、")[0] == "省金融办"
    assert "浙江银监局" in tasks["T4.2.3"]["units"].split("、")
    assert all(" " not in u["unit"] for u in s.task_units)
    assert len(s.task_units) == sum(t["n_units"] for t in s.tasks) == 269


def test_tasks_broken_over_blank_lines_are_joined(plan):
    _, s = plan
    tasks = {t["task_id"]: t for t in s.tasks}
    assert "培育新零售示范企业50家" in tasks["T4.1.3"]["text"]
    assert (tasks["T4.1.3"]["line_start"], tasks["T4.1.3"]["line_end"]) == (318, 320)
    assert tasks["T4.2.2"]["lead_unit"] == "省金融办"  # units on their own paragraph (line 332)
    assert tasks["T7.4.3"]["line_end"] == 470 and "首期规模100亿元以上" in tasks["T7.4.3"]["text"]


def test_city_paragraphs_are_not_task_text(plan):
    paras, s = plan
    cities = [p.city for p in paras if p.kind == "city"]
    assert cities == [
        "宁波",
        "温州",
        "湖州",
        "嘉兴",
        "绍兴",
        "金华",
        "衢州",
        "舟山",
        "台州",
        "丽水",
    ]
    tasks = {t["task_id"]: t for t in s.tasks}
    assert "宁波市" not in tasks["T6.2.3"]["text"]


def test_site_header_and_footer_are_marked(plan):
    paras, _ = plan
    site = [p.text for p in paras if p.kind == "site"]
    assert any(t.startswith("发表时间") for t in site)
    assert any(t.startswith("Copyright") for t in site)


def test_split_units_without_block():
    assert split_units("没有责任单位的文字。") == ("没有责任单位的文字。", [])
