"""``python -m cozysync``: the same as the ``cozysync`` command."""

import sys

from cozysync.cli.main import main

sys.exit(main())
