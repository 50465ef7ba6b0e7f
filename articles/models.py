"""Data model: places (the gazetteer), articles, mentions, actors and claims.

Geometries are GeoJSON in JSON fields (DESIGN decision 1: no GeoDjango); the indexed numeric
columns next to them (point and bbox) serve spatial filtering.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse


class PlaceKind(models.TextChoices):
    POPULATED = "populated", "Populated place"
    ADMIN1 = "admin1", "First-level admin region"
    ADMIN2 = "admin2", "Second-level admin region"
    COUNTRY = "country", "Country"
    SITE = "site", "Site (base, crossing, airport, field, camp…)"
    RIVER = "river", "River"
    LAKE = "lake", "Lake or reservoir"
    SEA = "sea", "Sea or airspace"
    RELATIVE = "relative", "Relative region"
    OTHER = "other", "Other"


class PlaceOrigin(models.TextChoices):
    GEONAMES = "geonames", "GeoNames"
    NATURAL_EARTH = "naturalearth", "Natural Earth"
    CURATED = "curated", "Curated"
    GEOCODER = "geocoder", "Online geocoder"
    DERIVED = "derived", "Derived (relative region)"


class Precision(models.IntegerChoices):
    """UCDP GED where_prec codes."""

    EXACT = 1, "1 exact place"
    NEAR = 2, "2 within ~25 km of a named place"
    ADMIN2 = 3, "3 second-level unit"
    ADMIN1 = 4, "4 first-level unit"
    PART_OF_COUNTRY = 5, "5 part of a country / relative region"
    COUNTRY = 6, "6 whole country"
    SEA = 7, "7 sea or airspace"


class Place(models.Model):
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=PlaceKind.choices, default=PlaceKind.OTHER)
    feature_code = models.CharField(max_length=10, blank=True, help_text="GeoNames feature code")
    country_code = models.CharField(max_length=2, blank=True)
    admin1_code = models.CharField(max_length=20, blank=True)
    admin2_code = models.CharField(max_length=80, blank=True)
    population = models.BigIntegerField(default=0)
    lat = models.FloatField()
    lon = models.FloatField()
    geometry = models.JSONField(null=True, blank=True, help_text="GeoJSON geometry (WGS84)")
    min_lon = models.FloatField(null=True, blank=True)
    min_lat = models.FloatField(null=True, blank=True)
    max_lon = models.FloatField(null=True, blank=True)
    max_lat = models.FloatField(null=True, blank=True)
    origin = models.CharField(max_length=16, choices=PlaceOrigin.choices)
    source_id = models.CharField(
        max_length=120, help_text="Id in the origin: GeoNames id, NE code, site slug, region key"
    )
    geonameid = models.BigIntegerField(null=True, blank=True)
    attribution = models.CharField(max_length=300, blank=True)
    source_note = models.TextField(
        blank=True, help_text="Where the facts about this place come from"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, help_text="Bumped on each curator edit")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["origin", "source_id"], name="place_origin_source_unique"
            )
        ]
        indexes = [
            # bbox filter of the map and exports (point places use lat/lon).
            models.Index(fields=["lat", "lon"], name="place_point_idx"),
            # bbox filter for areas: overlap test on the envelope.
            models.Index(
                fields=["min_lon", "max_lon", "min_lat", "max_lat"], name="place_bbox_idx"
            ),
            # GeoNames id look-ups (evaluation output, merges).
            models.Index(fields=["geonameid"], name="place_geonameid_idx"),
            # admin search by name and "places in this country" lists.
            models.Index(fields=["country_code", "kind"], name="place_country_kind_idx"),
        ]

    def __str__(self) -> str:
        where = f", {self.country_code}" if self.country_code else ""
        return f"{self.name}{where} ({self.get_kind_display()})"

    def set_bbox_from_point(self) -> None:
        """Set the envelope to the point, for places without a geometry."""
        self.min_lon = self.max_lon = self.lon
        self.min_lat = self.max_lat = self.lat


class PlaceName(models.Model):
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=200)
    normalized = models.CharField(max_length=200)
    language = models.CharField(max_length=12, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["place", "normalized"], name="placename_unique")
        ]
        indexes = [
            # gazetteer autocomplete and "which places are called X" in the admin.
            models.Index(fields=["normalized"], name="placename_normalized_idx"),
        ]

    def __str__(self) -> str:
        return self.name


class Article(models.Model):
    url = models.URLField(max_length=1000, unique=True, null=True, blank=True)
    outlet = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=500, blank=True)
    published = models.DateField(null=True, blank=True)
    text = models.TextField()
    language = models.CharField(max_length=12, default="en")
    content_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the text")
    pipeline_version = models.CharField(max_length=40, blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published", "-id"]
        indexes = [
            # date-range filter and the default ordering.
            models.Index(fields=["published"], name="article_published_idx"),
            # outlet filter.
            models.Index(fields=["outlet"], name="article_outlet_idx"),
        ]

    def __str__(self) -> str:
        return self.title or self.url or f"Article {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("articles-detail", args=[self.pk])


class Role(models.TextChoices):
    LITERAL = "literal", "Literal place"
    METONYM = "metonym", "Metonym (stands for an actor)"


class Method(models.TextChoices):
    GAZETTEER = "gazetteer", "Gazetteer"
    RELATIVE = "relative", "Relative region"
    GEOCODER = "geocoder", "Online geocoder"
    CURATOR = "curator", "Curator"


class ReviewStatus(models.TextChoices):
    MACHINE = "machine", "Machine"
    VERIFIED = "verified", "Verified"
    CORRECTED = "corrected", "Corrected"
    REJECTED = "rejected", "Rejected"


# Rows in these states were touched by a curator and survive re-processing (DESIGN decision 5).
CURATED_STATUSES = (ReviewStatus.VERIFIED, ReviewStatus.CORRECTED, ReviewStatus.REJECTED)


class Mention(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.CharField(max_length=300)
    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.SET_NULL, related_name="mentions"
    )
    candidates = models.JSONField(
        default=list, blank=True, help_text="Ranked candidates: [{place_id, name, score}]"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.LITERAL)
    precision = models.PositiveSmallIntegerField(choices=Precision.choices, null=True, blank=True)
    method = models.CharField(max_length=12, choices=Method.choices, default=Method.GAZETTEER)
    review_status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.MACHINE
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["article", "start"]
        indexes = [
            # review queue: machine-made mentions first.
            models.Index(fields=["review_status"], name="mention_review_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.text} [{self.start}:{self.end}]"


class ActorKind(models.TextChoices):
    STATE = "state", "State forces"
    COALITION = "coalition", "Coalition / alliance"
    REBEL = "rebel", "Rebel group"
    MILITIA = "militia", "Political or identity militia"
    JIHADIST = "jihadist", "Jihadist group"
    PMC = "pmc", "Private military company"
    INTERNATIONAL = "international", "International organisation / peacekeepers"
    OTHER = "other", "Other"


class Actor(models.Model):
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=16, choices=ActorKind.choices, default=ActorKind.OTHER)
    country_code = models.CharField(max_length=2, blank=True)
    aliases = models.JSONField(default=list, blank=True, help_text="Other names and abbreviations")
    demonyms = models.JSONField(
        default=list, blank=True, help_text='Phrases such as "American military", "Turkish troops"'
    )
    metonyms = models.JSONField(
        default=list, blank=True, help_text='Places standing for it: "Washington", "the Pentagon"'
    )
    colour = models.CharField(max_length=7, default="#555555")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Relation(models.TextChoices):
    PRESENCE = "presence", "Presence"
    BASE = "base", "Base"
    CONTROL = "control", "Control"
    SUPPORT = "support", "Support"
    DEPLOYMENT = "deployment", "Deployment"
    WITHDRAWAL = "withdrawal", "Withdrawal"
    STRIKE = "strike", "Strike"
    CLASH = "clash", "Clash"
    PATROL = "patrol", "Patrol"


class ClaimStatus(models.TextChoices):
    ASSERTED = "asserted", "Asserted"
    DENIED = "denied", "Denied"
    PLANNED = "planned", "Planned"
    ALLEGED = "alleged", "Alleged"


class ClaimGroup(models.Model):
    """The same claim (actor, relation, place, nearby dates) as made by one or more articles.

    The counts are stored, not computed per request, so that the map query reads them with one
    join at 100k claims; `services.assign_claim_groups` keeps them up to date and the
    `regroup_claims` command rebuilds them all. Rejected claims are never members.
    """

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="claim_groups")
    relation = models.CharField(max_length=12, choices=Relation.choices)
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="claim_groups")
    first_date = models.DateField(null=True, blank=True)
    last_date = models.DateField(null=True, blank=True)
    n_claims = models.PositiveIntegerField(default=0)
    n_articles = models.PositiveIntegerField(default=0, help_text="Distinct articles (sources)")
    n_outlets = models.PositiveIntegerField(default=0)
    # One name a line rather than JSON: the map query reads this column for every claim, and
    # splitting a string costs far less than decoding JSON (~45 ms at 10k claims on SQLite).
    outlets = models.TextField(
        blank=True, help_text="Distinct outlet names, sorted, one a line; the first few only"
    )
    has_asserted = models.BooleanField(default=False)
    has_denied = models.BooleanField(default=False)
    # Stored beside the two flags so that the map query reads one column.
    contested = models.BooleanField(default=False, help_text="Both asserted and denied")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            # regrouping: the groups of one (actor, relation, place) key.
            models.Index(fields=["actor", "relation", "place"], name="claimgroup_key_idx"),
            # admin list filter and "contested claims" views.
            models.Index(fields=["contested"], name="claimgroup_contested_idx"),
        ]

    def __str__(self) -> str:
        mark = ", contested" if self.contested else ""
        return f"{self.actor} {self.relation} at {self.place} ({self.n_articles} sources{mark})"

    @property
    def outlet_names(self) -> list[str]:
        return self.outlets.split("\n") if self.outlets else []


class Claim(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="claims")
    relation = models.CharField(max_length=12, choices=Relation.choices)
    mention = models.ForeignKey(
        Mention, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims"
    )
    second_actor = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.PROTECT, related_name="second_claims"
    )
    claimant = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.ASSERTED
    )
    sentence_start = models.PositiveIntegerField()
    sentence_end = models.PositiveIntegerField()
    # A copy of article.text[sentence_start:sentence_end]: exports and popups need it for
    # thousands of claims without loading whole article texts.
    quote = models.TextField()
    confidence = models.FloatField(default=0.5)
    group = models.ForeignKey(
        ClaimGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims"
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    review_status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.MACHINE
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Copies of mention.place's point and envelope (the point again when the place has none),
    # NULL when the claim has no place: the map's bbox filter and clusters read them without
    # joining mentions and places (~4x faster at 100k claims). Database triggers
    # (articles/claim_location.py) keep them in step with every write to the claim's mention,
    # the mention's place or the place's coordinates (admin, services, bulk updates, merges).
    place_lat = models.FloatField(null=True, blank=True, editable=False)
    place_lon = models.FloatField(null=True, blank=True, editable=False)
    place_min_lon = models.FloatField(null=True, blank=True, editable=False)
    place_min_lat = models.FloatField(null=True, blank=True, editable=False)
    place_max_lon = models.FloatField(null=True, blank=True, editable=False)
    place_max_lat = models.FloatField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-valid_from", "-id"]
        indexes = [
            # map viewport: review status, then the envelope overlap test, then the point the
            # clusters count by, so the default map query reads this index alone. Partial (only
            # claims with a place): queries without that condition, such as the full export,
            # keep claim_review_idx, which visits the table in order (2x faster at 1M claims).
            models.Index(
                fields=[
                    "review_status",
                    "place_min_lon",
                    "place_max_lon",
                    "place_min_lat",
                    "place_max_lat",
                    "place_lat",
                    "place_lon",
                ],
                condition=models.Q(place_lat__isnull=False),
                name="claim_viewport_idx",
            ),
            # map filter by actor and relation.
            models.Index(fields=["actor", "relation"], name="claim_actor_relation_idx"),
            # date-range filter and the time slider.
            models.Index(fields=["valid_from", "valid_to"], name="claim_valid_idx"),
            # the time slider's last date (the map page reads it on every load).
            models.Index(fields=["valid_to"], name="claim_valid_to_idx"),
            # review queue and "verified only" public view.
            models.Index(fields=["review_status"], name="claim_review_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.actor} {self.relation} ({self.get_status_display()})"

    @property
    def place(self) -> Place | None:
        return self.mention.place if self.mention_id and self.mention else None


class GeocoderCacheEntry(models.Model):
    """A persistent answer of an online geocoder, so each query reaches the network once."""

    provider = models.CharField(max_length=40)
    query = models.CharField(max_length=300)
    found = models.BooleanField(default=False)
    name = models.CharField(max_length=300, blank=True)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    bbox = models.JSONField(null=True, blank=True, help_text="[min_lon, min_lat, max_lon, max_lat]")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            # one cached answer per provider and query: the cache look-up.
            models.UniqueConstraint(fields=["provider", "query"], name="geocoder_cache_unique")
        ]

    def __str__(self) -> str:
        return f"{self.provider}: {self.query}"
