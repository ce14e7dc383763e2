"""Bringing a school's data in (log, circulation) and taking all of it out (school export), under /data/."""
