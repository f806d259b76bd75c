"""When Python's cycle collector runs while the app is used: decided here alone.

The app keeps almost all it makes for as long as it runs (the libraries' modules, the
standard, the screens and their widgets). Python collects its youngest generation of
objects every 700 new ones and, now and then, walks every object it holds in a full
collection. Both cost the chair time and bring nothing back, so:

- while the app starts (`starting`, when checklist.tui is imported) the youngest
  generation is not collected: what the imports, the standard and the first screen
  make lives on, and the 180-odd young and 17 middle collections that went through
  it took 40-55 ms of a start of 0.7 s;
- once the first screen is up (`started`, once a process) what was made so far is
  passed over by the collector from then on (gc.freeze), and the thresholds are
  Python's again;
- once the main screen has made its item widgets (`keep_made`), they are passed over
  too, and the youngest generation is collected every 20,000 objects: a PgDn makes
  some 10,000, mostly gone before that many, and at 700 a collection of the middle
  generation fell in every other PgDn (2-3 ms each), while full ones that walked the
  item widgets made a PgDn now and then 60-80 ms slower;
- when the app ends (`released`) the thresholds are as before `keep_made` and nothing
  is passed over any more: an app that has ended keeps nothing out of reach (the
  tests run many apps in one process).

Objects no longer used are freed by their counts of references as ever; only cycles
among objects passed over stay until the process ends.
"""

from __future__ import annotations

import gc

STARTING_OBJECTS = 10_000_000  # the youngest generation's threshold while starting
YOUNG_OBJECTS = 20_000  # … and once the item widgets are made (Python's: 700)

_before_start: tuple[int, int, int] | None = None  # thresholds while starting
_before_kept: tuple[int, int, int] | None = None  # thresholds while keeping


def starting() -> None:
    """Called once, when the app's package is imported."""
    global _before_start
    _before_start = gc.get_threshold()
    gc.set_threshold(STARTING_OBJECTS, *_before_start[1:])


def started() -> None:
    """The first screen is up (called again, or by a later app, it does nothing)."""
    global _before_start
    if _before_start is not None:
        gc.freeze()
        gc.set_threshold(*_before_start)
        _before_start = None


def keep_made() -> None:
    global _before_kept
    if _before_kept is None:
        _before_kept = gc.get_threshold()
        gc.freeze()
        gc.set_threshold(YOUNG_OBJECTS, *_before_kept[1:])


def released() -> None:
    global _before_kept
    if _before_kept is not None:
        gc.set_threshold(*_before_kept)
        gc.unfreeze()
        _before_kept = None
