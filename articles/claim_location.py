"""Each claim's copy of its place's location (`Claim.place_*`) and the triggers that keep it.

The map's bbox filter and clusters read a claim's point and envelope from the claim row, so
they need no join to mentions and places. Database triggers rather than application code keep
the copy exact: every change to a claim's mention, a mention's place or a place's coordinates
(admin forms, merges, imports, bulk updates, gazetteer reloads, deletions through SET_NULL) is a
write the database sees. SQLite and PostgreSQL each get their twin; the suite runs on both
(tests/test_map_location.py).

The triggers exist only between migrations. On SQLite, Django rebuilds a table for most
AlterField operations (create, copy, drop, rename), and that rename fails while a trigger
elsewhere names the dropped table. So `pre_migrate` drops them before a migration plan runs and
`post_migrate` installs them again and recomputes every claim's copy (apps.py connects both).
"""

from __future__ import annotations

from typing import Any

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

COLUMNS = "place_lat, place_lon, place_min_lon, place_min_lat, place_max_lon, place_max_lat"

# The claim's place: its point, then its envelope or the point again (for a place without an
# envelope). No row (no mention, or a mention without a place) sets every column to NULL, on
# both databases.
LOCATION_VALUES = """
    p.lat, p.lon,
    CASE WHEN p.min_lon IS NULL THEN p.lon ELSE p.min_lon END,
    CASE WHEN p.min_lon IS NULL THEN p.lat ELSE p.min_lat END,
    CASE WHEN p.min_lon IS NULL THEN p.lon ELSE p.max_lon END,
    CASE WHEN p.min_lon IS NULL THEN p.lat ELSE p.max_lat END
"""
LOCATION_FROM = """
    FROM articles_mention m JOIN articles_place p ON p.id = m.place_id WHERE m.id = {mention}
"""
PLACE_COLUMNS = ("lat", "lon", "min_lon", "min_lat", "max_lon", "max_lat")
CLAIMS_OF_PLACE = "mention_id IN (SELECT id FROM articles_mention WHERE place_id = NEW.id)"


def refresh_sql(where: str) -> str:
    """Return the UPDATE that recomputes the location of the claims matching `where`."""
    # Only this module's constant fragments and column names: no user input reaches it.
    source = LOCATION_FROM.format(mention="articles_claim.mention_id")
    location = f"(SELECT {LOCATION_VALUES} {source})"
    return f"UPDATE articles_claim SET ({COLUMNS}) = {location} WHERE {where}"  # noqa: S608


def _place_moved(distinct: str) -> str:
    return " OR ".join(f"OLD.{c} {distinct} NEW.{c}" for c in PLACE_COLUMNS)


SQLITE_TRIGGERS = {
    "articles_claim_location_insert": f"""
        CREATE TRIGGER IF NOT EXISTS articles_claim_location_insert
        AFTER INSERT ON articles_claim FOR EACH ROW
        BEGIN {refresh_sql("id = NEW.id")}; END""",
    # Django's save() writes every column, mention_id included, so a save from a stale copy of
    # a claim fires this too and never leaves an old location behind.
    "articles_claim_location_mention": f"""
        CREATE TRIGGER IF NOT EXISTS articles_claim_location_mention
        AFTER UPDATE OF mention_id ON articles_claim FOR EACH ROW
        BEGIN {refresh_sql("id = NEW.id")}; END""",
    "articles_mention_place_claims": f"""
        CREATE TRIGGER IF NOT EXISTS articles_mention_place_claims
        AFTER UPDATE OF place_id ON articles_mention FOR EACH ROW
        WHEN OLD.place_id IS NOT NEW.place_id
        BEGIN {refresh_sql("mention_id = NEW.id")}; END""",
    "articles_place_location_claims": f"""
        CREATE TRIGGER IF NOT EXISTS articles_place_location_claims
        AFTER UPDATE OF {", ".join(PLACE_COLUMNS)} ON articles_place FOR EACH ROW
        WHEN {_place_moved("IS NOT")}
        BEGIN {refresh_sql(CLAIMS_OF_PLACE)}; END""",
}

# PostgreSQL: trigger name -> (table, function body, trigger definition).
POSTGRESQL_TRIGGERS = {
    # BEFORE: the row is written once, with its location. A save() from a stale copy of a
    # claim names mention_id too, so its location is recomputed then as well.
    "articles_claim_location": (
        "articles_claim",
        f"""SELECT {LOCATION_VALUES}
            INTO NEW.place_lat, NEW.place_lon, NEW.place_min_lon, NEW.place_min_lat,
                NEW.place_max_lon, NEW.place_max_lat
            {LOCATION_FROM.format(mention="NEW.mention_id")};
            RETURN NEW;""",
        "BEFORE INSERT OR UPDATE OF mention_id ON articles_claim FOR EACH ROW",
    ),
    "articles_mention_place_claims": (
        "articles_mention",
        f"""{refresh_sql("mention_id = NEW.id")};
            RETURN NULL;""",
        "AFTER UPDATE OF place_id ON articles_mention FOR EACH ROW"
        " WHEN (OLD.place_id IS DISTINCT FROM NEW.place_id)",
    ),
    "articles_place_location_claims": (
        "articles_place",
        f"""{refresh_sql(CLAIMS_OF_PLACE)};
            RETURN NULL;""",
        f"AFTER UPDATE OF {', '.join(PLACE_COLUMNS)} ON articles_place FOR EACH ROW"
        f" WHEN ({_place_moved('IS DISTINCT FROM')})",
    ),
}


def _has_location_columns(connection: BaseDatabaseWrapper) -> bool:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        if not {"articles_claim", "articles_mention", "articles_place"} <= set(tables):
            return False
        columns = connection.introspection.get_table_description(cursor, "articles_claim")
    return any(column.name == "place_lat" for column in columns)


def installed_triggers(connection: BaseDatabaseWrapper) -> set[str]:
    """Return the names of this module's triggers present in the database."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            wanted = set(SQLITE_TRIGGERS)
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
            wanted = set(POSTGRESQL_TRIGGERS)
        return {name for (name,) in cursor.fetchall()} & wanted


def _check_vendor(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor not in ("sqlite", "postgresql"):
        raise NotImplementedError(f"SQLite and PostgreSQL only, not {connection.vendor}")


def drop_triggers(connection: BaseDatabaseWrapper) -> None:
    """Drop the triggers (the claims' copies then go stale until `install_triggers`)."""
    _check_vendor(connection)
    present = installed_triggers(connection)
    with connection.cursor() as cursor:
        for name in present:
            if connection.vendor == "sqlite":
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            else:
                table = POSTGRESQL_TRIGGERS[name][0]
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
                cursor.execute(f"DROP FUNCTION IF EXISTS {name}()")


def install_triggers(connection: BaseDatabaseWrapper) -> None:
    """Recompute every claim's location, then install the triggers that keep it (idempotent)."""
    _check_vendor(connection)
    with connection.cursor() as cursor:
        cursor.execute(refresh_sql("mention_id IS NOT NULL OR place_lat IS NOT NULL"))
        if connection.vendor == "sqlite":
            for statement in SQLITE_TRIGGERS.values():
                cursor.execute(statement)
            return
        for name, (table, body, definition) in POSTGRESQL_TRIGGERS.items():
            cursor.execute(
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql"
                f" AS $$ BEGIN {body} END $$"
            )
            cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            cursor.execute(f"CREATE TRIGGER {name} {definition} EXECUTE FUNCTION {name}()")


def before_migrate(sender: Any, using: str = "default", plan: Any = None, **kwargs: Any) -> None:
    """pre_migrate: with migrations to run, drop the triggers so that no table rebuild trips."""
    if sender.name != "articles" or not plan:
        return
    connection = connections[using]
    if _has_location_columns(connection):
        drop_triggers(connection)


def after_migrate(sender: Any, using: str = "default", plan: Any = None, **kwargs: Any) -> None:
    """post_migrate (and flush): make sure the triggers are there and the copies right."""
    if sender.name != "articles":
        return
    connection = connections[using]
    if not _has_location_columns(connection):
        return
    expected = SQLITE_TRIGGERS if connection.vendor == "sqlite" else POSTGRESQL_TRIGGERS
    if plan or installed_triggers(connection) != set(expected):
        install_triggers(connection)
