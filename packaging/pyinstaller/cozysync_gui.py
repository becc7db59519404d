"""PyInstaller entry script of the bundle's ``cozysync-gui`` (the tray app)."""

import sys

from cozysync_ui.app import main

sys.exit(main())
