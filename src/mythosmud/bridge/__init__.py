"""Message buses: the one interface for what crosses processes, in memory or over NATS."""
