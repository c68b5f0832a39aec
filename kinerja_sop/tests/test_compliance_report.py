"""The SOP compliance report (Kepatuhan SOP) over real step logs, scoped to the user's unit."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_months, getdate

from kinerja_sop.kinerja.report.kepatuhan_sop.kepatuhan_sop import GROUPINGS, execute, get_data
from kinerja_sop.tests.sop_walk import create_document, make_office
from kinerja_sop.walk import as_user, walk_to_end


class TestComplianceReport(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.office, cls.other = make_office("KP"), make_office("KPB")
		cls.renja, _actors = walk_to_end(create_document("Renja", cls.office), cls.office)
		year = getdate().year
		cls.period = {"from_date": f"{year}-01-01", "to_date": f"{year}-12-31"}

	def test_counts_each_step_done_and_its_timeliness(self):
		with as_user(self.office.camat):
			_columns, rows, _message, chart = execute({**self.period, "group_by": "Langkah"})
		renja = [row for row in rows if row.parenttype == "Renja"]
		self.assertEqual([row.step_no for row in renja], list(range(1, 13)))
		self.assertTrue(all(row.steps == 1 for row in renja))
		for row in renja:
			late = frappe.db.get_value(
				"Log Langkah SOP", {"parent": self.renja.name, "step_no": row.step_no}, "is_late"
			)
			self.assertEqual(row.on_time, 1 - late)
			self.assertEqual(row.compliance, 100.0 * (1 - late))
		self.assertEqual(len(chart["data"]["labels"]), len(rows))

	def test_grouped_by_role(self):
		with as_user(self.office.camat):
			_columns, rows, *_ = execute({**self.period, "group_by": "Peran"})
		by_role = {row.role: row.steps for row in rows}
		self.assertEqual(by_role["Camat"], 3)  # orders, signs, disposes
		self.assertEqual(sum(by_role.values()), 12)

	def test_another_units_user_sees_none_of_it(self):
		with as_user(self.other.camat):
			_columns, rows, *_ = execute(self.period)
			self.assertEqual(rows, [])
			_columns, rows, *_ = execute({**self.period, "unit_kerja": self.office.unit})
			self.assertEqual(rows, [])

	def test_the_summary_and_the_log_give_the_same_answer(self):
		"""Whole months come from the monthly summary or from the log alone, as the report
		chooses: both ways answer the same, for a unit's user and for the administrator, over
		whole months and over a period cut mid-month (partial months read from the log)."""
		today = getdate()
		mid_month = {
			"from_date": str(add_months(today, -2).replace(day=15)),
			"to_date": str(today),
		}
		for user in (self.office.camat, "Administrator"):
			for period in (self.period, mid_month):
				for group_by, grouping in GROUPINGS.items():
					filters = frappe._dict(period, group_by=group_by)
					with as_user(user):
						from_summary = get_data(filters, grouping, "summary")
						from_log = get_data(filters, grouping, "log")
						reported = execute(filters)[1]
					self.assertTrue(from_log, f"{user} {period} {group_by}")
					self.assertEqual(from_summary, from_log, f"{user} {period} {group_by}")
					self.assertEqual(reported, from_log, f"{user} {period} {group_by}")
