"""Build hook: the wheel carries compiled message catalogues, the repository only the .po.

A compiled catalogue is a build output. Committing it would tie the repository to
the exact bytes one Babel release writes, so it is made here, when the wheel is
built, and by `make` for a checkout. Everything else lives in pyproject.toml.
"""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithCatalogues(build_py):
    def run(self) -> None:
        super().run()
        for source in sorted(Path().glob("*/translations/*/LC_MESSAGES/*.po")):
            target = Path(self.build_lib) / source.with_suffix(".mo")
            target.parent.mkdir(parents=True, exist_ok=True)
            with source.open("rb") as po_file:
                catalogue = read_po(po_file)
            with target.open("wb") as mo_file:
                write_mo(mo_file, catalogue)


setup(cmdclass={"build_py": BuildWithCatalogues})
