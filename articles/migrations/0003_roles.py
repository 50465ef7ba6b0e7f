"""Create the two curation roles: Curators edit, Viewers read the admin without changing it."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ("place", "placename", "article", "mention", "actor", "claim")


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(
        content_type__app_label="articles", content_type__model__in=MODELS
    )
    curators, _ = Group.objects.get_or_create(name="Curators")
    curators.permissions.set(perms.exclude(codename__startswith="delete_article"))
    viewers, _ = Group.objects.get_or_create(name="Viewers")
    viewers.permissions.set(perms.filter(codename__startswith="view_"))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Curators", "Viewers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_geocoder_cache"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
