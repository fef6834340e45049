"""`python -m budget.tally FILE --rule RULE [--json]`: `manage.py pb_tally` without Django.

The same command (`cli.run`) without Django's start-up, which loads every app of the site
and takes longer than reading and counting a city's election.
"""

import gc
import os
import sys

from budget.tally.cli import run

# A one-shot process whose objects (ballots, counts) form no reference cycles: the cyclic
# collector would only walk the election it builds.
gc.disable()
status = run(sys.argv[1:])
# Nothing is left to clean up but memory, which the OS takes back at once: freeing a city's
# ballots one object at a time at interpreter exit took as long as counting them.
sys.stdout.flush()
sys.stderr.flush()
os._exit(status)
