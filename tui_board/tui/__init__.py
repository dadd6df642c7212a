"""The board on a terminal (Textual): the app, its widgets, screens and actions, and the keys."""
