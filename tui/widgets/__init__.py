"""Widgets and small screens shared by every screen of the app."""
