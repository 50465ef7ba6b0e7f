from django.urls import path

from articles import views

urlpatterns = [
    path("", views.map_view, name="articles-map"),
    path("claims.geojson", views.claims_geojson, name="articles-geojson"),
    path("claims.csv", views.claims_csv, name="articles-csv"),
    path("claims.html", views.claims_html_map, name="articles-html-map"),
    path("articles/<int:pk>/", views.article_detail, name="articles-detail"),
]
