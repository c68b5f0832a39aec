"""Officials from a SIASN export, applied to the Unit Kerja officials tables.

The plan is computed on the Unit Kerja documents in memory: the preview shows
it, the import saves exactly what it changed. Keyed on the NIP; a row's unit
comes from the administrator's Pemetaan Unor SIASN. What an administrator owns
is never overwritten: the User link, and a position role they chose (the import
moves a row's role only while the row still holds the role the import gave it).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import frappe
from frappe import _

from kinerja_sop.domain.siasn import (
	Official,
	ParsedRow,
	RowError,
	SiasnFileError,
	clean,
	parse_csv,
	parse_rows,
)
from kinerja_sop.kinerja.doctype.unit_kerja.unit_kerja import SINGLE_HOLDER_POSITIONS

UNIT_DOCTYPE = "Unit Kerja"
MAPPING_DOCTYPE = "Pemetaan Unor SIASN"
# What the export decides about a row of Pejabat Unit Kerja (role and user are the administrator's).
FROM_SIASN = ("full_name", "pangkat_golongan", "position_title", "acting", "pns_id")

NEW, UPDATED, UNCHANGED, MOVED, DEACTIVATED, SKIPPED, ERROR = (
	"new",
	"updated",
	"unchanged",
	"moved",
	"deactivated",
	"skipped",
	"error",
)


class SiasnImportError(frappe.ValidationError):
	pass


@dataclass
class Entry:
	"""One line of the preview."""

	action: str
	line: int | None
	nip: str
	name: str = ""
	unit: str = ""
	details: list[str] = field(default_factory=list)

	def as_dict(self) -> dict:
		return {
			"action": self.action,
			"line": self.line,
			"nip": self.nip,
			"name": self.name,
			"unit": self.unit,
			"details": self.details,
		}


@dataclass
class Plan:
	entries: list[Entry]
	units: dict[str, "frappe.Document"]
	changed_units: set[str]
	total_rows: int

	def count(self, action: str) -> int:
		return sum(1 for e in self.entries if e.action == action)

	@property
	def has_errors(self) -> bool:
		return any(e.action == ERROR for e in self.entries)


# ---- reading the file ----


def read_export(file_url: str) -> list[ParsedRow]:
	"""The attached file's rows, parsed; SiasnImportError when the file itself is unusable."""
	file = frappe.get_doc("File", {"file_url": file_url})
	content = file.get_content()
	if isinstance(content, str):
		content = content.encode()
	try:
		if (file.file_name or file_url).lower().endswith(".xlsx"):
			from frappe.utils.xlsxutils import read_xlsx_file_from_attached_file

			return parse_rows(read_xlsx_file_from_attached_file(fcontent=content))
		return parse_csv(content)
	except SiasnFileError as error:
		frappe.throw(file_error_message(error), exc=SiasnImportError, title=_("SIASN Export"))
	except (ValueError, OSError, KeyError) as error:  # a corrupt XLSX, a binary file
		frappe.throw(
			_("The file cannot be read as a SIASN export (CSV or XLSX): {0}").format(error),
			exc=SiasnImportError,
			title=_("SIASN Export"),
		)


def file_error_message(error: SiasnFileError) -> str:
	if error.kind == "columns":
		return _("The file lacks the SIASN columns: {0}.").format(error.detail)
	return _("The file has no rows of officials.")


def row_error_message(error: RowError) -> str:
	nip_messages = {
		"digits": _("NIP {0} may contain only digits."),
		"length": _("NIP {0} must have exactly 18 digits."),
		"birth_date": _("NIP {0} does not start with a valid birth date (YYYYMMDD)."),
		"appointment": _("NIP {0} does not hold a valid CPNS appointment year and month."),
		"gender": _("The 15th digit of NIP {0} must be 1 (male) or 2 (female)."),
	}
	if error.kind == "nip":
		return nip_messages[error.detail].format(error.value)
	messages = {
		"required": _("{0} is empty."),
		"date": _("{0} {1} is not a date in the form dd-mm-yyyy."),
		"birth_date_mismatch": _("{0} {1} does not match the birth date in NIP {2}."),
		"golongan": _("{0} {1} is not a golongan (11 to 45, or I/a to IV/e)."),
		"golongan_mismatch": _("gol_akhir_id and gol_akhir_nama disagree ({1})."),
		"gender": _("{0} {1} is not M/F or L/P."),
		"nip_duplicate": _("NIP {1} already appears on row {2}."),
	}
	return messages[error.kind].format(error.column, error.value, error.detail)


# ---- the unit mapping ----


def load_unor_mapping() -> tuple[dict[str, str], dict[str, str]]:
	"""unor_id -> Unit Kerja, and unor_nama (lower case) -> Unit Kerja."""
	by_id, by_name = {}, {}
	for row in frappe.get_all(MAPPING_DOCTYPE, fields=["unor_id", "unor_nama", "unit_kerja"]):
		by_id[row.unor_id] = row.unit_kerja
		if row.unor_nama:
			by_name[" ".join(row.unor_nama.split()).lower()] = row.unit_kerja
	return by_id, by_name


def normalise_unor_id(value: str | None) -> str:
	return clean(value) or ""


# ---- the plan ----


def plan_import(
	parsed: list[ParsedRow], deactivate_missing: bool, progress: Callable[[int, int], None] | None = None
) -> Plan:
	by_id, by_name = load_unor_mapping()
	officials = [row.official for row in parsed if row.official]
	target = {
		o.nip: by_id.get(o.unor_id) or by_name.get(o.unor_nama.lower())
		for o in officials
		if by_id.get(o.unor_id) or by_name.get(o.unor_nama.lower())
	}
	units = load_units(set(target.values()), set(target))
	index = index_officials(units)
	plan = Plan(entries=[], units=units, changed_units=set(), total_rows=len(parsed))

	if deactivate_missing:
		deactivate_absent(plan, target)

	for done, row in enumerate(parsed, start=1):
		if row.errors:
			plan.entries.append(
				Entry(ERROR, row.line, row.nip, details=[row_error_message(e) for e in row.errors])
			)
		elif row.official.nip not in target:
			o = row.official
			plan.entries.append(
				Entry(
					SKIPPED,
					row.line,
					o.nip,
					o.full_name,
					details=[
						_("Unor {0} ({1}) is not mapped to a Unit Kerja.").format(o.unor_nama, o.unor_id)
					],
				)
			)
		else:
			apply_official(plan, index, row.official, target[row.official.nip])
		if progress and done % 250 == 0:
			progress(done, len(parsed))
	return plan


def load_units(target_units: set[str], nips: set[str]) -> dict[str, "frappe.Document"]:
	"""The units the file maps to, and those where its NIPs are recorded today."""
	holding = set()
	nip_list = list(nips)
	for start in range(0, len(nip_list), 1000):
		holding.update(
			frappe.get_all(
				"Pejabat Unit Kerja",
				filters={"parenttype": UNIT_DOCTYPE, "nip": ("in", nip_list[start : start + 1000])},
				pluck="parent",
				distinct=True,
			)
		)
	return {name: frappe.get_doc(UNIT_DOCTYPE, name) for name in sorted(target_units | holding)}


def index_officials(units: dict) -> dict[str, list]:
	index: dict[str, list] = {}
	for unit in units.values():
		for row in unit.officials:
			if row.nip:
				index.setdefault(row.nip, []).append(row)
	return index


def deactivate_absent(plan: Plan, target: dict[str, str]):
	"""An official of a unit the file covers, absent from the whole file, has left the unit."""
	covered = set(target.values())
	for unit_name in sorted(covered):
		unit = plan.units[unit_name]
		for row in unit.officials:
			if row.nip and row.is_active and row.nip not in target:
				row.is_active = 0
				plan.changed_units.add(unit_name)
				plan.entries.append(
					Entry(
						DEACTIVATED,
						None,
						row.nip,
						row.full_name,
						unit_name,
						[_("Not in the file: no longer active in the unit.")],
					)
				)


def apply_official(plan: Plan, index: dict, official: Official, unit_name: str):
	unit = plan.units[unit_name]
	rows = index.get(official.nip, [])
	here = sorted((r for r in rows if r.parent == unit_name), key=lambda r: not r.is_active)
	entry = Entry(UNCHANGED, official.line, official.nip, official.full_name, unit_name)
	if here:
		changes, notes = update_row(unit, here[0], official)
		entry.details = changes + notes
		if changes:
			entry.action = UPDATED
	else:
		elsewhere = [r for r in rows if r.parent != unit_name]
		entry.action = MOVED if elsewhere else NEW
		entry.details = add_row(unit, official, elsewhere, index)
		for old in elsewhere:
			if old.is_active:
				old.is_active = 0
				plan.changed_units.add(old.parent)
				entry.details.append(_("No longer active in {0}.").format(old.parent))
	if entry.action != UNCHANGED:
		plan.changed_units.add(unit_name)
	plan.entries.append(entry)


def siasn_values(official: Official) -> dict:
	return {
		"full_name": official.full_name,
		"pangkat_golongan": official.pangkat_golongan,
		"position_title": official.position_title,
		"acting": official.acting or "",
		"pns_id": official.pns_id,
	}


def update_row(unit, row, official: Official) -> tuple[list[str], list[str]]:
	"""Bring a row in line with the export: what changed, and what could not, in words."""
	changes, notes = [], []
	labels = field_labels()
	for fieldname, value in siasn_values(official).items():
		if fieldname == "pangkat_golongan" and not value:
			continue  # the export has no golongan for this row: keep what the unit has
		if (row.get(fieldname) or "") != (value or ""):
			changes.append(
				_("{0}: {1} → {2}").format(labels[fieldname], row.get(fieldname) or "–", value or "–")
			)
			row.set(fieldname, value)
	for step in (follow_suggested_role, reactivate):
		changed, note = step(unit, row, official)
		changes += changed
		notes += note
	return changes, notes


def follow_suggested_role(unit, row, official: Official) -> tuple[list[str], list[str]]:
	"""The role moves with the position only while it is still the one the import gave."""
	suggested = official.suggested_role
	if not row.siasn_role or row.sop_role != row.siasn_role or suggested == row.sop_role:
		return [], []
	if suggested in SINGLE_HOLDER_POSITIONS and position_held(unit, suggested, row):
		return [], [
			_(
				"The position suggests {0}, but the unit already has an active {0}: the role stays {1}."
			).format(suggested, row.sop_role)
		]
	change = _("{0}: {1} → {2}").format(_("Position Role"), row.sop_role, suggested)
	row.sop_role = row.siasn_role = suggested
	return [change], []


def reactivate(unit, row, official: Official) -> tuple[list[str], list[str]]:
	"""Someone the export places in the unit works there: an inactive row becomes active when it can."""
	if row.is_active:
		return [], []
	if row.sop_role in SINGLE_HOLDER_POSITIONS and position_held(unit, row.sop_role, row):
		return [], [_("Stays inactive: the unit already has an active {0}.").format(row.sop_role)]
	row.is_active = 1
	return [_("Active again in the unit.")], []


def add_row(unit, official: Official, elsewhere: list, index: dict) -> list[str]:
	role, details = official.suggested_role, []
	active = 1
	if role in SINGLE_HOLDER_POSITIONS and position_held(unit, role, None):
		active = 0
		details.append(
			_(
				"The unit already has an active {0}: added as inactive, to be activated by an administrator."
			).format(role)
		)
	user = next((r.user for r in elsewhere if r.user), None)
	row = unit.append(
		"officials",
		{
			**siasn_values(official),
			"nip": official.nip,
			"sop_role": role,
			"siasn_role": role,
			"is_active": active,
			"user": user,
		},
	)
	index.setdefault(official.nip, []).append(row)
	details.insert(0, _("{0} as {1}").format(official.position_title, role))
	return details


def position_held(unit, role: str, except_row) -> bool:
	return any(r.is_active and r.sop_role == role and r is not except_row for r in unit.officials)


def field_labels() -> dict[str, str]:
	meta = frappe.get_meta("Pejabat Unit Kerja")
	return {f: _(meta.get_label(f)) for f in FROM_SIASN}


# ---- writing ----


def save_plan(plan: Plan, progress: Callable[[int, int], None] | None = None):
	"""Save every changed unit; the caller holds the transaction (all or nothing)."""
	changed = sorted(plan.changed_units)
	for done, unit_name in enumerate(changed, start=1):
		plan.units[unit_name].save()
		if progress:
			progress(done, len(changed))
