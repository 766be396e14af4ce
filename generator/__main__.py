import os
import sys

from generator.cli import main

if __name__ == "__main__":  # not when a 'spawn' worker imports this module (parallel.clean_imap)
    try:
        sys.exit(main())
    except BrokenPipeError:  # output piped into `head` and the like, which stopped reading: no traceback
        # (the recipe in Python's signal docs: stdout points at /dev/null so the exit's flush cannot fail again)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(141)  # 128 + SIGPIPE, as a shell reports a command killed by it
