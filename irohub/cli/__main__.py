"""`python -m irohub.cli`: the `irohub` command."""

import sys

from irohub.cli import main

sys.exit(main())
