"""``python -m jixiao`` → the command line (the GUI when no subcommand is given)."""

import sys

from jixiao.cli import main

sys.exit(main())
