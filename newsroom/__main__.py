"""``python -m newsroom`` (and the bundle's entry point)."""

import multiprocessing

from newsroom.cli import main

if __name__ == "__main__":
    # a bundled (PyInstaller) program started as one of import's worker processes is that worker
    multiprocessing.freeze_support()
    raise SystemExit(main())
