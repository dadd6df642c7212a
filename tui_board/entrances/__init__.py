"""The ways into a room besides `join`: SSH, the browser, the plain board for screen readers,
and the words that name them."""
