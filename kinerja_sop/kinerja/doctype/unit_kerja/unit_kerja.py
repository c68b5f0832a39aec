# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

import re

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.permissions import add_user_permission
from frappe.utils import get_time, getdate

from kinerja_sop.domain.catalogue import CAMAT, KASUBAG_EVAPOR, KASUBAG_UMUM, SEKRETARIS
from kinerja_sop.domain.letter_number import DEFAULT_FORMAT, LetterNumberFormatError, parse_format
from kinerja_sop.domain.officials import NipError, parse_nip
from kinerja_sop.domain.working_time import (
	DEFAULT_OFFICE_HOURS,
	CalendarError,
	WorkingCalendar,
	office_hours_from_rows,
)
from kinerja_sop.integrations.erpnext import push_unit
from kinerja_sop.integrity import ClientInputGuard

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Positions held by one person at a time; any number of Staf.
# What an official's user gets when they have not chosen their own (the unit's zone where it is set).
OFFICIALS_LANGUAGE = "id"
DEFAULT_TIME_ZONE = "Asia/Jakarta"

SINGLE_HOLDER_POSITIONS = (CAMAT, SEKRETARIS, KASUBAG_EVAPOR, KASUBAG_UMUM)
# The unit code becomes one segment of a letter number, between slashes.
UNIT_CODE_PATTERN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9.\-]*[A-Za-z0-9])?$")
# The letterhead logo: an uploaded image file of this site, nothing that could leave
# the src attribute of the kop surat (quotes, brackets, spaces) or point elsewhere.
LOGO_URL_PATTERN = re.compile(
	r"^/(?:private/)?files/[^\"'<>`\\\x00-\x1f?#]+\.(?:png|jpe?g|gif|svg|webp)$", re.IGNORECASE
)


class InvalidNIPError(frappe.ValidationError):
	pass


class DuplicatePositionError(frappe.ValidationError):
	pass


class InvalidOfficeHoursError(frappe.ValidationError):
	pass


class InvalidLogoError(frappe.ValidationError):
	pass


class UnitKerja(ClientInputGuard, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from kinerja_sop.kinerja.doctype.hari_libur_unit.hari_libur_unit import HariLiburUnit
		from kinerja_sop.kinerja.doctype.jam_kerja_unit.jam_kerja_unit import JamKerjaUnit
		from kinerja_sop.kinerja.doctype.pejabat_unit_kerja.pejabat_unit_kerja import PejabatUnitKerja

		address: DF.SmallText | None
		days_off: DF.Table[HariLiburUnit]
		email: DF.Data | None
		letter_number_format: DF.Data
		logo: DF.AttachImage | None
		observe_national_holidays: DF.Check
		office_hours: DF.Table[JamKerjaUnit]
		officials: DF.Table[PejabatUnitKerja]
		phone: DF.Data | None
		postal_code: DF.Data | None
		province: DF.Data | None
		regency_city: DF.Data
		time_zone: DF.Literal["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"]
		unit_code: DF.Data
		unit_name: DF.Data
		website: DF.Data | None
	# end: auto-generated types

	def validate(self):
		self.validate_unit_code()
		self.validate_unit_code_kept_once_numbered()
		self.validate_letter_number_format()
		self.validate_officials()
		self.validate_single_holder_positions()
		self.validate_office_hours()
		self.validate_logo()

	def on_update(self):
		self.grant_official_access()
		self.revoke_removed_official_access()
		push_unit(self)  # to ERPNext, when it is installed and chosen as the target

	def on_trash(self):
		granted = {"allow": self.doctype, "for_value": self.name}
		users = frappe.get_all("User Permission", filters=granted, pluck="user", distinct=True)
		frappe.db.delete("User Permission", granted)
		for user in users:  # Frappe caches each user's permissions: no grant of a deleted unit stays
			frappe.cache.hdel("user_permissions", user)

	def validate_unit_code(self):
		self.unit_code = (self.unit_code or "").strip()
		if not UNIT_CODE_PATTERN.match(self.unit_code):
			frappe.throw(
				_(
					"Unit Code {0} may contain only letters, digits, dots and hyphens, because it becomes part of letter numbers."
				).format(frappe.bold(self.unit_code)),
				title=_("Invalid Unit Code"),
			)

	def validate_unit_code_kept_once_numbered(self):
		"""The letter counter is keyed on the unit code: a new code would restart the numbering."""
		before = self.get_doc_before_save()
		if not before or before.unit_code == self.unit_code:
			return
		if frappe.db.exists("Surat Keluar", {"unit_kerja": self.name, "docstatus": ("in", (1, 2))}):
			frappe.throw(
				_("Unit Code {0} already numbers registered letters and cannot be changed.").format(
					frappe.bold(before.unit_code)
				),
				title=_("Invalid Unit Code"),
			)

	def validate_letter_number_format(self):
		self.letter_number_format = (self.letter_number_format or DEFAULT_FORMAT).strip()
		try:
			parse_format(self.letter_number_format)
		except LetterNumberFormatError as error:
			frappe.throw(
				_("The letter number format {0} is not valid ({1}). Example: {2}").format(
					frappe.bold(self.letter_number_format), error.detail or error.kind, DEFAULT_FORMAT
				),
				title=_("Letter Number Format"),
			)

	def validate_logo(self):
		"""The logo printed in every letterhead must be an image file uploaded to this site."""
		if not self.logo:
			return
		if not (
			isinstance(self.logo, str)
			and LOGO_URL_PATTERN.match(self.logo)
			and frappe.db.exists("File", {"file_url": self.logo, "is_folder": 0})
		):
			frappe.throw(
				_(
					"The logo {0} is not an image file uploaded to this site. Upload the logo with the Attach button."
				).format(frappe.bold(str(self.logo)[:140])),
				exc=InvalidLogoError,
				title=_("Invalid Logo"),
			)

	def validate_officials(self):
		for row in self.officials:
			if not row.nip:
				if row.sop_role in SINGLE_HOLDER_POSITIONS:
					frappe.throw(
						_("Row {0}: {1} {2} needs an NIP.").format(
							row.idx, row.sop_role, frappe.bold(row.full_name)
						),
						exc=InvalidNIPError,
						title=_("Invalid NIP"),
					)
				continue
			try:
				row.nip = parse_nip(row.nip).value
			except NipError as error:
				frappe.throw(nip_error_message(error, row), exc=InvalidNIPError, title=_("Invalid NIP"))

	def validate_single_holder_positions(self):
		for position in SINGLE_HOLDER_POSITIONS:
			rows = [row.idx for row in self.officials if row.is_active and row.sop_role == position]
			if len(rows) > 1:
				frappe.throw(
					_("Only one active {0} can be recorded for a unit, but rows {1} are.").format(
						position, ", ".join(str(i) for i in rows)
					),
					exc=DuplicatePositionError,
					title=_("Duplicate Position"),
				)

	def validate_office_hours(self):
		for row in self.office_hours:
			if get_time(row.start_time) >= get_time(row.end_time):
				frappe.throw(
					_("Office hours row {0}: {1} must end after it starts.").format(row.idx, _(row.weekday)),
					exc=InvalidOfficeHoursError,
				)
		try:
			self.get_working_calendar()
		except CalendarError:
			frappe.throw(
				_("Office hours overlap, or no weekday has office hours."), exc=InvalidOfficeHoursError
			)

	def get_working_calendar(self) -> WorkingCalendar:
		if self.office_hours:
			hours = office_hours_from_rows(
				(WEEKDAYS.index(row.weekday), get_time(row.start_time), get_time(row.end_time))
				for row in self.office_hours
			)
		else:
			hours = DEFAULT_OFFICE_HOURS
		return WorkingCalendar(
			hours=hours,
			extra_days_off=frozenset(getdate(row.date) for row in self.days_off),
			national_holidays=bool(self.observe_national_holidays),
		)

	def get_active_officials(self) -> list:
		return [row for row in self.officials if row.is_active]

	def grant_official_access(self):
		"""Each active official with a User holds the position's role and may act in this unit,
		and reads the desk in Indonesian and in the unit's time zone unless they chose otherwise."""
		for row in self.get_active_officials():
			if not row.user:
				continue
			user = frappe.get_doc("User", row.user)
			user.flags.ignore_permissions = True
			changed = self.set_official_desk(user)
			if row.sop_role not in {r.role for r in user.roles}:
				user.add_roles(row.sop_role)  # saves the user
			elif changed:
				user.save()
			add_user_permission(self.doctype, self.name, row.user, ignore_permissions=True)

	def set_official_desk(self, user) -> bool:
		"""Fill the official's language and time zone where the user has none of their own
		(the site's language stays the administrator's choice)."""
		wanted = {"language": OFFICIALS_LANGUAGE, "time_zone": self.time_zone or DEFAULT_TIME_ZONE}
		missing = {field: value for field, value in wanted.items() if not user.get(field)}
		user.update(missing)
		return bool(missing)

	def revoke_removed_official_access(self):
		before = self.get_doc_before_save()
		if not before:
			return
		still_here = {row.user for row in self.get_active_officials() if row.user}
		for row in before.get_active_officials():
			if row.user and row.user not in still_here:
				frappe.db.delete(
					"User Permission", {"user": row.user, "allow": self.doctype, "for_value": self.name}
				)
				frappe.cache.hdel("user_permissions", row.user)


def nip_error_message(error: NipError, row) -> str:
	messages = {
		"digits": _("Row {0}: NIP {1} of {2} may contain only digits."),
		"length": _("Row {0}: NIP {1} of {2} must have exactly 18 digits."),
		"birth_date": _("Row {0}: NIP {1} of {2} does not start with a valid birth date (YYYYMMDD)."),
		"appointment": _("Row {0}: NIP {1} of {2} does not hold a valid CPNS appointment year and month."),
		"gender": _("Row {0}: the 15th digit of NIP {1} of {2} must be 1 (male) or 2 (female)."),
	}
	return messages[error.kind].format(row.idx, frappe.bold(error.nip), row.full_name)
