"""Screens of the social file, one module per part: home list, registration, summary, requests, reports,
timeline and assignment. Each is thin: reads through files.selectors, writes through files.services."""
