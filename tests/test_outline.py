"""``planwatch parse-plan``: the structure of a plan in the heading styles plans use."""

from __future__ import annotations

import json

from planwatch.inputs import mappings
from planwatch.parse.outline import outline_file
from planwatch.parse.plantext import paragraphs, structure

from .conftest import FIXTURES, run_cli


def test_the_seed_gives_its_7_actions_every_task_and_every_unit(plan_path, plan_raw):
    got = outline_file(plan_path)
    s = structure(paragraphs(plan_raw, mappings.city_names()))
    assert [a["action"] for a in got["actions"]] == [a["action"] for a in s.actions]
    assert len(got["actions"]) == 7
    in_actions = [t for t in got["tasks"] if t["task_id"]]
    assert len(in_actions) == len(s.tasks) == 79
    assert [t["units"] for t in in_actions] == [t["units"].split("、") for t in s.tasks]
    assert sum(len(t["units"]) for t in in_actions) == len(s.task_units) == 269
    # the implementation chapter's four tasks also name units (not under an action)
    assert [t["lead_unit"] for t in got["tasks"] if not t["task_id"]] == [
        "省数字经济发展领导小组办公室",
        "省级有关单位,各设区市政府",
        "省数字经济发展领导小组办公室",
        "省委宣传部",
    ]
    assert got["table"]["indicators"] == 24 and got["horizon"] == 2022
    assert any(t["value"] == "40000" and t["unit"] == "亿元" for t in got["prose_targets"])


def test_other_heading_styles_boxes_bullets_and_unit_forms():
    got = outline_file(FIXTURES / "plan_other_styles.txt")
    assert [(h["style"], h["level"], h["number"], h["title"]) for h in got["headings"]] == [
        ("第一章", 1, 1, "发展基础"),
        ("第一章", 1, 2, "主要任务"),
        ("第一节", 2, 1, "建设数字基础设施"),
        ("一、", 3, 1, "加快5G网络建设"),
        ("(一)", 4, 1, "推进基站建设"),
        ("(一)", 4, 2, "发展算力设施"),
        ("1.", 5, 1, "建设数据中心"),
        ("1.", 5, 2, "发展边缘计算"),
        ("专栏", 0, 1, "重点工程"),
        ("第一节", 2, 2, "发展数字产业"),
        ("一、", 3, 1, "壮大核心产业"),
    ]
    assert [(t["title"], t["units"]) for t in got["tasks"]] == [
        ("推进共建共享", ["市经信局", "市住建局", "市自然资源局"]),
        ("完善农村网络", ["市通信管理局", "各县区政府"]),
        ("建设数据中心", ["市发改委", "市大数据局"]),
        ("培育龙头企业", ["市经信局"]),
    ]
    assert got["tasks"][3]["under"] == ["主要任务", "发展数字产业", "壮大核心产业"]
    assert [(t["value"], t["unit"], t["comparator"], t["year"]) for t in got["prose_targets"]] == [
        ("20000", "个", "≥", 2025),
        ("10000", "个", "=", 2025),
        ("800", "亿元", "=", 2025),
    ]
    assert got["table"] == {"error": "no indicator table found", "line": None}


def test_cli_prints_json_and_refuses_bad_files(tmp_path):
    ok = run_cli("parse-plan", FIXTURES / "plan_other_styles.txt")
    assert ok.returncode == 0 and json.loads(ok.stdout)["tasks"]
    bad = tmp_path / "x.txt"
    bad.write_bytes(bytes(range(256)) * 4)
    res = run_cli("parse-plan", bad)
    assert res.returncode == 2 and "Traceback" not in res.stderr
