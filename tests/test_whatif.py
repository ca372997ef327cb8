import pytest

from planwatch.assess.whatif import observed_rate, project, whatif


def test_project_hand_computed():
    # from 121 in 2019 at 10 % a year: 2022 → 121 × 1.1³ = 161.051; target 200 needs
    # 2 ** (1/5) - 1 = 14.87 % from 2017 and (200/121) ** (1/3) - 1 = 18.236 % from 2019
    r = project(100.0, 2017, 121.0, 2019, 0.10, 2022, 200.0, "=")
    assert r.projected == pytest.approx(161.051)
    assert r.required_from_baseline == pytest.approx(0.148698, abs=1e-6)
    assert r.required_from_start == pytest.approx(0.182356, abs=1e-6)
    assert r.rr == pytest.approx(0.6725, abs=1e-4) and r.status == "moderate"


def test_project_meets_and_direction():
    assert (
        project(100.0, 2017, 150.0, 2019, 0.2, 2022, 200.0, "=").status == "met"
    )  # 150 × 1.2³ = 259.2
    down = project(100.0, 2017, 81.0, 2019, -0.1, 2022, 50.0, "≤", direction=-1)
    assert down.projected == pytest.approx(59.049) and down.status == "moderate"  # RR 0.7725


def test_whatif_starts_from_latest_before_each_target():
    rows = whatif(
        20658.0,
        2017,
        {2018: 23300.0, 2021: 35700.0, 2022: 39300.0},
        0.05,
        [(2020, 30000.0, "="), (2022, 40000.0, "=")],
    )
    assert (rows[0].start_year, rows[0].start_value) == (2018, 23300.0)
    assert rows[0].projected == pytest.approx(23300 * 1.05**2)
    assert (rows[1].start_year, rows[1].projected) == (2021, pytest.approx(35700 * 1.05))
    assert rows[1].required_from_start == pytest.approx(40000 / 35700 - 1)


def test_observed_rate():
    assert observed_rate(20658.0, 2017, 39300.0, 2022) == pytest.approx((39300 / 20658) ** 0.2 - 1)
    with pytest.raises(ValueError):
        project(1.0, 2017, 1.0, 2022, 0.1, 2022, 2.0, "=")
