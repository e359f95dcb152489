"""`python -m gpia_bench`: the same as `gpia bench`."""
import sys

from gpia_bench.cli import main

sys.exit(main())
