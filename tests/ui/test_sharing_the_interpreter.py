"""While a comparison runs, the UI thread gets the interpreter lock often and no
full garbage collection holds it; after, the process collects as before."""

from __future__ import annotations

import gc
import sys
import threading

import pytest

from nkdesk.ui.worker import SWITCH_INTERVAL_S, sharing_the_interpreter


def test_the_collector_and_switch_interval_come_back_after_overlapping_comparisons() -> None:
    interval = sys.getswitchinterval()
    assert gc.isenabled()
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen: list[tuple[bool, float]] = []

    def first() -> None:
        with sharing_the_interpreter():
            first_in.set()
            second_in.wait(10)
            seen.append((gc.isenabled(), sys.getswitchinterval()))
        first_out.set()

    def second() -> None:
        first_in.wait(10)
        with sharing_the_interpreter():
            second_in.set()
            first_out.wait(10)
            # The first comparison ended; this one still runs: still paused.
            seen.append((gc.isenabled(), sys.getswitchinterval()))

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert seen == [(False, pytest.approx(SWITCH_INTERVAL_S))] * 2
    assert gc.isenabled()
    assert sys.getswitchinterval() == interval


def test_what_a_comparison_made_is_left_out_of_later_collections() -> None:
    with sharing_the_interpreter():
        made = [[n] for n in range(10_000)]
    assert gc.get_freeze_count() >= len(made)
    assert made[-1] == [9_999]


def test_a_failing_comparison_still_gives_the_collector_back() -> None:
    try:
        with sharing_the_interpreter():
            raise ValueError("engine failure")
    except ValueError:
        pass
    assert gc.isenabled()
