"""Command line: wires the pipeline stages together, nothing more. Heavy imports stay inside commands."""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsdigest", description="Build a deduplicated news digest site.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    b = sub.add_parser("build", help="build content/ into site/")
    b.add_argument("--content", default="content", help="content folder (default: content/)")
    b.add_argument("--output", default="site", help="output folder (default: site/)")
    b.add_argument("--config", default="site.yaml", help="config file (default: site.yaml; absent = defaults)")
    b.add_argument("--base-url", help="override base_url from the config")
    b.add_argument("--strict", action="store_true", help="exit 1 if there is any diagnostic")
    b.add_argument("--quiet", action="store_true", help="print only diagnostics")
    b.add_argument("--cache-dir", default=".cache", help="build cache folder (default: .cache/)")
    b.add_argument("--no-cache", action="store_true", help="neither read nor write the build cache")
    b.add_argument("--jobs", type=int, default=0, metavar="N",
                   help="worker processes for large builds (default: one per core; 1 = no workers)")
    s = sub.add_parser("serve", help="build, serve on localhost and rebuild + reload on changes")
    s.add_argument("--content", default="content", help="content folder (default: content/)")
    s.add_argument("--output", default=".cache/serve-site", help="where the preview is built (default: .cache/serve-site)")
    s.add_argument("--config", default="site.yaml", help="config file (default: site.yaml)")
    s.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000; 0 = any free port)")
    n = sub.add_parser("new", help="create a new site folder with config, example content and a Makefile")
    n.add_argument("directory", type=Path)
    c = sub.add_parser("check", help="validate content, config and the built site (feeds, links) without writing")
    c.add_argument("--content", default="content", help="content folder (default: content/)")
    c.add_argument("--output", default="site", help="built site to check (default: site/)")
    c.add_argument("--config", default="site.yaml", help="config file (default: site.yaml)")
    c.add_argument("--base-url", help="base URL the site was built for (default: the one recorded in the build)")
    for name, helptext in (("summarize", "summarise the given articles as one story (JSON)"),
                           ("quotes", "print every direct quote with its speaker (JSON)")):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("files", nargs="+", type=Path)
        if name == "summarize":
            p.add_argument("--sentences", type=int, default=3)
            p.add_argument("--words", type=int, default=None)
            p.add_argument("--quotes", type=int, default=3, help="key quotes to include")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code else EXIT_OK
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    if args.command == "build":
        return cmd_build(args)
    if args.command in ("serve", "new", "check"):
        from generator import site_commands

        return getattr(site_commands, f"cmd_{args.command}")(args)
    return cmd_story_tool(args)


def report(diags) -> None:
    for d in sorted(diags, key=lambda d: (d.path, d.line, d.message)):
        print(d, file=sys.stderr)


def cmd_build(args) -> int:
    from generator.config import config_root, load_config
    from generator.output import OutputError, SiteWriter, check_output_dir, clean_stale_temps
    from generator.pipeline import default_jobs, measured, run
    from generator.render import Progress, render_site
    from generator.render_env import theme_diagnostics

    started = time.perf_counter()
    config_path = Path(args.config)
    root = config_root(config_path)
    config, config_diags = load_config(config_path, {"base_url": args.base_url})
    config_diags += theme_diagnostics(config, root, config_path)
    content, out = Path(args.content), Path(args.output)
    if not content.is_dir():
        print(f"error: content folder {content} does not exist", file=sys.stderr)
        return EXIT_FAILED
    try:
        check_output_dir(out, content, root)
    except OutputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    clean_stale_temps(out)
    cache = prev = None
    if not getattr(args, "no_cache", False):  # `serve` calls this with only the basic build options
        from generator.cache import BuildCache
        from generator.incremental import Previous

        cache = BuildCache(Path(getattr(args, "cache_dir", ".cache")))
        prev = Previous(cache, out, root, config)
    import generator.parallel

    generator.parallel.JOBS = getattr(args, "jobs", 0) or default_jobs()  # rendering shares the worker budget
    try:
        state = run(config, content, cache=cache, jobs=generator.parallel.JOBS, before=prev and prev.check)
        pipeline_diags = list(state.diagnostics)
        state.diagnostics[:0] = config_diags
        warnings = state.warnings
        if not state.unchanged:
            try:
                writer = SiteWriter(out, reuse=prev.reusable() if prev else None, **(prev.spare() if prev else {}))
            except OSError as exc:  # e.g. the output's parent folder is not writable
                print(f"error: cannot create a build folder next to {out}: {exc.strerror or exc}", file=sys.stderr)
                return EXIT_FAILED
            try:
                # the digest holds all that rendering needs: the articles are freed first, and rendering reuses
                # their memory (Python keeps most of it from the system: 5,000 articles, 32 MB of objects freed,
                # 2 MB less resident)
                with measured(state, "render"):
                    state.release_articles()
                    warnings = render_site(state.digest, config, root, writer,
                                           progress=Progress(enabled=not args.quiet), cache=cache) or []
                    writer.remove_stale()  # the older site's files this build did not make: not in the manifest
                    manifest = prev.snapshot(writer.tmp, writer.hashes, writer.kept_stats) if prev else None
                    writer.commit()
            except BaseException:
                writer.abort()
                raise
            if prev:
                prev.save(state, manifest, pipeline_diags, warnings)
    finally:
        if cache is not None:
            cache.close()
    report(state.diagnostics)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if os.environ.get("NEWSDIGEST_TIMINGS"):  # per-stage seconds, for bench/ and profiling
        print("timings: " + " ".join(f"{k} {v:.2f}s" for k, v in state.timings.items()), file=sys.stderr)
        print("cpu: " + " ".join(f"{k} {v:.2f}s" for k, v in state.cpu.items()), file=sys.stderr)
    read, stories = state.counts
    if not args.quiet:
        print(f"{read} articles read, {stories} stories, {read - stories} duplicates merged, "
              f"{len(state.diagnostics)} diagnostics, {time.perf_counter() - started:.2f}s"
              + (" (unchanged)" if state.unchanged else ""))
    return EXIT_FAILED if args.strict and state.diagnostics else EXIT_OK


def cmd_story_tool(args) -> int:
    import json
    from dataclasses import asdict

    from generator.quotes import canonical_speakers, extract_quotes, key_quotes
    from generator.sources import read_file
    from generator.summarize import summarize

    articles, failed = [], False
    for path in args.files:
        result = read_file(path, str(path))
        if hasattr(result, "paragraphs"):
            articles.append(result)
        else:
            print(result, file=sys.stderr)
            failed = True
    if not articles:
        return EXIT_FAILED
    if args.command == "summarize":
        from generator.summarize_copies import copy_groups_of, one_per_copy_group

        read = one_per_copy_group(articles, copy_groups_of(articles))  # one copy of a republished text, as a build
        summary = summarize([articles[k] for k in read], sentences=args.sentences, words=args.words)
        quotes = key_quotes(articles, summary, limit=args.quotes)
        out = {"summary": summary, "quotes": [{"text": q.text, "speaker": q.speaker} for q in quotes]}
    else:
        quotes = canonical_speakers([q for a in articles for q in extract_quotes(a)])  # one name per person
        out = [{k: v for k, v in asdict(q).items() if k != "score"} for q in quotes]
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return EXIT_FAILED if failed else EXIT_OK
