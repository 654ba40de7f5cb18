"""``newsroom import F.jsonl``: feed mentions through the same pipeline into the store.

The whole file is checked first, keeping no records (a bad line stops the import before anything is
written; a large file's second half is checked by the import's worker process meanwhile), then it is
read again and imported in batches, so memory stays flat whatever the file's size;
on a terminal both stages show a progress bar, and a summary line always ends it.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from pathlib import Path
from typing import TYPE_CHECKING

from newsroom.commands.jsonl import FORMATS_DOC, text_records
from newsroom.errors import UsageError
from newsroom.progress import Progress, summary_line

if TYPE_CHECKING:
    from newsroom.domain import Mention

BATCH = 1000
#: the end of every error about the file: nothing happened, and what to do
_NOTHING = f"nothing was imported; correct that line and run the import again (format: {FORMATS_DOC})"


def _check_path(path: Path) -> None:
    if not path.exists():
        raise UsageError(f"the file {path} does not exist; nothing was imported")
    if path.is_dir():
        raise UsageError(f"{path} is a folder, not a JSONL file; nothing was imported")


def iter_mentions(path: Path, *, progress: str | None = None, start: int = 0, stop: int | None = None,
                  first_line: int = 1) -> Iterator[Mention]:
    """The mentions of a JSONL file, one at a time (nothing is kept); the first bad line raises
    UsageError naming its number (the mentions before it have been yielded). ``progress``: the
    description of a bar over the file's bytes. ``start``/``stop``: only the lines from byte
    ``start`` (a line's start) to ``stop`` (the end), ``start`` being line ``first_line``."""
    from newsroom.domain import mention_from_record

    _check_path(path)
    try:
        size = (path.stat().st_size if stop is None else stop) - start
        with path.open("rb") as lines, \
                Progress(progress or "", total=size, unit="B", scale=True,
                         enabled=False if progress is None else None) as bar:
            if start:
                lines.seek(start)
            read = _read_lines(path, lines if stop is None else _until(lines, size), bar, first_line)
            for number, record in text_records(read, where=f"{path}, ", first=first_line,
                                               not_json_next=_NOTHING, bad_record_next=_NOTHING):
                try:
                    mention = mention_from_record(record, default_id=f"import:{path.name}:{number}")
                except (ValueError, TypeError) as exc:
                    raise UsageError(f"{path}, line {number}: {exc}; {_NOTHING}") from exc
                yield mention
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}; nothing was imported") from exc


def _until(lines: Iterable[bytes], size: int) -> Iterator[bytes]:
    """The lines of ``lines`` within its next ``size`` bytes."""
    if size <= 0:
        return
    for raw in lines:
        yield raw
        size -= len(raw)
        if size <= 0:
            return


def _read_lines(path: Path, lines: Iterable[bytes], bar: Progress, first_line: int = 1) -> Iterator[str]:
    """The file's lines as text, moving the bar over its bytes every 1,000 lines (cheap); each line is
    decoded on its own, so a line that is not UTF-8 is named by its own number."""
    unread = 0  # bytes read since the bar last moved
    for number, raw in enumerate(lines, first_line):
        unread += len(raw)
        if number % 1000 == 0:
            bar.advance(unread)
            unread = 0
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UsageError(f"{path}, line {number} is not UTF-8 text; save the file as UTF-8; "
                             "nothing was imported") from exc
        yield line
    bar.advance(unread)


def check_file(path: Path, *, start: int = 0, stop: int | None = None, first_line: int = 1,
               progress: bool = True) -> int:
    """Check every line of a JSONL file (or of its bytes ``start`` to ``stop``, see
    :func:`iter_mentions`), keeping no record; returns how many mentions it holds. The first bad line
    is an error naming its number."""
    n = 0
    for _ in iter_mentions(path, progress=f"checking {path.name}" if progress else None, start=start,
                           stop=stop, first_line=first_line):
        n += 1
    return n


def check_part(path: Path, start: int, stop: int, first_line: int) -> int:
    """:func:`check_file` of bytes ``start`` to ``stop`` (in a pool's worker: no progress bar)."""
    return check_file(path, start=start, stop=stop, first_line=first_line, progress=False)


def count_lines(path: Path) -> int:
    """The file's lines (a fast count of line ends; the check counts the mentions)."""
    _check_path(path)
    n = 0
    last = b"\n"
    try:
        with path.open("rb") as f:
            while block := f.read(1 << 20):
                n += block.count(b"\n")
                last = block[-1:]
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}; nothing was imported") from exc
    return n + (last != b"\n")


def check_in_two(path: Path, pool: Executor, meanwhile: Callable[[], object] = lambda: None) -> int:
    """:func:`check_file` with its second half checked in ``pool`` meanwhile (a large import's worker,
    idle until the pipeline is built); the error of the first bad line in the file wins.
    ``meanwhile``: called after the first half, before the second's result is waited for."""
    size = path.stat().st_size
    try:
        with path.open("rb") as f:
            f.seek(size // 2)
            f.readline()            # the middle: the start of the line after the half
            middle = f.tell()
            f.seek(0)
            before = 0
            left = middle
            while left > 0 and (block := f.read(min(left, 1 << 20))):
                before += block.count(b"\n")
                left -= len(block)
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}; nothing was imported") from exc
    second = pool.submit(check_part, path, middle, size, before + 1)
    try:
        first = check_file(path, stop=middle)
        meanwhile()
    except BaseException:
        second.cancel()
        raise
    return first + second.result()


def read_mentions(path: Path) -> list[Mention]:
    """Every mention of a (small) JSONL file, checked first; the first bad line is an error naming its
    number. The import itself streams (:func:`iter_mentions`)."""
    check_file(path)
    return list(iter_mentions(path))


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the parser."""
    p = sub.add_parser("import", help="feed mentions from a JSONL file into the store",
                       description="Feed mentions from a JSONL file through the pipeline into the store. "
                                   "A bad line stops the import before anything is written.",
                       epilog=f"The mention record: {FORMATS_DOC}.")
    p.add_argument("file", help=f"JSONL file, one mention per line ({FORMATS_DOC})")
    p.set_defaults(handler=run)


def batches(path: Path, size: int = BATCH) -> Iterator[list[Mention]]:
    """The file's mentions in lists of ``size``, read as they are needed."""
    batch: list[Mention] = []
    for mention in iter_mentions(path):
        batch.append(mention)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def run(args: argparse.Namespace) -> int:
    """Check the whole file first (before the pipeline is even loaded, keeping no record), then read it
    again and import it in batches of :data:`BATCH`: memory does not grow with the file. A large
    file's worker processes start first (decided by the file's lines): the first checks the second half
    of the file while this process checks the first and then loads its analysis."""
    started = time.monotonic()
    path = Path(args.file)
    from newsroom.pipeline.pool import preparer_workers, start_pool, warm_analysis

    workers = preparer_workers(count_lines(path))
    pool = start_pool(workers)  # language, sentiment and words ahead, in these processes
    try:
        # the check before anything is opened; a pool's worker checks the second half meanwhile
        # (and this process loads its analysis while it waits for the worker's half)
        total = check_file(path) if pool is None else check_in_two(path, pool, warm_analysis)
        from newsroom.paths import AppPaths
        from newsroom.pipeline.factory import build_pipeline

        paths = AppPaths.resolve(args.basedir)
        pipeline = build_pipeline(paths, Path(args.config) if args.config else None, demo=False,
                                  strict=bool(args.config), store=args.store)
    except BaseException:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        raise
    from newsroom.pipeline.heap import settle, settled_heap
    from newsroom.pipeline.prepare import Preparer

    pipeline.consolidate_by_data = True  # the same file gives the same topics, however fast it is read

    added = 0
    seen = 0
    try:
        with Progress("importing", total=total, unit="mentions") as bar, \
                Preparer(pipeline, workers, pool=pool) as prepare, settled_heap():
            try:
                for batch, prepared in prepare.batches(batches(path)):
                    added += pipeline.ingest(batch, prepared=prepared)
                    seen += len(batch)
                    bar.advance(len(batch))
                    settle()
            except UsageError as exc:  # the file changed after it was checked
                what = str(exc).split("; nothing was imported")[0]
                raise UsageError(f"{what}: the file changed while it was imported; the first {seen:,} "
                                 "mentions were imported, and importing the corrected file again adds "
                                 "only the rest") from exc
        if added:
            pipeline.store.refresh_statistics()  # walls reading a shared store plan by the new sizes
    finally:
        pipeline.close()
    print(summary_line(seen, ("mention", "mentions"), time.monotonic() - started,
                       [(added, "new"), (seen - added, "already known")]), file=sys.stderr)
    return 0
