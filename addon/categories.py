"""The interview categories and the tag scheme, defined once.

The deck generator and the add-on both import this module, so a deck built from Markdown and the add-on that reads
the collection can never disagree about what `interview::<category>::<topic>` means. It imports nothing from Anki.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TAG_ROOT = "interview"
SEPARATOR = "::"
RETIRED_TAG = f"{TAG_ROOT}{SEPARATOR}retired"
# `interview::parked::<category>::<topic>`: a topic tag set aside while the user keeps the note in another category
# (or in none). It counts for no category, and "By rules" puts it back, so a topic is never lost to a manual choice.
PARKED_ROOT = f"{TAG_ROOT}{SEPARATOR}parked"


@dataclass(frozen=True)
class Category:
    key: str  # the folder name and the tag segment: `system-design`
    title: str  # the deck name segment: `System Design`
    id_prefix: str  # the prefix of note ids in our content: `sd`
    description: str


CATEGORIES: tuple[Category, ...] = (
    Category("algorithms", "Algorithms", "alg", "Algorithmic coding rounds: data structures, patterns, problems."),
    Category(
        "system-design", "System Design", "sd", "System-design rounds: trade-offs, numbers, building blocks, prompts."
    ),
    Category("ml-concepts", "ML Concepts", "mlc", "Core machine-learning theory, models, metrics and LLM essentials."),
    Category(
        "ml-design", "ML Design", "mld", "ML system design: search, ranking, recommendations, serving, monitoring."
    ),
)

CATEGORY_KEYS: tuple[str, ...] = tuple(category.key for category in CATEGORIES)
_BY_KEY = {category.key: category for category in CATEGORIES}

_SEGMENT = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def get(key: str) -> Category:
    """The category with this key; `KeyError` for an unknown one."""
    return _BY_KEY[key]


def is_category(key: str) -> bool:
    return key in _BY_KEY


def slug(text: str) -> str:
    """A tag segment for free text, lower case with hyphens: `Dynamic Programming` -> `dynamic-programming`."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def category_tag(category: str) -> str:
    """`interview::<category>` for a known category key."""
    get(category)
    return f"{TAG_ROOT}{SEPARATOR}{category}"


def topic_tag(category: str, *topics: str) -> str:
    """`interview::<category>::<topic>[::<subtopic>...]`; each topic segment must already be a slug."""
    for topic in topics:
        if not _SEGMENT.fullmatch(topic):
            raise ValueError(f"not a tag segment: {topic!r}")
    return SEPARATOR.join((category_tag(category), *topics))


def category_of_tag(tag: str) -> str | None:
    """The category key a tag belongs to, or None when the tag is outside the scheme."""
    parts = tag.split(SEPARATOR)
    if len(parts) >= 2 and parts[0].lower() == TAG_ROOT and parts[1].lower() in _BY_KEY:
        return parts[1].lower()
    return None


def is_managed_tag(tag: str) -> bool:
    """True for tags under `interview::`, the only tags the add-on may add or remove."""
    return tag.lower() == TAG_ROOT or tag.lower().startswith(TAG_ROOT + SEPARATOR)
