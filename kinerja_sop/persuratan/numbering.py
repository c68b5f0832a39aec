"""Drawing register numbers: letter numbers and agenda numbers.

The counters live in Frappe's own `tabSeries` (keys `SK:<unit>:<year>`,
`SM:<unit>:<year>`, which no naming series can take). The database row lock
is the lock, as in Frappe's naming series: the number is drawn inside the
registering transaction, so registrations of one unit and year queue on the
row, a registration that fails gives its number back with the rollback, and no
number is ever skipped or given twice.
"""

import frappe
from frappe.utils import cint


def draw_number(key: str) -> int:
	"""The next number of counter `key`, in the current transaction.

	One upsert both creates a missing counter and locks an existing one.
	Frappe's getseries reads first (SELECT ... FOR UPDATE), and two
	transactions creating the same new counter at once can deadlock there.
	"""
	frappe.db.sql(
		"""insert into `tabSeries` (`name`, `current`) values (%s, 1)
		on duplicate key update `current` = `current` + 1""",
		(key,),
	)
	return cint(frappe.db.sql("select `current` from `tabSeries` where `name` = %s", (key,))[0][0])


def delete_counters(prefixes: tuple[str, ...]):
	for prefix in prefixes:
		frappe.db.sql("delete from `tabSeries` where `name` like %s", (f"{prefix}:%",))
