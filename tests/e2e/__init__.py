"""End-to-end tests: a real server and a client written from the wire contract."""
