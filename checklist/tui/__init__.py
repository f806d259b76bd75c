"""The terminal app (Textual). It reads and writes only through the domain modules."""

import gc

# What the process holds before the app's libraries are imported stays for good: the
# cycle collector is told to pass it over (gc.freeze), so that the full collection the
# imports of pydantic, the models and the app's modules brought on (15-30 ms of each
# start, walking Textual's objects too) is not needed. Objects are still freed by
# their counts of references; only cycles among objects made before this point would
# stay, and there are none to speak of at an import. See also make_app.
gc.freeze()

# Nor is the youngest generation collected while the app starts, every 700 objects as
# Python does: what the imports, the standard and the first screen make lives on, and
# the 180-odd collections of the young and 17 of the middle generation that went
# through it took 40-55 ms of a start of 0.7 s. Collected as usual again from the
# first screen on (`started`).
_STARTING_OBJECTS = 10_000_000
_before = gc.get_threshold()
_thresholds: tuple[int, int, int] | None = _before
gc.set_threshold(_STARTING_OBJECTS, *_before[1:])


def started() -> None:
    """The app's first screen is up: what was made so far (the libraries, the
    standard, the widgets of that screen) is passed over by the collector too
    (gc.freeze), and the thresholds are as they were before the start. Once a
    process: a later app (in the tests) starts with them as they are then."""
    global _thresholds
    if _thresholds is not None:
        gc.freeze()
        gc.set_threshold(*_thresholds)
        _thresholds = None
