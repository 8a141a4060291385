"""Where the database lives, and the SQLite settings that keep it safe."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

import ecogram
from ecogram.db import (
    database_url,
    default_instance_path,
    make_engine,
    normalise_url,
    session_scope,
)
from ecogram.models import Network
from ecogram.vocabulary import NetworkSlug


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'deep' / 'er' / 'ecogram.sqlite3'}")
    yield engine
    engine.dispose()


def test_the_instance_folder_defaults_to_the_users_data_folder_outside_the_package(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("ECOGRAM_INSTANCE_PATH", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    assert default_instance_path() == tmp_path / "data" / "ecogram"
    package = Path(ecogram.__file__).resolve().parent.parent
    assert not default_instance_path().is_relative_to(package)


def test_a_relative_instance_folder_is_taken_from_the_working_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ECOGRAM_INSTANCE_PATH", "here")
    assert default_instance_path() == tmp_path / "here"


def test_the_instance_folder_follows_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ECOGRAM_INSTANCE_PATH", str(tmp_path))
    assert default_instance_path() == tmp_path


def test_the_default_database_is_sqlite_in_the_instance_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("ECOGRAM_DATABASE_URL", raising=False)
    monkeypatch.setenv("ECOGRAM_INSTANCE_PATH", str(tmp_path))
    assert database_url() == f"sqlite:///{tmp_path}/ecogram.sqlite3"


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("postgresql://u:p@db/eco", "postgresql+psycopg://u:p@db/eco"),
        ("postgres://u:p@db/eco", "postgresql+psycopg://u:p@db/eco"),
        ("postgresql+psycopg://u:p@db/eco", "postgresql+psycopg://u:p@db/eco"),
        ("sqlite:////srv/eco.sqlite3", "sqlite:////srv/eco.sqlite3"),
    ],
)
def test_it_takes_the_database_url_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, given: str, used: str
) -> None:
    monkeypatch.setenv("ECOGRAM_DATABASE_URL", given)
    assert database_url() == used
    assert normalise_url(given) == used


def test_it_creates_the_folder_of_a_sqlite_database(tmp_path: Path, sqlite_engine: Engine) -> None:
    assert (tmp_path / "deep" / "er").is_dir()


def test_every_sqlite_connection_gets_the_safety_pragmas(sqlite_engine: Engine) -> None:
    # Two connections at once: the pool opens a second one, which needs them too.
    with sqlite_engine.connect() as first, sqlite_engine.connect() as second:
        for connection in (first, second):
            pragma = connection.exec_driver_sql
            assert pragma("PRAGMA journal_mode").scalar() == "wal"
            assert pragma("PRAGMA foreign_keys").scalar() == 1
            assert pragma("PRAGMA busy_timeout").scalar() == 5000
            assert pragma("PRAGMA synchronous").scalar() == 1  # NORMAL: see ecogram/db.py


def _network_count(engine: Engine) -> int:
    with session_scope(engine) as session:
        return session.scalar(select(func.count()).select_from(Network)) or 0


def test_session_scope_commits_when_the_block_succeeds(engine: Engine) -> None:
    with session_scope(engine) as session:
        session.delete(session.scalars(select(Network)).first())
    assert _network_count(engine) == 4


def test_session_scope_rolls_back_when_the_block_raises(engine: Engine) -> None:
    with pytest.raises(RuntimeError), session_scope(engine) as session:
        session.delete(session.scalars(select(Network)).first())
        session.flush()
        raise RuntimeError("boom")
    assert _network_count(engine) == 5


def test_objects_stay_readable_after_commit(engine: Engine) -> None:
    with session_scope(engine) as session:
        network = session.scalars(select(Network).where(Network.slug == "limburg")).one()
    # No session, no refresh: the values survived the commit.
    assert network.slug is NetworkSlug.LIMBURG
    assert network.name == "Limburg"
