"""The `tussenruimte` command: one module per group of commands."""
