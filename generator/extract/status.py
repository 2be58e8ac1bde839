"""What an event does to an agreement it concerns: signed, delayed, rejected, endorsed, violated.

The status is read off the event's verb, so the history on an agreement's page says in one
word what each step was, and the sentence quoted beside it says the rest.
"""

from __future__ import annotations

_STATUS = {
    "signed": "sign conclude seal ink initial",
    "agreed": "agree reach strike",
    "announced": "announce unveil disclose",
    "negotiated": "negotiate discuss broker mediate",
    "approved": "approve endorse support back ratify adopt welcome accept",
    "in force": "implement enforce apply",
    "completed": "complete close finalize finalise",
    "delayed": "delay postpone defer stall",
    "suspended": "suspend freeze halt",
    "rejected": "reject refuse oppose block veto dismiss",
    "violated": "violate breach break flout",
    "undermined": "undermine threaten jeopardize jeopardise endanger",
    "ended": "end terminate cancel scrap abandon collapse withdraw quit",
    "extended": "extend renew expand",
}
_STATUS_OF = {verb: status for status, verbs in _STATUS.items() for verb in verbs.split()}


def status_of(verb: str, negated: bool = False, modality: str = "happened") -> str | None:
    """The status an event with this verb gives an agreement; "not signed" when negated;
    "to be ratified" when only planned or required ("must still ratify"): pending, not done."""
    status = _STATUS_OF.get(verb)
    if status is None:
        return None
    if negated or modality == "negated":
        return f"not {status}"
    if modality == "planned":
        return f"{_ACTION.get(verb) or _PENDING.get(status, status)} pending"
    if modality == "claimed":
        return f"{status} (claimed)"
    return status


# What a planned step awaits, as a reader says it: "ratification pending".
_PENDING = {"signed": "signature", "agreed": "agreement", "announced": "announcement",
            "negotiated": "negotiation", "approved": "approval", "in force": "entry into force",
            "completed": "completion", "delayed": "delay", "suspended": "suspension",
            "rejected": "rejection", "violated": "violation", "undermined": "undermining",
            "ended": "end", "extended": "extension"}
_ACTION = {"ratify": "ratification", "sign": "signature", "approve": "approval", "adopt": "adoption",
           "implement": "implementation", "renew": "renewal", "extend": "extension",
           "conclude": "conclusion", "finalize": "finalisation", "finalise": "finalisation"}
