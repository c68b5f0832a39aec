"""The pure domain core of kinerja_sop.

Nothing in this package imports frappe: the SOP catalogue model, the time
standards of the Mutu Baku and the working-time calendar are plain Python,
tested by plain pytest. The Frappe glue (controllers, install hooks) calls in.
"""
