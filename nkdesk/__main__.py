"""Allow `python -m nkdesk`."""

import sys

from nkdesk.cli import main

sys.exit(main())
