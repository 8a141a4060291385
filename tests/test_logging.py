"""Log lines cannot be forged: every line break in a logged message is encoded."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from webapp import create_app
from webapp.logs import FORMAT, OneLineFormatter, install_record_factory, one_line

HOSTILE = "x\r\nFAKE ENTRY\n2026-11-23 INFO admin signed in\u2028\x85\x0b\x0c\x1c\x1d\x1e end"


@pytest.fixture
def captured() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    """A logger writing through the app's formatter into a string."""
    install_record_factory()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(OneLineFormatter(FORMAT))
    logger = logging.getLogger("ecogram.test_logging")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    yield logger, stream
    logger.removeHandler(handler)


def test_one_line_encodes_every_kind_of_line_break() -> None:
    encoded = one_line(HOSTILE)
    assert encoded.splitlines() == [encoded]
    assert "x\\r\\nFAKE ENTRY\\n2026-11-23" in encoded
    assert "\\u2028\\x85\\x0b\\x0c\\x1c\\x1d\\x1e end" in encoded


def test_one_line_leaves_ordinary_text_alone() -> None:
    assert (
        one_line("Oma Jet, user 3 from 192.0.2.1 \t ok") == "Oma Jet, user 3 from 192.0.2.1 \t ok"
    )


def test_a_hostile_argument_makes_one_line(captured: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = captured
    logger.warning("sign-in failed: username %s", HOSTILE)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1
    assert "username x\\r\\nFAKE ENTRY" in lines[0]


def test_a_hostile_message_without_arguments_makes_one_line(
    captured: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = captured
    logger.info(f"typed: {HOSTILE}")
    assert len(stream.getvalue().splitlines()) == 1


def test_named_arguments_are_encoded_too(captured: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = captured
    logger.info("user %(name)s, try %(n)d", {"name": "a\nb", "n": 3})
    assert stream.getvalue().splitlines() == [stream.getvalue().rstrip("\n")]
    assert "user a\\nb, try 3" in stream.getvalue()


def test_an_exception_with_a_hostile_message_makes_one_line(
    captured: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = captured
    try:
        raise ValueError(HOSTILE)
    except ValueError:
        logger.exception("the import failed")
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1
    assert "Traceback (most recent call last):" in lines[0]
    assert "ValueError: x\\r\\nFAKE ENTRY" in lines[0]


def test_the_record_itself_carries_the_encoded_message_for_every_handler() -> None:
    install_record_factory()
    record = logging.getLogger("ecogram.test_logging").makeRecord(
        "ecogram.test_logging", logging.INFO, __file__, 1, "name %s", ("a\r\nb",), None
    )
    assert record.getMessage() == "name a\\r\\nb"


def test_installing_the_record_factory_twice_encodes_once() -> None:
    install_record_factory()
    first = logging.getLogRecordFactory()
    install_record_factory()
    assert logging.getLogRecordFactory() is first
    record = first("n", logging.INFO, __file__, 1, "a\\nb %s", ("c\nd",), None)
    # A backslash already in the text stays one backslash: nothing is encoded twice.
    assert record.getMessage() == "a\\nb c\\nd"


def test_a_bad_format_string_is_left_for_the_handler_to_report() -> None:
    install_record_factory()
    record = logging.getLogRecordFactory()("n", logging.INFO, __file__, 1, "%d", ("x",), None)
    assert record.msg == "%d" and record.args == ("x",)


def test_creating_the_app_installs_the_encoding(caplog: pytest.LogCaptureFixture) -> None:
    logging.setLogRecordFactory(logging.LogRecord)  # as in a fresh process
    try:
        app = create_app({"TESTING": True, "DATABASE_URL": "sqlite://", "SECRET_KEY": "x"})
        with caplog.at_level(logging.INFO):
            app.logger.warning("from the app: %s", "a\nb")
            logging.getLogger("ecogram.auth").warning("from auth: %s", "c\rd")
        assert "from the app: a\\nb" in caplog.text
        assert "from auth: c\\rd" in caplog.text
        app.extensions["ecogram.engine"].dispose()
    finally:
        install_record_factory()
