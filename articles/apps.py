from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The project runs SimpleAdminConfig (no autodiscovery, see settings), so register
        # our ModelAdmins here.
        from django.db.models.signals import post_migrate, pre_migrate

        from articles import admin  # noqa: F401
        from articles.claim_location import after_migrate, before_migrate

        # The triggers keeping each claim's copy of its place's location live between
        # migration runs (see articles/claim_location.py).
        pre_migrate.connect(before_migrate, sender=self)
        post_migrate.connect(after_migrate, sender=self)
