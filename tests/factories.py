"""Plain factory functions for tests: each makes one saved row with sensible defaults.

Keyword arguments override any model field. Unique fields (article URL and content hash, actor
name, place origin/source id) get a counter so that calling a factory twice never collides.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from typing import Any

from articles.models import (
    Actor,
    ActorKind,
    Article,
    Claim,
    ClaimStatus,
    Mention,
    Method,
    Place,
    PlaceKind,
    PlaceOrigin,
    Precision,
    Relation,
    ReviewStatus,
    Role,
)

_counter = itertools.count(1)

DEFAULT_TEXT = "US forces keep a base near Al Tanf, according to Lavrov."


def _next() -> int:
    return next(_counter)


def make_place(**fields: Any) -> Place:
    """Return a saved Place: by default a point site at Al Tanf with its envelope set."""
    n = _next()
    values: dict[str, Any] = {
        "name": "Al Tanf",
        "kind": PlaceKind.SITE,
        "country_code": "SY",
        "lat": 33.506,
        "lon": 38.618,
        "origin": PlaceOrigin.CURATED,
        "source_id": f"test-place-{n}",
    }
    values.update(fields)
    place = Place(**values)
    if place.min_lon is None and place.geometry is None:
        place.set_bbox_from_point()
    place.save()
    return place


def make_article(**fields: Any) -> Article:
    """Return a saved Article with a unique URL and a content hash matching its text."""
    n = _next()
    values: dict[str, Any] = {
        "url": f"https://news.example.org/story-{n}",
        "outlet": "Example Wire",
        "title": f"Test article {n}",
        "published": dt.date(2018, 4, 5),
        "text": DEFAULT_TEXT,
    }
    values.update(fields)
    if "content_hash" not in values:
        # The counter keeps two articles with the same text from colliding on the unique hash.
        digest_input = f"{values['text']}\x00{n}".encode()
        values["content_hash"] = hashlib.sha256(digest_input).hexdigest()
    return Article.objects.create(**values)


def make_mention(**fields: Any) -> Mention:
    """Return a saved Mention; by default "Al Tanf" in a new article, resolved to a new place."""
    values: dict[str, Any] = dict(fields)
    article = values.pop("article", None) or make_article()
    if "place" not in values:
        values["place"] = make_place()
    text = values.pop("text", None)
    if text is None:
        text = "Al Tanf"
    start = values.pop("start", None)
    if start is None:
        found = article.text.find(text)
        start = max(found, 0)
    end = values.pop("end", start + len(text))
    defaults: dict[str, Any] = {
        "role": Role.LITERAL,
        "precision": Precision.NEAR,
        "method": Method.GAZETTEER,
        "review_status": ReviewStatus.MACHINE,
    }
    defaults.update(values)
    return Mention.objects.create(article=article, start=start, end=end, text=text, **defaults)


def make_actor(**fields: Any) -> Actor:
    """Return a saved Actor (a unique "Test force N" state actor by default).

    The test database may already hold the bundled actor lexicon; asking for one of its names
    returns that actor, updated with the other fields given.
    """
    n = _next()
    values: dict[str, Any] = {
        "name": f"Test force {n}",
        "kind": ActorKind.STATE,
        "country_code": "US",
        "colour": "#1f5fbf",
    }
    values.update(fields)
    name = values.pop("name")
    actor, created = Actor.objects.get_or_create(name=name, defaults=values)
    if not created and fields.keys() - {"name"}:
        for key, value in values.items():
            if key in fields:
                setattr(actor, key, value)
        actor.save()
    return actor


def make_claim(**fields: Any) -> Claim:
    """Return a saved Claim: an asserted machine-made "base" claim about a new mention.

    Pass ``mention=None`` for a claim without a place. The article defaults to the mention's.
    """
    values: dict[str, Any] = dict(fields)
    if "mention" in values:
        mention = values.pop("mention")
    else:
        mention = make_mention(article=values["article"]) if "article" in values else make_mention()
    article = values.pop("article", None) or (mention.article if mention else make_article())
    actor = values.pop("actor", None) or make_actor()
    quote = values.pop("quote", None)
    if quote is None:
        quote = article.text
    defaults: dict[str, Any] = {
        "relation": Relation.BASE,
        "claimant": "Lavrov",
        "status": ClaimStatus.ASSERTED,
        "sentence_start": 0,
        "sentence_end": len(quote),
        "confidence": 0.8,
        "valid_from": article.published,
        "valid_to": article.published,
        "review_status": ReviewStatus.MACHINE,
    }
    defaults.update(values)
    return Claim.objects.create(
        article=article, mention=mention, actor=actor, quote=quote, **defaults
    )
