"""The terminal app (Textual). It reads and writes only through the domain modules."""

import gc

# What the process holds before the app's libraries are imported stays for good: the
# cycle collector is told to pass it over (gc.freeze), so that the full collection the
# imports of pydantic, the models and the app's modules brought on (15-30 ms of each
# start, walking Textual's objects too) is not needed. Objects are still freed by
# their counts of references; only cycles among objects made before this point would
# stay, and there are none to speak of at an import. See also make_app.
gc.freeze()
