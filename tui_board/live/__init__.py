"""Live sessions: the protocol, the relay and its journal, the client, and the two backends a
board runs on (live and offline)."""
