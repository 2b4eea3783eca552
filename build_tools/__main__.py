"""``python -m build_tools`` is the ``course`` command."""

import sys

from build_tools.cli import main

sys.exit(main())
