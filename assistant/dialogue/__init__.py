"""The conversation: typed state, routing, the manager and the skills that answer a turn."""
