"""The languages practitioners can read Ecogram in, and the words for its vocabularies.

Dutch is the default. Labels live here rather than next to the enums so that
every screen and every message names a role, item, sector or rating the same way.
"""

from __future__ import annotations

from ecogram.imh_checklist import Item, Rating
from ecogram.vocabulary import Role, Sector

__all__ = [
    "AND_WORD",
    "DEFAULT_LANG",
    "ITEM_LABELS",
    "LANGUAGES",
    "MONTHS",
    "RATING_LABELS",
    "ROLE_LABELS",
    "SECTOR_LABELS",
    "normalize_lang",
]

LANGUAGES = ("nl", "en")
DEFAULT_LANG = "nl"

ROLE_LABELS: dict[str, dict[Role, str]] = {
    "nl": {
        Role.BUDDY: "buddy/steunfiguur",
        Role.PLAY_FAMILY: "speelgezin",
        Role.RESPITE: "respijtzorg",
        Role.PART_TIME_STAY: "deeltijds verblijf",
        Role.FULL_TIME_STAY: "volcontinu verblijf",
        Role.KINSHIP_FOSTER_CARE: "netwerkpleegzorg",
    },
    "en": {
        Role.BUDDY: "buddy/support figure",
        Role.PLAY_FAMILY: "play family",
        Role.RESPITE: "respite",
        Role.PART_TIME_STAY: "part-time stay",
        Role.FULL_TIME_STAY: "full-time stay",
        Role.KINSHIP_FOSTER_CARE: "kinship foster care",
    },
}

ITEM_LABELS: dict[str, dict[Item, str]] = {
    "nl": {
        Item.SENSITIVITY: "sensitiviteit",
        Item.SAFE_HAVEN: "veilige haven",
        Item.SECURE_BASE: "veilige basis",
        Item.MENTALIZING: "mentaliseren",
        Item.COMMITMENT: "toewijding",
        Item.AVAILABILITY: "beschikbaarheid",
        Item.LIFE_STABILITY: "stabiliteit in het eigen leven",
        Item.WITH_PARENTS: "samenwerking met de ouders",
        Item.WITH_SERVICES: "samenwerking met de hulpverlening",
        Item.PROTECTION: "bescherming",
        Item.RECORD_CHECKS: "screening (strafregister en voorgeschiedenis)",
        Item.HOME_PRACTICAL: "woning en praktische zaken",
        Item.OWN_NETWORK: "eigen netwerk",
    },
    "en": {
        Item.SENSITIVITY: "sensitivity",
        Item.SAFE_HAVEN: "safe haven",
        Item.SECURE_BASE: "secure base",
        Item.MENTALIZING: "mentalizing",
        Item.COMMITMENT: "commitment",
        Item.AVAILABILITY: "availability",
        Item.LIFE_STABILITY: "life stability",
        Item.WITH_PARENTS: "cooperation with the parents",
        Item.WITH_SERVICES: "cooperation with services",
        Item.PROTECTION: "protection",
        Item.RECORD_CHECKS: "record checks",
        Item.HOME_PRACTICAL: "home and practicalities",
        Item.OWN_NETWORK: "own network",
    },
}

SECTOR_LABELS: dict[str, dict[Sector, str]] = {
    "nl": {
        Sector.FAMILY: "familie",
        Sector.FRIENDS: "vrienden",
        Sector.NEIGHBOURHOOD: "buurt",
        Sector.CHILDCARE_SCHOOL: "kinderopvang en school",
        Sector.PROFESSIONAL: "professionelen",
    },
    "en": {
        Sector.FAMILY: "family",
        Sector.FRIENDS: "friends",
        Sector.NEIGHBOURHOOD: "neighbourhood",
        Sector.CHILDCARE_SCHOOL: "childcare and school",
        Sector.PROFESSIONAL: "professionals",
    },
}

RATING_LABELS: dict[str, dict[Rating, str]] = {
    "nl": {
        Rating.STRENGTH: "S (sterkte)",
        Rating.ADEQUATE: "A (voldoende)",
        Rating.CONCERN: "C (zorg)",
        Rating.UNKNOWN: "U (onbekend)",
    },
    "en": {
        Rating.STRENGTH: "S (strength)",
        Rating.ADEQUATE: "A (adequate)",
        Rating.CONCERN: "C (concern)",
        Rating.UNKNOWN: "U (unknown)",
    },
}

# fmt: off
MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}
# fmt: on
AND_WORD = {"nl": "en", "en": "and"}


def normalize_lang(lang: str) -> str:
    """`nl`, `nl-BE`, `en_GB` -> `nl`/`en`; anything else is a caller's mistake."""
    base = lang.replace("_", "-").split("-")[0].lower()
    if base not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; expected one of {LANGUAGES}")
    return base
