"""After the session: reports, diffs, the history over many sessions, and the archive in git."""
