"""Claim extraction: which armed actor is where, doing what, according to whom (ORM-free)."""

from articles.claims.extract import extract_claims
from articles.claims.lexicon import ActorLexicon, load_bundled_lexicon, read_bundled_actors
from articles.claims.triggers import ACLED_TYPES, acled_type
from articles.claims.types import RELATIONS, STATUSES, ActorEntry, ActorMention, ExtractedClaim

__all__ = [
    "ACLED_TYPES",
    "RELATIONS",
    "STATUSES",
    "ActorEntry",
    "ActorLexicon",
    "ActorMention",
    "ExtractedClaim",
    "acled_type",
    "extract_claims",
    "load_bundled_lexicon",
    "read_bundled_actors",
]
