"""What the audit trail's codes mean, in the user's language.

The trail stores stable codes (an action such as "view_ecogram"); the page
translates the ones it knows and shows any newer code as it is, so a row is
never hidden because a label is missing.
"""

from __future__ import annotations

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

ACTIONS: dict[str, LazyString] = {
    "list": _l("saw the case in My cases"),
    "view_ecogram": _l("viewed the ecogram"),
    "view_ecogram_data": _l("loaded the ecogram drawing"),
    "view_person": _l("viewed a person"),
    "view_assessments": _l("viewed the candidates"),
    "view_assessment": _l("viewed an assessment"),
    "view_roles": _l("viewed the roles"),
    "view_findings": _l("viewed the findings"),
    "view_audit": _l("viewed this audit trail"),
    "add_person": _l("added a person"),
    "edit_person": _l("changed a person"),
    "mark_to_explore": _l("marked a person to explore"),
    "add_tie": _l("added a tie"),
    "edit_tie": _l("changed a tie"),
    "save_assessment": _l("saved an assessment"),
    "add_role": _l("assigned a role"),
    "end_role": _l("ended a role"),
    "change_nights": _l("changed the nights of a role"),
    "set_anchor": _l("designated the anchor"),
    "set_trusted": _l("designated the trusted person"),
    "preview_role": _l("checked a role before saving it"),
    "preview_nights": _l("checked other nights before saving them"),
    "preview_anchor": _l("checked an anchor before saving it"),
    "preview_trusted": _l("checked a trusted person before saving"),
    "save_despite_error": _l("saved a change despite an error, with a reason"),
    "view_erasure": _l("viewed retention and erasure"),
    "erase_person": _l("erased a person"),
    "close_case": _l("closed the case"),
    "reopen_case": _l("reopened the case"),
    "purge": _l("deleted the case after its retention period"),
    "view_trajectory": _l("viewed the trajectory"),
    "create_trajectory": _l("started the trajectory"),
    "edit_referral": _l("changed the referral"),
    "add_care_table": _l("recorded a care table"),
    "add_care_plan_action": _l("added a care-plan action"),
    "complete_care_plan_action": _l("completed a care-plan action"),
    "add_evaluation": _l("recorded an evaluation"),
    "extend_trajectory": _l("extended the trajectory"),
    "end_trajectory": _l("ended the trajectory"),
    "add_budget_item": _l("added a budget item"),
    "add_stay": _l("recorded a stay"),
    "end_stay": _l("ended a stay"),
    "view_deadlines": _l("saw the case in Deadlines"),
    "view_history": _l("viewed the history"),
    "view_history_counts": _l("loaded the history chart"),
    "view_history_diff": _l("compared two sessions"),
    "view_history_session": _l("viewed an earlier session"),
    "view_history_session_data": _l("loaded an earlier drawing"),
    "start_session": _l("started a session"),
    "edit_session": _l("changed who was present at a session"),
    "view_downloads": _l("viewed print and export"),
    "open_case": _l("opened the case from a referral"),
    "duplicate_hint": _l("was shown the case as a possible duplicate at intake"),
    "view_team": _l("viewed the team"),
    "assign_team": _l("put a colleague on the team"),
    "unassign_team": _l("took a colleague off the team"),
    "view_closing": _l("viewed closing the case"),
    # Outside a case: the account pages and the intake form.
    "view_accounts": _l("viewed the accounts"),
    "view_new_account": _l("opened the form for a new account"),
    "view_intake": _l("opened the intake form"),
    "delete_person": _l("removed a person from the ecogram"),
    "delete_tie": _l("removed a tie"),
    "undo_change": _l("undid a change"),
    "redo_change": _l("made an undone change again"),
    "put_back_removal": _l("put back what a change removed"),
    "withdraw_extension": _l("withdrew the extension"),
    "edit_care_table": _l("corrected a care table"),
    "delete_care_table": _l("removed a care table"),
    "edit_action": _l("corrected a care-plan action"),
    "delete_action": _l("removed a care-plan action"),
    "edit_evaluation": _l("corrected an evaluation"),
    "delete_evaluation": _l("removed an evaluation"),
    "edit_budget_item": _l("corrected a budget item"),
    "delete_budget_item": _l("removed a budget item"),
    "edit_stay": _l("corrected a stay"),
    "delete_stay": _l("removed a stay"),
}

#: Every export is audited as "export_<format>"; one label says which format.
EXPORT_PREFIX = "export_"

OUTCOMES: dict[str, LazyString] = {
    "ok": _l("done"),
    "denied": _l("refused"),
    "conflict": _l("conflict"),
    "not_saved": _l("shown, not saved"),
}

USER_ROLES: dict[str, LazyString] = {
    "context_worker": _l("context worker"),
    "foster_care_assessor": _l("foster care assessor"),
    "case_coordinator": _l("case coordinator"),
    "network_coordinator": _l("network coordinator"),
    "admin": _l("administrator"),
}


def word(table: dict[str, LazyString], code: str) -> str:
    found = table.get(code)
    if found is None and table is ACTIONS and code.startswith(EXPORT_PREFIX):
        return str(_l("exported (%(format)s)", format=code.removeprefix(EXPORT_PREFIX)))
    return code if found is None else str(found)
