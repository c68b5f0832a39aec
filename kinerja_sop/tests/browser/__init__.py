"""Browser tier: the desk as officials use it, in headless Chromium (run.py)."""
