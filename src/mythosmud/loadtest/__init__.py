"""The load tester that ships with the server: `mythosmud loadtest --help`.

Its modules are imported where they are used, so that `mythosmud serve` (whose parser lists
the loadtest options) does not load the client's HTTP stack.
"""
