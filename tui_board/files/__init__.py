"""Session files: reading, writing and checking the TOML, templates, and merging two versions by
ids."""
