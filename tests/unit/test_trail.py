"""The trail of jumps, as a browser's history."""

from casereader.tui.trail import Stop, Trail


def test_visit_back_forward_like_a_browser() -> None:
    trail = Trail()
    assert trail.current is None and not trail.can_go_back and not trail.can_go_forward
    for n in (1, 2, 3):
        trail.visit(Stop("a", n))
    assert trail.labels() == ["a:1", "a:2", "a:3"] and trail.position == 2
    assert trail.back() == Stop("a", 2)
    assert trail.back() == Stop("a", 1)
    assert trail.back() is None  # at the start
    assert trail.forward() == Stop("a", 2)
    assert trail.can_go_back and trail.can_go_forward


def test_visiting_after_going_back_drops_what_was_ahead() -> None:
    trail = Trail()
    for stop in (Stop("a", 1), Stop("b", 2), Stop("c", 3)):
        trail.visit(stop)
    trail.back()
    trail.back()
    trail.visit(Stop("d"))
    assert trail.labels() == ["a:1", "d"]
    assert not trail.can_go_forward and trail.forward() is None


def test_visiting_the_current_place_records_nothing() -> None:
    trail = Trail()
    trail.visit(Stop("a", 1))
    trail.visit(Stop("a", 1))
    assert trail.labels() == ["a:1"] and trail.current == Stop("a", 1)
