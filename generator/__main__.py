import sys

from generator.cli import main

if __name__ == "__main__":  # not when a 'spawn' worker imports this module (parallel.clean_imap)
    sys.exit(main())
