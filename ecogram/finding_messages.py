"""What each finding says, in Dutch and English.

Kept apart from the rules so the command line and the web app show the same
wording, and so a practitioner can review all of it in one place.
"""

from __future__ import annotations

from ecogram.finding_codes import Code
from ecogram.imh_checklist import Severity

__all__ = ["DETAILS", "MESSAGES", "NO_FINDINGS", "SEVERITY_WORDS"]

# Fields every template may use: {name} (the person's name, a param), {person} (the ref),
# {role} and {item} (labels), plus the code's own params. {detail} is a sentence from
# DETAILS, chosen by the rule, for codes whose reason varies.
MESSAGES: dict[Code, dict[str, str]] = {
    Code.ANCHOR_MISSING: {
        "nl": "Op {date} is er geen ankerpunt. Het kind moet altijd kunnen terugvallen op één "
        "vaste veilige haven; leg vast wie dat is.",
        "en": "On {date} there is no anchor. The child must always be able to fall back on one "
        "fixed safe haven; record who that is.",
    },
    Code.ANCHOR_MULTIPLE: {
        "nl": "Op {date} zijn er {count} ankerpunten tegelijk: {names}. Er hoort precies één "
        "vaste veilige haven te zijn; sluit bij een overdracht de vorige periode af.",
        "en": "On {date} there are {count} anchors at once: {names}. There should be exactly one "
        "safe haven; close the earlier period at a hand-over.",
    },
    Code.ANCHOR_NOT_SUITABLE: {
        "nl": "{name} ({person}) is het ankerpunt, maar is geen ouder. {detail}",
        "en": "{name} ({person}) is the anchor but is not a parent. {detail}",
    },
    Code.ANCHOR_FEW_NIGHTS: {
        "nl": "Het kind slaapt {nights} nachten per week bij anderen dan ankerpunt {name} "
        "({person}). Het ankerpunt hoort de meeste nachten te hebben: meer dan {limit} "
        "nachten elders is te veel.",
        "en": "The child spends {nights} nights a week with others than the anchor {name} "
        "({person}). The anchor should have most nights: more than {limit} nights elsewhere "
        "is too many.",
    },
    Code.ANCHOR_UNSTABLE: {
        "nl": "Het ankerpunt is {changes} keer gewisseld in de {days} dagen tot {date}. Een jong "
        "kind heeft één vaste veilige haven nodig; laat een wissel alleen via een geplande "
        "overgang verlopen.",
        "en": "The anchor changed {changes} times in the {days} days up to {date}. A young child "
        "needs one fixed safe haven; let the anchor change only through a planned transition.",
    },
    Code.ROLE_NOT_ASSESSED: {
        "nl": "{name} ({person}) heeft geen definitieve beoordeling voor de rol {role}.",
        "en": "{name} ({person}) has no final assessment for the role {role}.",
    },
    Code.ROLE_KNOCKOUT: {
        "nl": "{name} ({person}) scoort {rating} op {item}. Voor de rol {role} is dat een "
        "knock-outitem met minimum {minimum}: zo kan de rol niet opgenomen worden.",
        "en": "{name} ({person}) is rated {rating} on {item}. For the role {role} this is a "
        "knock-out item with minimum {minimum}: the role cannot be taken like this.",
    },
    Code.ROLE_BELOW_MINIMUM: {
        "nl": "{name} ({person}) scoort {rating} op {item}, onder het minimum {minimum} voor de "
        "rol {role}. Bespreek dit en volg het op in de begeleiding.",
        "en": "{name} ({person}) is rated {rating} on {item}, below the minimum {minimum} for "
        "the role {role}. Discuss this and follow it up in the guidance.",
    },
    Code.ATTESTATION_MISSING: {
        "nl": "{name} ({person}) heeft de rol {role} zonder geldige attestering door "
        "pleegzorg: {detail}.",
        "en": "{name} ({person}) has the role {role} without a valid attestation by foster "
        "care: {detail}.",
    },
    Code.REASSESSMENT_DUE: {
        "nl": "De laatste definitieve beoordeling van {name} ({person}) dateert van {assessed}, "
        "{days} dagen geleden. Voor de rol {role} is minstens om de {limit} dagen een nieuwe "
        "beoordeling nodig.",
        "en": "The last final assessment of {name} ({person}) dates from {assessed}, {days} "
        "days ago. The role {role} needs a new assessment at least every {limit} days.",
    },
    Code.OVERNIGHT_HOMES_EXCEEDED: {
        "nl": "Aantal andere huizen waar het kind slaapt, naast dat van het ankerpunt: {homes} "
        "({names}). Op deze leeftijd is dat hoogstens {cap}; elke extra slaapplek vraagt "
        "van het kind een nieuwe aanpassing.",
        "en": "Other homes where the child sleeps, besides the anchor's: {homes} ({names}). At "
        "this age the limit is {cap}; every extra place to sleep asks the child to adapt again.",
    },
    Code.NO_TRUSTED_PERSON: {
        "nl": "Er is geen vertrouwenspersoon aangeduid: iemand uit het natuurlijke of "
        "professionele netwerk die het kind nu en later in het oog houdt.",
        "en": "No trusted person is named: someone from the natural or professional network "
        "who keeps the child in view, now and later.",
    },
    Code.CHILD_AGE_OUT_OF_RANGE: {
        "nl": "{detail} De zorggarantie jonge kind loopt van de zwangerschap tot 3 jaar; kijk "
        "de gegevens na.",
        "en": "{detail} The care guarantee for the young child runs from pregnancy to 3 years; "
        "check the dates.",
    },
    Code.FEW_PERSONS_MAPPED: {
        "nl": "Er zijn pas {count} personen rond het kind in kaart gebracht. Family Finding "
        "mikt op minstens {target}: vraag verder naar familie, vrienden en buren.",
        "en": "Only {count} persons around the child are mapped so far. Family Finding aims "
        "for at least {target}: keep asking about relatives, friends and neighbours.",
    },
    Code.EMPTY_SECTOR: {
        "nl": "In de sector {sector} staat nog niemand op het ecogram. Vraag door naar mensen "
        "uit die hoek.",
        "en": "Nobody is on the ecogram in the sector {sector} yet. Ask about people from "
        "that side.",
    },
    Code.UNEXPLORED_STRONG_TIE: {
        "nl": "{name} ({person}) heeft een sterke band met het kind of een ouder, maar is nog "
        "niet verkend als mogelijke zorgfiguur.",
        "en": "{name} ({person}) has a strong tie to the child or a parent but has not been "
        "explored as a possible care figure yet.",
    },
    Code.CARE_TABLE_LATE: {
        "nl": "De zorgtafel hoort binnen {hours} uur na de aanmelding van {referred} plaats te "
        "vinden. {detail}",
        "en": "The care table should take place within {hours} hours of the referral on "
        "{referred}. {detail}",
    },
    Code.EVALUATION_OVERDUE: {
        "nl": "De laatste zorgtafel of evaluatie was op {last}, {days} dagen geleden. Het "
        "traject hoort minstens om de {limit} dagen geëvalueerd te worden.",
        "en": "The last care table or evaluation was on {last}, {days} days ago. The "
        "trajectory should be evaluated at least every {limit} days.",
    },
    Code.TERM_EXCEEDED: {
        "nl": "Het traject loopt sinds de aanmelding van {referred} langer dan {months} maanden "
        "(tot {deadline}) en is nog niet afgesloten. {detail}",
        "en": "The trajectory has run for more than {months} months since the referral on "
        "{referred} (until {deadline}) and has not ended. {detail}",
    },
    Code.RESIDENCE_BUDGET_OVER_HALF: {
        "nl": "Van het casusgebonden budget ({total}) gaat {residence} naar verblijf. Dat is "
        "meer dan de helft; hoogstens 50 % mag naar verblijf.",
        "en": "Of the case-bound budget ({total}), {residence} goes to residence. That is more "
        "than half; at most 50% may go to residence.",
    },
}

DETAILS: dict[str, dict[str, str]] = {
    "anchor_not_assessed": {
        "nl": "Er is op {date} geen definitieve beoordeling, en die is nodig voor een "
        "ankerpunt dat geen ouder is.",
        "en": "There is no final assessment on {date}, and an anchor who is not a parent "
        "needs one.",
    },
    "anchor_shortfalls": {
        "nl": "De definitieve beoordeling schiet voor een ankerpunt tekort op: {items}. Nodig "
        "is S op sensitiviteit, veilige haven, toewijding en beschikbaarheid, nergens C, en "
        "geen U op een knock-outitem van volcontinu verblijf.",
        "en": "The final assessment falls short for an anchor on: {items}. An anchor needs S "
        "on sensitivity, safe haven, commitment and availability, no C anywhere, and no U on "
        "a knock-out item of full-time stay.",
    },
    "attestation_none": {
        "nl": "er is geen attestering geregistreerd",
        "en": "no attestation is recorded",
    },
    "attestation_pending": {
        "nl": "de attestering is nog in behandeling",
        "en": "the attestation is still pending",
    },
    "attestation_refused": {
        "nl": "de attestering is geweigerd",
        "en": "the attestation was refused",
    },
    "attestation_later": {
        "nl": "de attestering gaat pas in op {attested}",
        "en": "the attestation only starts on {attested}",
    },
    "child_too_old": {
        "nl": "Het kind is op {date} ouder dan 36 maanden (geboren op {birth}).",
        "en": "On {date} the child is older than 36 months (born on {birth}).",
    },
    "child_expected_far": {
        "nl": "De verwachte geboortedatum, {expected}, ligt {days} dagen na {date}: meer dan "
        "280 dagen.",
        "en": "The expected date of birth, {expected}, is {days} days after {date}: more than "
        "280 days.",
    },
    "care_table_held_late": {
        "nl": "De eerste zorgtafel was pas op {first}, {days} dagen later.",
        "en": "The first care table was only on {first}, {days} days later.",
    },
    "care_table_none": {
        "nl": "Er is nog geen zorgtafel geweest, {days} dagen na de aanmelding.",
        "en": "There has been no care table yet, {days} days after the referral.",
    },
    "term_can_extend": {
        "nl": "Het traject kan één keer met {extension} maanden verlengd worden.",
        "en": "It can be extended once by {extension} months.",
    },
    "term_extended": {
        "nl": "De verlenging is al gebruikt: werk toe naar een stabiele oplossing op lange "
        "termijn.",
        "en": "The extension has already been used: work towards a stable long-term solution.",
    },
}

#: (singular, plural) per severity: Dutch plurals are too irregular to derive.
SEVERITY_WORDS = {
    "nl": {Severity.ERROR: ("fout", "fouten"), Severity.WARNING: ("waarschuwing", "waarschuwingen"),
           Severity.INFO: ("melding", "meldingen")},
    "en": {Severity.ERROR: ("error", "errors"), Severity.WARNING: ("warning", "warnings"),
           Severity.INFO: ("note", "notes")},
}  # fmt: skip
NO_FINDINGS = {"nl": "Geen bevindingen.", "en": "No findings."}
