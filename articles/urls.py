from django.urls import path

from articles import views

urlpatterns = [
    path("", views.map_view, name="articles-map"),
    path("claims.geojson", views.claims_geojson, name="articles-geojson"),
    path("articles/<int:pk>/", views.article_detail, name="articles-detail"),
]
