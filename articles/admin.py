"""Admin registrations (being written)."""
