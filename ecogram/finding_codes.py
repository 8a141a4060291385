"""The one table of finding codes: each row is a code with everything known about it.

A row holds the code, its severity, its family (the part of the rules it
belongs to), the page of the web app where what it flags is changed, and its
message keys: the msgid of its message (with a plural form where a count can be
1) and the msgids of the detail sentences its rule chooses between. Everything
else (the findings list, the roles page, the trajectory page, `ecogram check`)
reads this table, so a new code is its rule, its row, docs/findings.md and its
tests.

The order of the rows is the order of docs/findings.md, and the order findings
are reported in within one severity.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

from ecogram.i18n import N_
from ecogram.imh_checklist import Severity

__all__ = ["Code", "Family", "Page", "nN_"]


class Family(StrEnum):
    """The part of the rules a code belongs to, as docs/findings.md groups them."""

    ANCHOR = "anchor"
    ROLES = "roles"
    COMBINATION = "combination"
    CHILD = "child"
    NETWORK_SEARCH = "network_search"
    TRAJECTORY = "trajectory"


class Page(StrEnum):
    """Where in the web app what a finding flags is changed."""

    ROLES = "roles"  #: the roles page: roles, the anchor, the trusted person
    WHO_ELSE = "who_else"  #: the ecogram page's "Who else?" prompts
    TRAJECTORY = "trajectory"  #: the trajectory page


def nN_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a message and its plural, told apart by the finding's `count`."""
    return singular, plural


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
_ANCHOR, _ROLES, _COMBINATION = Family.ANCHOR, Family.ROLES, Family.COMBINATION
_CHILD, _SEARCH, _TRAJECTORY = Family.CHILD, Family.NETWORK_SEARCH, Family.TRAJECTORY


class Code(StrEnum):
    """Every finding code, one row each: code, severity, family, page, message keys."""

    _value_: str
    severity: Severity
    family: Family
    fixed_on: Page | None
    #: The message's msgid, or its singular and plural msgids (counted by `count`).
    message: str | tuple[str, str]
    #: The detail sentences' msgids, by the key the rule puts in the `detail` param.
    details: Mapping[str, str]

    def __new__(
        cls,
        code: str,
        severity: Severity,
        family: Family,
        fixed_on: Page | None,
        message: str | tuple[str, str],
        details: Mapping[str, str] | None = None,
    ) -> Code:
        member = str.__new__(cls, code)
        member._value_ = code
        member.severity = severity
        member.family = family
        member.fixed_on = fixed_on
        member.message = message
        member.details = MappingProxyType(dict(details or {}))
        return member

    @property
    def msgids(self) -> tuple[str, ...]:
        """Every msgid of the row: what the catalogue must translate for this code."""
        texts = self.message if isinstance(self.message, tuple) else (self.message,)
        return (*texts, *self.details.values())

    # fmt: off
    ANCHOR_MISSING = (
        "ANCHOR_MISSING", _E, _ANCHOR, Page.ROLES,
        N_("On %(date)s there is no anchor. The child must always be able to fall back on one "
           "fixed safe haven; record who that is."),
    )
    ANCHOR_MULTIPLE = (
        "ANCHOR_MULTIPLE", _E, _ANCHOR, Page.ROLES,
        N_("On %(date)s there are %(count)s anchors at once: %(names)s. There should be exactly "
           "one safe haven; close the earlier period at a hand-over."),
    )
    ANCHOR_NOT_SUITABLE = (
        "ANCHOR_NOT_SUITABLE", _E, _ANCHOR, Page.ROLES,
        N_("%(name)s is the anchor but is not a parent. %(detail)s"),
        {
            "anchor_not_assessed": N_("There is no final assessment on %(date)s, and an anchor "
                                      "who is not a parent needs one."),
            "anchor_shortfalls": N_("The final assessment falls short for an anchor on: "
                                    "%(items)s. An anchor needs S on sensitivity, safe haven, "
                                    "commitment and availability, no C anywhere, and no U on a "
                                    "knock-out item of full-time stay."),
        },
    )
    ANCHOR_FEW_NIGHTS = (
        "ANCHOR_FEW_NIGHTS", _W, _ANCHOR, Page.ROLES,
        N_("The child spends %(nights)s nights a week with others than the anchor %(name)s. The "
           "anchor should have most nights: more than %(limit)s nights elsewhere is too many."),
    )
    ANCHOR_UNSTABLE = (
        "ANCHOR_UNSTABLE", _W, _ANCHOR, Page.ROLES,
        N_("The anchor changed %(changes)s times in the %(days)s days up to %(date)s. A young "
           "child needs one fixed safe haven; let the anchor change only through a planned "
           "transition."),
    )
    ROLE_NOT_ASSESSED = (
        "ROLE_NOT_ASSESSED", _E, _ROLES, Page.ROLES,
        N_("%(name)s has no final assessment for the role %(role)s."),
    )
    ROLE_KNOCKOUT = (
        "ROLE_KNOCKOUT", _E, _ROLES, Page.ROLES,
        N_("%(name)s is rated %(rating)s on %(item)s. For the role %(role)s this is a knock-out "
           "item with minimum %(minimum)s: the role cannot be taken like this."),
    )
    ROLE_BELOW_MINIMUM = (
        "ROLE_BELOW_MINIMUM", _W, _ROLES, Page.ROLES,
        N_("%(name)s is rated %(rating)s on %(item)s, below the minimum %(minimum)s for the role "
           "%(role)s. Discuss this and follow it up in the guidance."),
    )
    ATTESTATION_MISSING = (
        "ATTESTATION_MISSING", _E, _ROLES, Page.ROLES,
        N_("%(name)s has the role %(role)s without a valid attestation by foster care: "
           "%(detail)s."),
        {
            "attestation_none": N_("no attestation is recorded"),
            "attestation_pending": N_("the attestation is still pending"),
            "attestation_refused": N_("the attestation was refused"),
            "attestation_later": N_("the attestation only starts on %(attested)s"),
        },
    )
    REASSESSMENT_DUE = (
        "REASSESSMENT_DUE", _W, _ROLES, Page.ROLES,
        N_("The last final assessment of %(name)s dates from %(assessed)s, %(days)s days ago. The "
           "role %(role)s needs a new assessment at least every %(limit)s days."),
    )
    OVERNIGHT_HOMES_EXCEEDED = (
        "OVERNIGHT_HOMES_EXCEEDED", _W, _COMBINATION, Page.ROLES,
        N_("Other homes where the child sleeps, besides the anchor's: %(homes)s (%(names)s). At "
           "this age the limit is %(cap)s; every extra place to sleep asks the child to adapt "
           "again."),
    )
    NIGHTS_OVERBOOKED = (
        "NIGHTS_OVERBOOKED", _E, _COMBINATION, Page.ROLES,
        N_("On %(date)s the roles ask for %(nights)s nights a week (%(names)s), but a week has "
           "%(limit)s. Bring the nights back to at most %(limit)s."),
    )
    NO_TRUSTED_PERSON = (
        "NO_TRUSTED_PERSON", _W, _CHILD, Page.ROLES,
        N_("No trusted person is named: someone from the natural or professional network who "
           "keeps the child in view, now and later."),
    )
    CHILD_AGE_OUT_OF_RANGE = (
        "CHILD_AGE_OUT_OF_RANGE", _W, _CHILD, None,
        N_("%(detail)s The care guarantee for the young child runs from pregnancy to 3 years; "
           "check the dates."),
        {
            "child_too_old": N_("On %(date)s the child is older than 36 months (born on "
                                "%(birth)s)."),
            "child_expected_far": N_("The expected date of birth, %(expected)s, is %(days)s days "
                                     "after %(date)s: more than 280 days."),
        },
    )
    FEW_PERSONS_MAPPED = (
        "FEW_PERSONS_MAPPED", _I, _SEARCH, Page.WHO_ELSE,
        nN_("Only %(count)s person around the child is mapped so far. Family Finding aims for "
            "at least %(target)s: keep asking about relatives, friends and neighbours.",
            "Only %(count)s persons around the child are mapped so far. Family Finding aims for "
            "at least %(target)s: keep asking about relatives, friends and neighbours."),
    )
    EMPTY_SECTOR = (
        "EMPTY_SECTOR", _I, _SEARCH, Page.WHO_ELSE,
        N_("Nobody is on the ecogram in the sector %(sector)s yet. Ask about people from that "
           "side."),
    )
    UNEXPLORED_STRONG_TIE = (
        "UNEXPLORED_STRONG_TIE", _I, _SEARCH, None,
        N_("%(name)s has a strong tie to the child or a parent but has not been explored as a "
           "possible care figure yet."),
    )
    CARE_TABLE_LATE = (
        "CARE_TABLE_LATE", _W, _TRAJECTORY, Page.TRAJECTORY,
        N_("The care table should take place within %(hours)s hours of the referral on "
           "%(referred)s. %(detail)s"),
        {
            "care_table_held_late": N_("The first care table was only on %(first)s, %(days)s days "
                                       "later."),
            "care_table_none": N_("There has been no care table yet, %(days)s days after the "
                                  "referral."),
        },
    )
    EVALUATION_OVERDUE = (
        "EVALUATION_OVERDUE", _W, _TRAJECTORY, Page.TRAJECTORY,
        N_("%(detail)s The trajectory should be evaluated at least every %(limit)s days."),
        {
            "evaluation_last": N_("The last care table or evaluation was on %(last)s, %(days)s "
                                  "days ago."),
            "evaluation_none": N_("There has been no care table or evaluation since the referral "
                                  "on %(last)s, %(days)s days ago."),
        },
    )
    TERM_EXCEEDED = (
        "TERM_EXCEEDED", _W, _TRAJECTORY, Page.TRAJECTORY,
        N_("The trajectory has run for more than %(months)s months since the referral on "
           "%(referred)s (until %(deadline)s) and has not ended. %(detail)s"),
        {
            "term_can_extend": N_("It can be extended once by %(extension)s months."),
            "term_extended": N_("The extension has already been used: work towards a stable "
                                "long-term solution."),
        },
    )
    RESIDENCE_BUDGET_OVER_HALF = (
        "RESIDENCE_BUDGET_OVER_HALF", _E, _TRAJECTORY, Page.TRAJECTORY,
        N_("Of the case-bound budget (%(total)s), %(residence)s goes to residence. That is more "
           "than half; at most 50%% may go to residence."),
    )
    MANDATED_SERVICE_ABSENT = (
        "MANDATED_SERVICE_ABSENT", _W, _TRAJECTORY, Page.TRAJECTORY,
        N_("A mandated service takes part in this trajectory, but it is not listed as present at "
           "the care table of %(held)s. It attends every care table: record it, or invite it to "
           "the next one."),
    )
    STAY_OPEN_AFTER_END = (
        "STAY_OPEN_AFTER_END", _W, _TRAJECTORY, Page.TRAJECTORY,
        N_("The trajectory ended on %(ended)s (%(outcome)s), while the stay in a %(stay)s from "
           "%(since)s %(detail)s. Record when the stay ended, or check the outcome."),
        {
            "stay_no_end": N_("has no last day yet"),
            "stay_ends_later": N_("lasts until %(until)s"),
        },
    )
    CHILD_PERSPECTIVE_MISSING = (
        "CHILD_PERSPECTIVE_MISSING", _W, _TRAJECTORY, Page.TRAJECTORY,
        N_("The care table of %(held)s did not record the child's perspective. The child gets an "
           "explicit voice at every care table: record its perspective in its own words."),
    )
    # fmt: on
