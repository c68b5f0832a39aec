# Copyright (c) 2026, kinerja_sop developers and Contributors
# See license.txt

from datetime import datetime

import frappe
from frappe.tests.utils import FrappeTestCase

from kinerja_sop.kinerja.doctype.unit_kerja.unit_kerja import (
	DuplicatePositionError,
	InvalidNIPError,
	InvalidOfficeHoursError,
)
from kinerja_sop.tests.factories import make_nip, make_unit, make_user, official


class TestUnitKerja(FrappeTestCase):
	def setUp(self):
		frappe.local.lang = "id"
		self.addCleanup(setattr, frappe.local, "lang", "en")

	def test_unit_with_officials(self):
		unit = make_unit(
			"Kecamatan Sukamaju",
			"KEC.SKM",
			[
				official("Camat", "Drs. H. Asep Saepudin, M.Si.", 1, nip="19700817 199803 1 004"),
				official("Sekretaris", "Rina Marlina, S.Sos.", 2),
				official("Staf", "Ujang Supriatna", 3, nip=None),
			],
		)
		self.assertEqual(unit.name, "Kecamatan Sukamaju")
		self.assertEqual(unit.officials[0].nip, "197008171998031004")

	def test_wrong_nip_length_is_refused_in_indonesian_and_saves_nothing(self):
		with self.assertRaises(InvalidNIPError) as raised:
			make_unit("Kecamatan Salah", "KEC.SLH", [official("Camat", "Budi", 1, nip="1970081719980310")])
		self.assertIn("harus tepat 18 digit", str(raised.exception))
		self.assertFalse(frappe.db.exists("Unit Kerja", "Kecamatan Salah"))

	def test_nip_with_impossible_birth_date_is_refused(self):
		with self.assertRaises(InvalidNIPError) as raised:
			make_unit(
				"Kecamatan Salah", "KEC.SLH", [official("Camat", "Budi", 1, nip=make_nip(birth="19701340"))]
			)
		self.assertIn("tanggal lahir", str(raised.exception))

	def test_camat_needs_an_nip(self):
		with self.assertRaises(InvalidNIPError):
			make_unit("Kecamatan Salah", "KEC.SLH", [official("Camat", "Budi", 1, nip="")])

	def test_two_active_camat_are_refused(self):
		with self.assertRaises(DuplicatePositionError) as raised:
			make_unit("Kecamatan Dua", "KEC.DUA", [official("Camat", "A", 1), official("Camat", "B", 2)])
		self.assertIn("Hanya boleh ada satu Camat aktif", str(raised.exception))
		# A former Camat kept inactive is fine.
		make_unit(
			"Kecamatan Dua", "KEC.DUA", [official("Camat", "A", 1, is_active=0), official("Camat", "B", 2)]
		)

	def test_unit_code_cannot_break_letter_numbers(self):
		with self.assertRaises(frappe.ValidationError) as raised:
			make_unit("Kecamatan Garis", "KEC/GRS")
		self.assertIn("nomor surat", str(raised.exception))

	def test_official_user_gets_role_and_unit_access(self):
		user = make_user("sekcam.sukamaju@example.com")
		unit = make_unit("Kecamatan Akses", "KEC.AKS", [official("Sekretaris", "Siti", 1, user=user)])
		self.assertIn("Sekretaris", frappe.get_roles(user))
		granted = {"user": user, "allow": "Unit Kerja", "for_value": unit.name}
		self.assertTrue(frappe.db.exists("User Permission", granted))

		unit.officials[0].is_active = 0
		unit.save()
		self.assertFalse(frappe.db.exists("User Permission", granted))

	def test_working_calendar_follows_the_units_settings(self):
		unit = make_unit(
			"Kecamatan Jam",
			"KEC.JAM",
			office_hours=[
				{"weekday": day, "start_time": "08:00:00", "end_time": "14:00:00"}
				for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
			],
			days_off=[{"date": "2026-11-30", "description": "Hari jadi kabupaten"}],
		)
		calendar = frappe.get_doc("Unit Kerja", unit.name).get_working_calendar()
		self.assertEqual(calendar.minutes_per_day, 360)
		# Saturday 13:00 + 2 h: 1 h on Saturday, Monday 30 Nov is the unit's day off, 1 h on Tuesday.
		self.assertEqual(
			calendar.add_working_minutes(datetime(2026, 11, 28, 13), 120), datetime(2026, 12, 1, 9)
		)

	def test_office_hours_ending_before_they_start_are_refused(self):
		with self.assertRaises(InvalidOfficeHoursError):
			make_unit(
				"Kecamatan Terbalik",
				"KEC.TBL",
				office_hours=[{"weekday": "Monday", "start_time": "16:00:00", "end_time": "08:00:00"}],
			)
