"""The admin is the curation tool: review what the machine found, fix it, approve it."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, IntegerField, Model, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html

from articles import services
from articles.models import (
    Actor,
    Article,
    Claim,
    Mention,
    Place,
    PlaceName,
    PlaceOrigin,
    ReviewStatus,
)
from articles.queries import nearest_places


def edit_token(obj: Model) -> str:
    """Return the marker of the stored version an edit form was opened on."""
    version = getattr(obj, "version", "")
    return f"{obj.updated_at.isoformat()}/{version}"  # type: ignore[attr-defined]


class StaleEditForm(forms.ModelForm):
    """Refuse to save an edit made on a copy that someone else changed meanwhile.

    The form carries the version it was opened on; saving compares it with the stored row
    (locked for the rest of the admin's transaction) and refuses with a clear message instead
    of silently overwriting the other curator's change.
    """

    edit_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["edit_token"].initial = edit_token(self.instance)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            model = type(self.instance)
            current = model.objects.select_for_update().filter(pk=self.instance.pk).first()
            if current is None:
                raise forms.ValidationError("This record was deleted after you opened it.")
            if cleaned.get("edit_token") != edit_token(current):
                who = getattr(current, "changed_by", None)
                by = f" by {who}" if who else ""
                raise forms.ValidationError(
                    f"Someone else changed this record{by} at "
                    f"{current.updated_at:%Y-%m-%d %H:%M:%S} UTC after you opened it. Your "
                    "changes were not saved: reload the page to see the current version, then "
                    "apply your edit again.",
                    code="stale",
                )
        return cleaned


class PlaceMapWidget(forms.Textarea):
    """A GeoJSON textarea with a Leaflet map to move the point and draw the area (no GDAL)."""

    template_name = "admin/articles/place_map_widget.html"

    class Media:
        css = {
            "all": [
                "leaflet/leaflet.css",
                "leaflet/draw/leaflet.draw.css",
                "articles/admin/place_map.css",
            ]
        }
        js = ["leaflet/leaflet.js", "leaflet/draw/leaflet.draw.js", "articles/admin/place_map.js"]

    def __init__(self, attrs=None) -> None:
        super().__init__({"rows": 3, "class": "conflictmap-geometry-input", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["basemap_url"] = static("basemap/countries.geojson")
        return context

    def format_value(self, value):
        # The JSON form field hands over text already; keep "null" out of an empty input.
        return "" if value in (None, "null") else super().format_value(value)


class PlaceAdminForm(StaleEditForm):
    class Meta:
        model = Place
        fields = (
            "name",
            "kind",
            "feature_code",
            "country_code",
            "admin1_code",
            "admin2_code",
            "population",
            "lat",
            "lon",
            "geometry",
            "source_note",
        )
        widgets = {"geometry": PlaceMapWidget}

    def clean_geometry(self):
        geometry = self.cleaned_data.get("geometry")
        if geometry in (None, "", {}):
            return None
        try:
            shape = validate_geometry(geometry)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc
        self.bounds = shape.bounds
        return geometry


def validate_geometry(geometry: object):
    """Return the shapely shape of a GeoJSON geometry, or raise ValueError saying what is wrong."""
    from shapely.geometry import shape
    from shapely.validation import explain_validity

    if not isinstance(geometry, dict) or geometry.get("type") not in (
        "Polygon",
        "MultiPolygon",
        "LineString",
        "MultiLineString",
        "GeometryCollection",
    ):
        raise ValueError("The area must be a GeoJSON Polygon, MultiPolygon or line.")
    try:
        geom = shape(geometry)
    except (ValueError, TypeError, AttributeError, IndexError, KeyError) as exc:
        raise ValueError(f"The area is not readable GeoJSON: {exc}") from exc
    if geom.is_empty:
        raise ValueError("The area is empty.")
    if not geom.is_valid:
        raise ValueError(f"The area is not a valid geometry: {explain_validity(geom)}.")
    min_lon, min_lat, max_lon, max_lat = geom.bounds
    if min_lon < -180 or max_lon > 180 or min_lat < -90 or max_lat > 90:
        raise ValueError("The area has coordinates outside longitude -180..180 / latitude -90..90.")
    return geom


class PlaceNameInline(admin.TabularInline):
    model = PlaceName
    extra = 1
    fields = ("name", "language")


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "kind",
        "feature_code",
        "country_code",
        "admin1_code",
        "population",
        "lat",
        "lon",
        "origin",
    )
    list_filter = ("kind", "origin", "country_code")
    search_fields = ("name", "=source_id", "=geonameid", "names__normalized")
    readonly_fields = (
        "origin",
        "source_id",
        "geonameid",
        "attribution",
        "created_at",
        "updated_at",
        "version",
    )
    inlines = [PlaceNameInline]
    form = PlaceAdminForm
    actions = ["merge_places"]
    show_full_result_count = False

    def get_readonly_fields(self, request: HttpRequest, obj: Place | None = None):
        fields = list(super().get_readonly_fields(request, obj))
        # bbox columns follow the point or the drawn area; they are set on save.
        return [*fields, "min_lon", "min_lat", "max_lon", "max_lat"]

    def get_urls(self):
        nearest = self.admin_site.admin_view(self.nearest_view)
        return [path("nearest/", nearest, name="articles_place_nearest"), *super().get_urls()]

    def nearest_view(self, request: HttpRequest) -> JsonResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            lat = float(request.GET["lat"])
            lon = float(request.GET["lon"])
        except (KeyError, ValueError):
            return JsonResponse({"error": "lat and lon must be numbers"}, status=400)
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return JsonResponse({"error": "lat/lon out of range"}, status=400)
        places = [
            {
                "id": place.pk,
                "label": str(place),
                "lat": place.lat,
                "lon": place.lon,
                "distance_km": round(km, 1),
            }
            for place, km in nearest_places(lat, lon)
        ]
        return JsonResponse({"places": places})

    @admin.action(
        description="Merge selected places into one (mentions follow)", permissions=["change"]
    )
    def merge_places(self, request: HttpRequest, queryset: QuerySet[Place]) -> None:
        places = list(queryset.annotate(mention_count=Count("mentions")))
        if len(places) < 2:
            self.message_user(request, "Select at least two places to merge.", messages.WARNING)
            return
        # Keep the place most mentions already point to; on a tie, the oldest record.
        keep = max(places, key=lambda p: (p.mention_count, -p.pk))
        merged = services.merge_places(keep, [p for p in places if p.pk != keep.pk])
        self.log_change(request, keep, f"Merged {merged} duplicate places into this one.")
        self.message_user(
            request, f"Merged {merged} places into {keep}.", messages.SUCCESS
        )  # COUNT(*) over the whole gazetteer on every page is slow

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str):
        from articles.geoparse.normalize import normalize_name

        return super().get_search_results(
            request, queryset, normalize_name(search_term) or search_term
        )

    def save_model(self, request: HttpRequest, obj: Place, form, change: bool) -> None:
        if change:
            # A curator's version is never overwritten by a gazetteer reload (see gazetteer_load).
            obj.version += 1
        else:
            obj.origin = PlaceOrigin.CURATED
            obj.source_id = f"curated-{uuid.uuid4().hex[:12]}"
            obj.attribution = obj.attribution or "Conflictmap curated"
        bounds = getattr(form, "bounds", None)
        if obj.geometry and bounds:
            obj.min_lon, obj.min_lat, obj.max_lon, obj.max_lat = bounds
        else:
            obj.set_bbox_from_point()
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        from articles.geoparse.normalize import normalize_name

        super().save_related(request, form, formsets, change)
        place = form.instance
        # The main name is always a name of the place, so the matcher finds it.
        PlaceName.objects.get_or_create(
            place=place, normalized=normalize_name(place.name), defaults={"name": place.name}
        )

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        from articles.geoparse.normalize import normalize_name

        names = formset.save(commit=False)
        for name in names:
            name.normalized = normalize_name(name.name)
            name.save()
        for name in formset.deleted_objects:
            name.delete()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files if item]


class ArticleUploadForm(forms.Form):
    files = MultipleFileField(
        help_text=".txt (with a Title:/URL:/Outlet:/Published: header), .html, .json or .jsonl"
    )


class MentionInline(admin.TabularInline):
    model = Mention
    extra = 0
    fields = ("start", "end", "text", "place", "role", "precision", "method", "review_status")
    raw_id_fields = ("place",)
    show_change_link = True


class ClaimInline(admin.TabularInline):
    model = Claim
    fk_name = "article"
    extra = 0
    fields = ("actor", "relation", "mention", "second_actor", "claimant", "status", "review_status")
    raw_id_fields = ("mention",)
    show_change_link = True


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "outlet", "published", "processed_at", "pipeline_version", "view_link")
    list_filter = ("outlet", "language", "pipeline_version")
    search_fields = ("title", "url", "outlet")
    date_hierarchy = "published"
    readonly_fields = ("content_hash", "pipeline_version", "processed_at", "created_at")
    inlines = [MentionInline, ClaimInline]
    actions = ["reprocess"]
    change_list_template = "admin/articles/article/change_list.html"

    def get_urls(self):
        upload = self.admin_site.admin_view(self.upload_view)
        return [path("upload/", upload, name="articles_article_upload"), *super().get_urls()]

    def upload_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ArticleUploadForm(request.POST or None, request.FILES or None)
        status = 200
        if request.method == "POST":
            if form.is_valid():
                summary = services.ingest_uploads(
                    (upload.name, upload.read()) for upload in form.cleaned_data["files"]
                )
                for error in summary.errors:
                    self.message_user(request, f"Skipped {error}", messages.ERROR)
                self.message_user(
                    request,
                    f"{summary.created} articles added ({summary.claims} claims), "
                    f"{summary.unchanged} already present, {summary.failed} files failed.",
                    messages.SUCCESS if summary.created or summary.unchanged else messages.WARNING,
                )
                return redirect("admin:articles_article_changelist")
            status = 422
        context = {
            **self.admin_site.each_context(request),
            "title": "Upload articles",
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(
            request, "admin/articles/article/upload.html", context, status=status
        )

    @admin.display(description="page")
    def view_link(self, obj: Article) -> str:
        return format_html('<a href="{}">view</a>', obj.get_absolute_url())

    @admin.action(
        description="Re-process selected articles (curated rows stay)", permissions=["change"]
    )
    def reprocess(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        count = services.reprocess_articles(queryset)
        self.message_user(request, f"Re-processed {count} articles.", messages.SUCCESS)


class ReviewActionsMixin:
    """Bulk verify and reject for the review queue; the acting user is recorded."""

    actions = ["mark_verified", "mark_rejected"]

    form = StaleEditForm

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # The review queue: what no curator has looked at comes first.
        return (
            super()  # type: ignore[misc]
            .get_queryset(request)
            .annotate(
                review_rank=Case(
                    When(review_status=ReviewStatus.MACHINE, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
            .order_by("review_rank", "-id")
        )

    def _set_review(self, request: HttpRequest, queryset: QuerySet, status: str) -> int:
        count = 0
        for obj in queryset:
            obj.review_status = status
            obj.changed_by = request.user
            obj.save(update_fields=["review_status", "changed_by", "updated_at"])
            # Bulk review shows up in each object's history like a form edit.
            self.log_change(request, obj, f"Review status set to {status}.")  # type: ignore[attr-defined]
            count += 1
        if queryset.model is Claim:
            # A rejected claim leaves its group; a verified one may rejoin it.
            services.assign_claim_groups(queryset)
        return count

    @admin.action(description="Mark selected as verified", permissions=["change"])
    def mark_verified(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = self._set_review(request, queryset, ReviewStatus.VERIFIED)
        self.message_user(request, f"{count} marked verified.", messages.SUCCESS)  # type: ignore[attr-defined]

    @admin.action(description="Mark selected as rejected", permissions=["change"])
    def mark_rejected(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = self._set_review(request, queryset, ReviewStatus.REJECTED)
        self.message_user(request, f"{count} marked rejected.", messages.SUCCESS)  # type: ignore[attr-defined]


@admin.register(Mention)
class MentionAdmin(ReviewActionsMixin, admin.ModelAdmin):
    list_display = ("text", "article", "place", "role", "precision", "method", "review_status")
    list_filter = ("review_status", "role", "precision", "method")
    list_select_related = ("article", "place")
    search_fields = ("text", "article__title")
    raw_id_fields = ("article",)
    autocomplete_fields = ("place",)
    readonly_fields = ("pick_on_map", "candidate_list", "changed_by", "updated_at")

    class Media:
        css = {"all": ["leaflet/leaflet.css", "articles/admin/place_map.css"]}
        js = ["leaflet/leaflet.js", "articles/admin/place_map.js"]

    @admin.display(description="pick on the map")
    def pick_on_map(self, obj: Mention) -> str:
        place = obj.place if obj.pk else None
        return format_html(
            '<div class="conflictmap-admin-map" id="mention-map" data-mention-map '
            'data-lat="{}" data-lon="{}" data-nearest-url="{}" data-basemap-url="{}"></div>'
            '<p class="help">Click the map to list the nearest gazetteer places, then pick '
            'one to set the place above.</p><ul class="conflictmap-choices" '
            'id="mention-map-choices"></ul>',
            place.lat if place else "",
            place.lon if place else "",
            reverse("admin:articles_place_nearest"),
            static("basemap/countries.geojson"),
        )

    @admin.display(description="candidates")
    def candidate_list(self, obj: Mention) -> str:
        rows = [
            format_html("<li>{} (score {})</li>", c.get("name", "?"), c.get("score", "?"))
            for c in (obj.candidates or [])
            if isinstance(c, dict)
        ]
        return format_html("<ol>{}</ol>", format_html("".join(rows))) if rows else "—"

    def save_model(self, request: HttpRequest, obj: Mention, form, change: bool) -> None:
        if change and form.changed_data and obj.review_status == ReviewStatus.MACHINE:
            obj.review_status = ReviewStatus.CORRECTED
        obj.changed_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Claim)
class ClaimAdmin(ReviewActionsMixin, admin.ModelAdmin):
    list_display = (
        "actor",
        "relation",
        "place_name",
        "claimant",
        "status",
        "review_status",
        "valid_from",
        "sources",
        "article_link",
    )
    list_filter = (
        "review_status",
        "status",
        "relation",
        ("group__contested", admin.BooleanFieldListFilter),
        "actor",
    )
    list_select_related = ("actor", "article", "mention__place", "group")
    search_fields = ("quote", "claimant", "actor__name", "article__title")
    raw_id_fields = ("article", "mention")
    autocomplete_fields = ("actor", "second_actor")
    # The group is computed (services.assign_claim_groups), never picked from a list.
    readonly_fields = ("changed_by", "created_at", "updated_at", "group")

    @admin.display(description="place")
    def place_name(self, obj: Claim) -> str:
        return obj.mention.place.name if obj.mention and obj.mention.place else "—"

    @admin.display(description="sources", ordering="group__n_articles")
    def sources(self, obj: Claim) -> str:
        if obj.group is None:
            return "—"
        return (
            f"{obj.group.n_articles}, contested"
            if obj.group.contested
            else str(obj.group.n_articles)
        )

    @admin.display(description="article")
    def article_link(self, obj: Claim) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:articles_article_change", args=[obj.article_id]),
            str(obj.article)[:60],
        )

    def save_model(self, request: HttpRequest, obj: Claim, form, change: bool) -> None:
        if change and form.changed_data and obj.review_status == ReviewStatus.MACHINE:
            obj.review_status = ReviewStatus.CORRECTED
        obj.changed_by = request.user
        former_group = Claim.objects.filter(pk=obj.pk).values_list("group_id", flat=True).first()
        super().save_model(request, obj, form, change)
        services.assign_claim_groups(Claim.objects.filter(pk=obj.pk), former_groups=[former_group])


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "country_code", "colour")
    list_filter = ("kind",)
    search_fields = ("name",)
