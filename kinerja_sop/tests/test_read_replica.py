"""The read-heavy paths read from the MariaDB read replica when the site has one.

Kepatuhan SOP, Buku Agenda Surat Keluar and the Kinerja workspace's number cards
and chart sources are marked `frappe.read_only()`. Without a replica they answer
from the site's own database as before; with one (`read_from_replica`,
`replica_host`) they read through a connection of their own. As Frappe's own
test of replicas does, the "replica" here is the same server: a connection of
its own cannot see what this test has written and not committed, which shows
the path went through it.
"""

from contextlib import contextmanager
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from kinerja_sop.kinerja import dashboard
from kinerja_sop.kinerja.report.kepatuhan_sop import kepatuhan_sop
from kinerja_sop.persuratan.report.buku_agenda_surat_keluar import buku_agenda_surat_keluar
from kinerja_sop.tests.sop_walk import create_document, make_office
from kinerja_sop.walk import as_user, walk_to_end


@contextmanager
def replica_on_the_same_server():
	settings = {"read_from_replica": 1, "replica_host": frappe.conf.db_host or "127.0.0.1"}
	with patch.dict(frappe.local.conf, settings):
		yield


def on_replica(fn, *args, **kwargs):
	"""Call a read-only path with the replica configured; Frappe keeps the swapped
	connections on frappe.local, so forget them for the next call to switch again."""
	primary = frappe.db
	with replica_on_the_same_server():
		try:
			return fn(*args, **kwargs)
		finally:
			for attr in ("replica_db", "primary_db"):
				if hasattr(frappe.local, attr):
					delattr(frappe.local, attr)
			assert frappe.db is primary, "the primary connection is back after the read"


class TestReadOnlyPaths(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.office = make_office("RO")
		cls.renja, _actors = walk_to_end(create_document("Renja", cls.office), cls.office)
		year = getdate().year
		cls.period = {"from_date": f"{year}-01-01", "to_date": f"{year}-12-31", "unit_kerja": cls.office.unit}

	def test_without_a_replica_they_answer_from_the_sites_database(self):
		self.assertFalse(frappe.conf.read_from_replica)
		with as_user(self.office.camat):
			_columns, rows, *_ = kepatuhan_sop.execute({**self.period, "group_by": "Langkah"})
			self.assertEqual(
				[(row.parenttype, row.step_no, row.steps) for row in rows],
				[("Renja", n, 1) for n in range(1, 13)],
			)

			_columns, letters = buku_agenda_surat_keluar.execute(self.period)
			self.assertEqual([letter.name for letter in letters], [self.renja.surat_keluar])
			self.assertEqual(letters[0].nomor_surat, self.renja.nomor_surat)
			self.assertEqual(letters[0].diterima, "2/2")

			unit = frappe.as_json({"unit_kerja": self.office.unit})
			by_state = dashboard.documents_by_state(unit)
			renja = by_state["labels"].index("Renja")
			completed = by_state["datasets"][2]  # in progress, overdue, completed, cancelled
			self.assertEqual(completed["values"][renja], 1)
			self.assertEqual(dashboard.documents_in_progress(unit)["value"], 0)
			self.assertEqual(dashboard.overdue_steps(unit)["value"], 0)
			# An empty chart is an empty answer: Frappe's widget then says there is no data.
			self.assertEqual(dashboard.overdue_steps_by_role(unit), {})
			self.assertEqual(dashboard.waiting_for_me()["fieldtype"], "Int")
			self.assertEqual(dashboard.iku_achievement_by_year(unit), {})

	def test_with_a_replica_they_read_through_its_connection(self):
		# Positive control: the primary sees the walk this test has not committed.
		with as_user(self.office.camat):
			self.assertTrue(kepatuhan_sop.execute(self.period)[1])
			self.assertTrue(buku_agenda_surat_keluar.execute(self.period)[1])
			unit = frappe.as_json({"unit_kerja": self.office.unit})
			self.assertEqual(sum(sum(d["values"]) for d in dashboard.documents_by_state(unit)["datasets"]), 1)

			# The replica's connection does not see it: each path read there.
			self.assertEqual(on_replica(kepatuhan_sop.execute, self.period)[1], [])
			self.assertEqual(on_replica(buku_agenda_surat_keluar.execute, self.period)[1], [])
			by_state = on_replica(dashboard.documents_by_state, unit)
			self.assertEqual(by_state, {})  # nothing on the replica: the empty answer
			for card in (dashboard.overdue_steps, dashboard.documents_in_progress):
				self.assertEqual(on_replica(card, unit)["value"], 0)
			self.assertEqual(on_replica(dashboard.overdue_steps_by_role, unit), {})
			self.assertEqual(on_replica(dashboard.iku_achievement_by_year, unit), {})

			# And the site's own connection is back, with the uncommitted walk in it.
			self.assertTrue(kepatuhan_sop.execute(self.period)[1])

	def test_every_figure_of_the_workspace_is_marked(self):
		"""A figure added later must be marked too: each whitelisted function of the dashboard module."""
		figures = [
			getattr(dashboard, name)
			for name in dir(dashboard)
			if callable(getattr(dashboard, name)) and getattr(dashboard, name) in frappe.whitelisted
		]
		self.assertEqual(len(figures), 10)  # 3 cards, 4 queues (to check, paraf, sign, send), 3 charts
		unit = frappe.as_json({"unit_kerja": self.office.unit})
		with as_user(self.office.camat):
			for figure in figures:
				with patch.object(frappe, "connect_replica", return_value=False) as connect:
					with replica_on_the_same_server():
						figure(unit)
				self.assertEqual(connect.call_count, 1, figure.__name__)
