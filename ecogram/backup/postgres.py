"""PostgreSQL: pg_dump streamed out, pg_restore streamed in, through pipes.

- Backup: `pg_dump --format=custom` of the database (or of the schema the
  URL's search_path selects), read from its pipe a piece at a time.
- Restore: `pg_restore --clean --if-exists --single-transaction` reading from
  its pipe. The tables are dropped and created again, which is how the
  append-only audit trail comes back without ever being updated or deleted
  row by row. If a piece fails its check halfway, pg_restore is killed before
  its input ends, so its one transaction never commits and nothing changes.

Only pg_dump and pg_restore run, with argument lists and no shell, for an hour
at most; the password reaches them through the environment, never a process list.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal

# Only pg_dump and pg_restore are run, with argument lists and no shell (see _running).
import subprocess  # nosec B404
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from sqlalchemy import text
from sqlalchemy.engine import URL

from ecogram.backup.sealed import PIECE_BYTES, BackupError
from ecogram.db import make_engine

_PG_BIN_FALLBACK = "/usr/lib/postgresql/*/bin"
#: Seconds pg_dump or pg_restore may run: a hung server must not hang a scheduled backup.
TIME_LIMIT = 3600


def pg_tool(name: str) -> str:
    """`pg_dump`/`pg_restore` from PATH, else from the newest PostgreSQL install."""
    found = shutil.which(name)
    if found:
        return found
    installed = sorted(glob.glob(f"{_PG_BIN_FALLBACK}/{name}"), key=_version_key)
    if installed:
        return installed[-1]
    raise BackupError(f"{name} is not installed; install the PostgreSQL client tools")


def _version_key(path: str) -> tuple[int, ...]:
    version = Path(path).parent.parent.name
    return tuple(int(part) for part in version.split(".") if part.isdigit())


def _pg_env(url: URL) -> dict[str, str]:
    """libpq's environment for `url`: the password never shows in a process list."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    settings = {
        "PGHOST": url.host,
        "PGPORT": None if url.port is None else str(url.port),
        "PGUSER": url.username,
        "PGPASSWORD": url.password,
        "PGDATABASE": url.database,
        "PGOPTIONS": url.query.get("options"),
        "PGSSLMODE": url.query.get("sslmode"),
    }
    env.update({k: str(v) for k, v in settings.items() if v})
    return env


def _pg_schema(url: URL) -> str | None:
    """The schema the URL selects (None for `public`, which means the whole database)."""
    engine = make_engine(url.render_as_string(hide_password=False))
    try:
        with engine.connect() as connection:
            schema = connection.execute(text("SELECT current_schema()")).scalar()
    finally:
        engine.dispose()
    return None if schema in (None, "public") else str(schema)


@contextlib.contextmanager
def _running(
    args: list[str], url: URL, *, stdin: int | None, stdout: int | None
) -> Iterator[tuple[subprocess.Popen[bytes], IO[bytes]]]:
    """The tool running, with its stderr in a file; stopped if it outlives TIME_LIMIT."""
    with tempfile.TemporaryFile() as errors:
        # A fixed PostgreSQL tool with an argument list and no shell: nothing to inject.
        process = subprocess.Popen(  # noqa: S603  # nosec B603
            args, stdin=stdin, stdout=stdout, stderr=errors, env=_pg_env(url)
        )
        watchdog = threading.Timer(TIME_LIMIT, process.kill)
        watchdog.daemon = True
        watchdog.start()
        try:
            yield process, errors
        finally:
            watchdog.cancel()


def _check(process: subprocess.Popen[bytes], errors: IO[bytes], tool: str) -> None:
    if process.wait() == -signal.SIGKILL:
        raise BackupError(f"{tool} did not finish within {TIME_LIMIT // 60} minutes")
    if process.returncode != 0:
        errors.seek(0)
        lines = errors.read().decode("utf-8", "replace").strip().splitlines() or ["no message"]
        raise BackupError(f"{tool} failed: {lines[0]}")


def dump(url: URL) -> Iterator[bytes]:
    """pg_dump's output, a piece at a time; BackupError at the end if pg_dump failed."""
    args = [pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges"]
    schema = _pg_schema(url)
    if schema is not None:
        args.append(f"--schema={schema}")
    with _running(args, url, stdin=None, stdout=subprocess.PIPE) as (process, errors):
        assert process.stdout is not None  # noqa: S101  (asked for above)
        finished = False
        try:
            while piece := process.stdout.read(PIECE_BYTES):
                yield piece
            finished = True
        finally:
            process.stdout.close()
            if not finished:  # the reader stopped early: no half dump may linger
                process.kill()
            process.wait()
        _check(process, errors, "pg_dump")


def restore(url: URL, data: Iterable[bytes]) -> None:
    """Feed the dump in `data` to pg_restore, which replaces everything in one transaction."""
    args = [
        pg_tool("pg_restore"),
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        f"--dbname={url.database}",
    ]
    with _running(args, url, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL) as (
        process,
        errors,
    ):
        assert process.stdin is not None  # noqa: S101  (asked for above)
        try:
            for piece in data:
                process.stdin.write(piece)
        except BrokenPipeError:
            pass  # pg_restore stopped on an error of its own: _check reports it
        except BaseException:
            process.kill()  # before its input ends, so its transaction never commits
            process.wait()
            raise
        finally:
            with contextlib.suppress(BrokenPipeError):
                process.stdin.close()
        _check(process, errors, "pg_restore")
