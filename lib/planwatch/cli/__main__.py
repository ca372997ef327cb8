"""``python -m planwatch.cli``: the same as the ``planwatch`` command."""

import sys

from planwatch.cli import main

sys.exit(main())
