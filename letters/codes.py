"""A letter's code (identifiant) as read back: from its QR code by the documents intake, or typed by a clerk
from the characters printed under it."""

from letters.rendering import CODE_ALPHABET, CODE_LENGTH


def is_letter_code(text: str) -> bool:
    return len(text) == CODE_LENGTH and all(char in CODE_ALPHABET for char in text)


def normalise_code(typed: str) -> str:
    """The code as printed under the QR code, however typed: any case, spaces or dashes between groups.
    No letter is changed for another: the alphabet has no look-alikes left to confuse."""
    return "".join(typed.split()).replace("-", "").upper()
