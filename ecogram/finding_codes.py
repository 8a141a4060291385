"""Finding codes and the severity each one always has (docs/findings.md).

The order of `Code` is the contract's order, which is also the order findings
are reported in within one severity.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

from ecogram.imh_checklist import Severity

__all__ = ["SEVERITY", "Code"]


class Code(StrEnum):
    """Every finding code, in the order of docs/findings.md (also the sort order)."""

    ANCHOR_MISSING = "ANCHOR_MISSING"
    ANCHOR_MULTIPLE = "ANCHOR_MULTIPLE"
    ANCHOR_NOT_SUITABLE = "ANCHOR_NOT_SUITABLE"
    ANCHOR_FEW_NIGHTS = "ANCHOR_FEW_NIGHTS"
    ANCHOR_UNSTABLE = "ANCHOR_UNSTABLE"
    ROLE_NOT_ASSESSED = "ROLE_NOT_ASSESSED"
    ROLE_KNOCKOUT = "ROLE_KNOCKOUT"
    ROLE_BELOW_MINIMUM = "ROLE_BELOW_MINIMUM"
    ATTESTATION_MISSING = "ATTESTATION_MISSING"
    REASSESSMENT_DUE = "REASSESSMENT_DUE"
    OVERNIGHT_HOMES_EXCEEDED = "OVERNIGHT_HOMES_EXCEEDED"
    NO_TRUSTED_PERSON = "NO_TRUSTED_PERSON"
    CHILD_AGE_OUT_OF_RANGE = "CHILD_AGE_OUT_OF_RANGE"
    FEW_PERSONS_MAPPED = "FEW_PERSONS_MAPPED"
    EMPTY_SECTOR = "EMPTY_SECTOR"
    UNEXPLORED_STRONG_TIE = "UNEXPLORED_STRONG_TIE"
    CARE_TABLE_LATE = "CARE_TABLE_LATE"
    EVALUATION_OVERDUE = "EVALUATION_OVERDUE"
    TERM_EXCEEDED = "TERM_EXCEEDED"
    RESIDENCE_BUDGET_OVER_HALF = "RESIDENCE_BUDGET_OVER_HALF"


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
SEVERITY: Mapping[Code, Severity] = MappingProxyType(
    {
        Code.ANCHOR_MISSING: _E,
        Code.ANCHOR_MULTIPLE: _E,
        Code.ANCHOR_NOT_SUITABLE: _E,
        Code.ANCHOR_FEW_NIGHTS: _W,
        Code.ANCHOR_UNSTABLE: _W,
        Code.ROLE_NOT_ASSESSED: _E,
        Code.ROLE_KNOCKOUT: _E,
        Code.ROLE_BELOW_MINIMUM: _W,
        Code.ATTESTATION_MISSING: _E,
        Code.REASSESSMENT_DUE: _W,
        Code.OVERNIGHT_HOMES_EXCEEDED: _W,
        Code.NO_TRUSTED_PERSON: _W,
        Code.CHILD_AGE_OUT_OF_RANGE: _W,
        Code.FEW_PERSONS_MAPPED: _I,
        Code.EMPTY_SECTOR: _I,
        Code.UNEXPLORED_STRONG_TIE: _I,
        Code.CARE_TABLE_LATE: _W,
        Code.EVALUATION_OVERDUE: _W,
        Code.TERM_EXCEEDED: _W,
        Code.RESIDENCE_BUDGET_OVER_HALF: _E,
    }
)

#: Findings about the anchor or a role: what to change is on the roles page.
ROLE_CODES = frozenset(
    {
        Code.ANCHOR_MISSING,
        Code.ANCHOR_MULTIPLE,
        Code.ANCHOR_NOT_SUITABLE,
        Code.ANCHOR_FEW_NIGHTS,
        Code.ANCHOR_UNSTABLE,
        Code.ROLE_NOT_ASSESSED,
        Code.ROLE_KNOCKOUT,
        Code.ROLE_BELOW_MINIMUM,
        Code.ATTESTATION_MISSING,
        Code.REASSESSMENT_DUE,
        Code.OVERNIGHT_HOMES_EXCEEDED,
        Code.NO_TRUSTED_PERSON,
    }
)
