"""An LKjIP is initialled and signed only with its tables complete: the budget spent in
every row of the Realisasi Anggaran, a target for every indicator of the Perjanjian
Kinerja. A refusal says which table lacks what, in Indonesian; 0 spent entered is a
figure, not a gap."""

import frappe
from frappe.model.workflow import apply_workflow

from kinerja_sop.kinerja.sop_document import KelengkapanError
from kinerja_sop.tests.factories import api_post, issue_api_keys
from kinerja_sop.tests.sop_walk import IndonesianTestCase, create_document, make_office
from kinerja_sop.walk import AGREED_TARGETS, act, actor, as_user, current_step, measurement_of_the_year

APPLY = "/api/method/frappe.model.workflow.apply_workflow"
PELAYANAN = "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik"
KETERTIBAN = "Program Koordinasi Ketenteraman dan Ketertiban Umum"
BUDGET = [
	{"program": PELAYANAN, "pagu_anggaran": 80_000_000, "realisasi_anggaran": 72_500_000},
	{"program": KETERTIBAN, "pagu_anggaran": 20_000_000, "realisasi_anggaran": 15_000_000},
]


def lkjip_at_step(office, tahun: int, to_step: int) -> str:
	"""A complete LKjIP of the year taken by its owners to step `to_step`."""
	doc = create_document(
		"Laporan Kinerja",
		office,
		tahun=tahun,
		pengukuran=measurement_of_the_year(office, tahun),
		realisasi_anggaran=BUDGET,
	)
	_sop, plan, step = current_step(doc)
	while step.no < to_step:
		action = plan.transitions_from(doc.workflow_state)[0].action
		doc = act(doc, actor(office, step.role, step), action, office)
		_sop, plan, step = current_step(doc)
	return doc.name


def edit(name: str, user: str, change):
	"""As the step's owner: change the report and save it."""
	with as_user(user):
		doc = frappe.get_doc("Laporan Kinerja", name)
		change(doc)
		doc.save()


def take_step(name: str, user: str):
	"""As `user`: the one forward action of the step the report waits at (paraf or sign)."""
	doc = frappe.get_doc("Laporan Kinerja", name)
	_sop, plan, _step = current_step(doc)
	with as_user(user):
		return apply_workflow(
			frappe.get_doc("Laporan Kinerja", name), plan.transitions_from(doc.workflow_state)[0].action
		)


class TestSigningAnIncompleteLkjip(IndonesianTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.office = make_office("TTD")
		cls.at_sign = lkjip_at_step(cls.office, 2027, 7)
		cls.at_paraf = lkjip_at_step(cls.office, 2027, 6)

	def setUp(self):
		frappe.db.savepoint("lkjip_signing")
		self.addCleanup(frappe.db.rollback, save_point="lkjip_signing")

	def assert_refused(self, name: str, user: str, *expected: str, step: int = 7):
		with self.assertRaises(KelengkapanError) as raised:
			take_step(name, user)
		for text in expected:
			self.assertIn(text, str(raised.exception))
		stored = frappe.db.get_value(
			"Laporan Kinerja", name, ["current_step", "docstatus", "signed_by", "paraf_by"], as_dict=True
		)
		self.assertEqual((stored.current_step, stored.docstatus, stored.signed_by), (step, 0, None))
		return str(raised.exception)

	def test_an_empty_budget_table_is_refused(self):
		edit(self.at_sign, self.office.camat, lambda doc: doc.set("realisasi_anggaran", []))
		message = self.assert_refused(
			self.at_sign,
			self.office.camat,
			"Langkah 7",
			"tabel Realisasi Anggaran masih kosong",
		)
		self.assertNotIn("Perjanjian Kinerja", message)  # the agreement is complete: not named

	def test_a_row_without_budget_spent_is_named(self):
		def forget_spending(doc):
			doc.realisasi_anggaran[1].realisasi_anggaran = None

		edit(self.at_sign, self.office.camat, forget_spending)
		message = self.assert_refused(
			self.at_sign,
			self.office.camat,
			f"realisasi anggaran belum diisi pada tabel Realisasi Anggaran, baris 2 ({KETERTIBAN})",
		)
		self.assertNotIn(PELAYANAN, message)

	def test_an_indicator_without_an_agreed_target_is_named(self):
		indicator = next(iter(AGREED_TARGETS))
		master = frappe.get_doc("Indikator Kinerja", indicator)
		master.set("targets", [row for row in master.targets if row.tahun != 2027])
		master.save()
		self.addCleanup(frappe.clear_document_cache, "Indikator Kinerja", indicator)  # after the rollback
		message = self.assert_refused(
			self.at_sign,
			self.office.camat,
			"target tahun 2027 pada Perjanjian Kinerja belum ditetapkan untuk",
		)
		self.assertIn(indicator, message)
		self.assertNotIn("Realisasi Anggaran", message)

	def test_nothing_spent_entered_as_zero_is_signed(self):
		def nothing_spent(doc):
			doc.realisasi_anggaran[1].realisasi_anggaran = 0

		edit(self.at_sign, self.office.camat, nothing_spent)
		signed = take_step(self.at_sign, self.office.camat)
		self.assertEqual((signed.docstatus, signed.signed_by), (1, self.office.camat))
		stored = frappe.get_doc("Laporan Kinerja", self.at_sign)
		self.assertEqual(stored.realisasi_anggaran[1].realisasi_anggaran, 0)
		self.assertEqual(stored.realisasi_anggaran[1].serapan_anggaran, 0)

	def test_a_complete_report_is_signed(self):
		signed = take_step(self.at_sign, self.office.camat)
		self.assertEqual((signed.docstatus, signed.signed_by, signed.current_step), (1, self.office.camat, 8))

	def test_the_sekretaris_does_not_initial_an_incomplete_report(self):
		edit(self.at_paraf, self.office.sekretaris, lambda doc: doc.set("realisasi_anggaran", []))
		self.assert_refused(
			self.at_paraf,
			self.office.sekretaris,
			"Langkah 6",
			"tabel Realisasi Anggaran masih kosong",
			step=6,
		)
		self.assertIsNone(frappe.db.get_value("Laporan Kinerja", self.at_paraf, "paraf_by"))

	def test_the_form_shows_what_the_step_still_lacks(self):
		with as_user(self.office.camat):
			complete = frappe.get_doc("Laporan Kinerja", self.at_sign)
			complete.run_method("onload")
			self.assertEqual(complete.get_onload().kelengkapan_missing, [])
		edit(self.at_sign, self.office.camat, lambda doc: doc.set("realisasi_anggaran", []))
		with as_user(self.office.camat):
			doc = frappe.get_doc("Laporan Kinerja", self.at_sign)
			doc.run_method("onload")
			self.assertEqual(
				doc.get_onload().kelengkapan_missing,
				["tabel Realisasi Anggaran masih kosong: isi setiap program dengan realisasi anggarannya"],
			)


class TestSigningOverREST(IndonesianTestCase):
	"""The requests run on a connection of their own: this class commits its data and removes it."""

	YEAR = 2041

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		remove_fixtures(cls.YEAR)
		cls.office = make_office("TTDR")
		cls.report = lkjip_at_step(cls.office, cls.YEAR, 7)
		edit(cls.report, cls.office.camat, lambda doc: doc.set("realisasi_anggaran", []))
		cls.camat = issue_api_keys(cls.office.camat)
		frappe.db.commit()  # nosemgrep: the REST requests use their own connection
		cls.addClassCleanup(remove_fixtures, cls.YEAR)

	def test_signing_with_an_empty_budget_table_is_refused_and_nothing_changes(self):
		doc = frappe.get_doc("Laporan Kinerja", self.report)
		_sop, plan, _step = current_step(doc)
		sign = plan.transitions_from(doc.workflow_state)[0].action
		response = api_post(self.camat, APPLY, {"doc": doc.as_json(), "action": sign})
		self.assertEqual(response.status_code, 417, response.text)
		self.assertEqual(response.json["exc_type"], "KelengkapanError")
		self.assertIn("tabel Realisasi Anggaran masih kosong", response.text)
		frappe.db.rollback()
		stored = frappe.db.get_value(
			"Laporan Kinerja", self.report, ["current_step", "docstatus", "signed_by"], as_dict=True
		)
		self.assertEqual((stored.current_step, stored.docstatus, stored.signed_by), (7, 0, None))


def remove_fixtures(year: int):
	frappe.set_user("Administrator")
	unit = "Kecamatan Uji TTDR"
	for doctype in ("Laporan Kinerja", "Pengukuran Kinerja"):
		for name in frappe.get_all(doctype, filters={"unit_kerja": unit}, pluck="name"):
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
	for indicator in AGREED_TARGETS:
		master = frappe.get_doc("Indikator Kinerja", indicator)
		if any(row.tahun == year for row in master.targets):
			master.set("targets", [row for row in master.targets if row.tahun != year])
			master.save(ignore_permissions=True)
	if frappe.db.exists("Unit Kerja", unit):
		frappe.delete_doc("Unit Kerja", unit, force=True, ignore_permissions=True)
	for user in frappe.get_all("User", filters={"name": ("like", "%.ttdr@example.com")}, pluck="name"):
		frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	frappe.db.commit()  # nosemgrep: undo what setUpClass committed
