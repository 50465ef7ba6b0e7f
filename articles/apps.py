from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The project runs SimpleAdminConfig (no autodiscovery, see settings), so register
        # our ModelAdmins here.
        from articles import admin  # noqa: F401
