"""`python -m cryoviewer`: the same as the `cryoviewer` command."""

import sys

from .app import main

sys.exit(main())
