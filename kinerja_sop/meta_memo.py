"""What the app works out from a DocType's meta, kept on the meta object itself.

Frappe keeps one meta object per DocType for the request (and builds a new one when
the DocType changes), so a value derived from it is worked out once per request
rather than once per row: a step of a 50-row document asks for each row.
"""


def on_meta(meta, key: str, compute):
	"""`compute(meta)`, worked out once per meta object."""
	attribute = f"_kinerja_{key}"
	value = meta.__dict__.get(attribute)
	if value is None:
		value = compute(meta)
		setattr(meta, attribute, value)
	return value
