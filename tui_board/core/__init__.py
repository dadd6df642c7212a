"""The core: the session model, the ops and the one set of rules that decides them, views,
phases, texts. Pure: no files, no network, no terminal."""
