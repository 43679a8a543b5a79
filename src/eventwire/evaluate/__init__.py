"""Evaluations run against ../shared/data by ``eventwire eval ...`` (never by the tests)."""
