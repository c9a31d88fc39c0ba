"""Views: what the app and the exports read from a workspace, as tables, passages, maps and files."""
