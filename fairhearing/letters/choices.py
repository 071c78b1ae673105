"""Code lists for letters: which letter, and for whom."""

from django.db import models


class LetterKind(models.TextChoices):
    """The letters the complaints procedure needs, in the order a case meets them."""

    ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement"
    EXTENSION_NOTICE = "extension_notice", "Extension notice"
    STAGE_ONE_RESPONSE = "stage_one_response", "Stage 1 response"
    STAGE_TWO_INVITATION = "stage_two_invitation", "Stage 2 invitation"
    ADJUDICATION = "adjudication", "Stage 2 adjudication"
    PANEL_INVITATION = "panel_invitation", "Review panel invitation"
    COUNCIL_RESPONSE = "council_response", "Council's response to the review panel"


class Audience(models.TextChoices):
    """Who the letter is written for. Every kind has both versions."""

    STANDARD = "standard", "Standard"
    CHILD_FRIENDLY = "child_friendly", "Child-friendly"


# When each letter is sent: shown as a hint when choosing which letter to create.
KIND_HINTS = {
    LetterKind.ACKNOWLEDGEMENT: "Confirms the complaint was received, the points and when to expect a reply.",
    LetterKind.EXTENSION_NOTICE: "Tells the complainant a stage needs more time, why, and the new date.",
    LetterKind.STAGE_ONE_RESPONSE: "The Stage 1 findings on each point, remedies and how to ask for Stage 2.",
    LetterKind.STAGE_TWO_INVITATION: "Explains Stage 2 and invites the complainant to ask for it.",
    LetterKind.ADJUDICATION: "The senior manager's Stage 2 decision on each point, and how to ask for a panel.",
    LetterKind.PANEL_INVITATION: "Invites the complainant to the Stage 3 review panel.",
    LetterKind.COUNCIL_RESPONSE: "The council's response to the panel's report, with Ombudsman signposting.",
}

AUDIENCE_HINTS = {
    Audience.STANDARD: "For parents, carers, advocates, professionals and older young people.",
    Audience.CHILD_FRIENDLY: "Short and simple, for a child or young person who complained themselves.",
}

# The stage each letter is about. None: the stage most recently extended (or else the open stage).
KIND_STAGE: dict[str, int | None] = {
    LetterKind.ACKNOWLEDGEMENT: 1,
    LetterKind.EXTENSION_NOTICE: None,
    LetterKind.STAGE_ONE_RESPONSE: 1,
    LetterKind.STAGE_TWO_INVITATION: 1,  # sent after the Stage 1 response, about asking for Stage 2
    LetterKind.ADJUDICATION: 2,
    LetterKind.PANEL_INVITATION: 3,
    LetterKind.COUNCIL_RESPONSE: 3,
}


def letter_title(kind: str, audience: str) -> str:
    """'Acknowledgement letter' or 'Acknowledgement letter (child-friendly)'."""
    title = f"{LetterKind(kind).label} letter"
    return f"{title} (child-friendly)" if audience == Audience.CHILD_FRIENDLY else title
