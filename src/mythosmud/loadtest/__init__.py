"""The load tester that ships with the server: `mythosmud loadtest --help`."""

from mythosmud.loadtest.report import Report
from mythosmud.loadtest.runner import LoadConfig, run_load

__all__ = ["LoadConfig", "Report", "run_load"]
