"""The `serve`, `new` and `check` subcommands (kept apart from cli.py so `--help` stays fast)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_FAILED = 0, 1


def cmd_serve(args) -> int:
    from generator.cli import cmd_build
    from generator.config import config_root, load_config
    from generator.serve import serve

    config_path = Path(args.config)
    config, _ = load_config(config_path)
    root = config_root(config_path)
    watch = [Path(args.content), config_path, root / "themes"]
    if config.templates_dir:
        watch.append(root / config.templates_dir)

    def build(base_url: str) -> None:
        cmd_build(argparse.Namespace(content=args.content, output=args.output, config=args.config,
                                     base_url=base_url, strict=False, quiet=False))

    # Ctrl-C stops the preview even when it was started with SIGINT ignored (as a shell's background job
    # is), which Python otherwise keeps: the server then ran on until killed.
    import signal

    signal.signal(signal.SIGINT, signal.default_int_handler)
    return serve(build, watch, Path(args.output), port=args.port)


def cmd_new(args) -> int:
    from generator.scaffold import ScaffoldError, scaffold

    try:
        scaffold(args.directory)
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"created {args.directory}: edit site.yaml, add articles to content/, then run `make build` there",
          file=sys.stderr)
    return EXIT_OK


def cmd_check(args) -> int:
    from generator.check import run_check

    diags, problems = run_check(Path(args.content), Path(args.output), Path(args.config), args.base_url)
    for d in sorted(diags, key=lambda d: (d.path, d.line, d.message)):
        print(d, file=sys.stderr)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    errors = [d for d in diags if d.level == "error"]
    print(f"check: {len(errors)} content/config errors, {len(diags) - len(errors)} warnings, "
          f"{len(problems)} output problems", file=sys.stderr)
    return EXIT_FAILED if errors or problems else EXIT_OK
