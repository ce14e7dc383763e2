"""Moved to collabtrack/formatting.py (issue 10: taxonomy shows figures too, and taxonomy sits below
reports). Kept only so work in progress that still imports `reports.formatting` runs; import
`collabtrack.formatting` instead. To be removed at integration."""

from collabtrack.formatting import ONE_DECIMAL, display, rounded  # noqa: F401
