# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

import json

import frappe
from frappe import _
from frappe.model.document import Document

from kinerja_sop.domain.catalogue import (
	HEADER_FIELDS,
	SOP_ROLES,
	STEP_FIELDS,
	Sop,
	SopProblem,
	SopStep,
	canonical_content,
	content_hash,
	decide_sync,
	load_catalogue,
	sop_from_dict,
	validate_steps,
)
from kinerja_sop.domain.time_standard import parse_time_standard
from kinerja_sop.integrity import ClientInputGuard
from kinerja_sop.workflow.sync import sync_workflow

SOP_OF_DOCTYPE_CACHE = "kinerja_sop:sop_of_doctype"


class InvalidSOPError(frappe.ValidationError):
	pass


class SOPKinerja(ClientInputGuard, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from kinerja_sop.kinerja.doctype.langkah_sop.langkah_sop import LangkahSOP

		actor_columns: DF.SmallText | None
		code: DF.Data
		created_on: DF.Date | None
		dasar_hukum: DF.SmallText | None
		document_type: DF.Link | None
		effective_date: DF.Date | None
		is_active: DF.Check
		keterkaitan: DF.SmallText | None
		kualifikasi_pelaksana: DF.SmallText | None
		nomor_sop: DF.Data | None
		pencatatan_pendataan: DF.SmallText | None
		peralatan_perlengkapan: DF.SmallText | None
		peringatan: DF.SmallText | None
		revised_on: DF.Date | None
		seed_note: DF.SmallText | None
		shipped_content: DF.JSON | None
		sop_name: DF.Data
		steps: DF.Table[LangkahSOP]
		title: DF.Data | None
		version: DF.Int
	# end: auto-generated types

	def validate(self):
		self.number_new_steps()
		self.validate_steps()
		self.set_step_durations()

	def on_update(self):
		frappe.cache.delete_value(SOP_OF_DOCTYPE_CACHE)
		sync_workflow(self)

	def on_trash(self):
		frappe.cache.delete_value(SOP_OF_DOCTYPE_CACHE)

	def number_new_steps(self):
		"""A step added in the grid without a number takes its row position."""
		for row in self.steps:
			if not row.step_no:
				row.step_no = row.idx

	def validate_steps(self):
		problems = validate_steps(self.get_step_rows(), SOP_ROLES)
		if problems:
			frappe.throw(
				[sop_problem_message(problem) for problem in problems],
				exc=InvalidSOPError,
				title=_("The steps of {0} are not valid").format(self.sop_name),
				as_list=True,
			)

	def set_step_durations(self):
		for row in self.steps:
			row.duration_minutes = parse_time_standard(row.waktu).working_minutes()

	def get_step_rows(self) -> list[dict]:
		"""The steps in the domain's shape (`no` for the step number)."""
		return [
			{
				**{field: row.get(field) for field in STEP_FIELDS},
				"no": row.step_no,
				"requires": split_requirements(row.requires),
			}
			for row in self.steps
		]

	def as_sop(self) -> Sop:
		return sop_from_dict(
			{
				**{field: self.get(field) or "" for field in HEADER_FIELDS},
				"name": self.sop_name,
				"code": self.code,
				"actor_columns": (self.actor_columns or "").split("\n"),
				"steps": [
					{k: v for k, v in row.items() if k in SopStep.__dataclass_fields__ and v is not None}
					for row in self.get_step_rows()
				],
			}
		)

	def content(self) -> dict:
		return canonical_content({field: self.get(field) for field in HEADER_FIELDS}, self.get_step_rows())

	def content_hash(self) -> str:
		return content_hash({field: self.get(field) for field in HEADER_FIELDS}, self.get_step_rows())

	def get_shipped_content(self) -> dict | None:
		return json.loads(self.shipped_content) if self.shipped_content else None

	def set_from_catalogue(self, sop: Sop):
		self.update({**sop.header(), "sop_name": sop.name, "code": sop.code, "seed_note": sop.seed_note})
		self.actor_columns = "\n".join(sop.actor_columns)
		if not frappe.db.exists("DocType", sop.document_type):
			# Installed before the document's DocType: linked on a later migrate.
			self.document_type = None
		self.set("steps", [])
		for step in sop.step_rows():
			no = step.pop("no")
			self.append("steps", {**step, "step_no": no, "requires": ", ".join(step["requires"])})
		self.shipped_content = json.dumps(self.content(), ensure_ascii=False)


def sop_problem_message(problem: SopProblem) -> str:
	messages = {
		"no_steps": _("An SOP needs at least one step."),
		"step_numbering": _("Steps must be numbered 1, 2, 3 ... in order; found {1}."),
		"unknown_role": _("Step {0}: {1} is not one of the SOP roles ({2})."),
		"bad_time_standard": _(
			"Step {0}: the time standard {1} is not understood. Write a number and a unit, e.g. 20 menit, 2 jam or 1 hari."
		),
		"check_target": _(
			"Step {0}: a check step can only send the document to another existing step, not {1}."
		),
		"unknown_requirement": _("Step {0}: {1} is not a known Kelengkapan check."),
	}
	return messages[problem.kind].format(
		problem.step, frappe.bold(problem.value or _("(empty)")), ", ".join(SOP_ROLES)
	)


def sync_shipped_sops() -> dict[str, str]:
	"""Install or update the catalogue's SOPs, never overwriting an administrator's edit.

	Returns what was done with each SOP: insert, update, unchanged or kept_edited.
	"""
	results = {}
	for sop in load_catalogue():
		doc = frappe.get_doc("SOP Kinerja", sop.name) if frappe.db.exists("SOP Kinerja", sop.name) else None
		wanted = frappe.new_doc("SOP Kinerja")
		wanted.set_from_catalogue(sop)
		decision = decide_sync(
			doc.content() if doc else None, doc.get_shipped_content() if doc else None, wanted.content()
		)
		if decision.action == "insert":
			wanted.insert(ignore_permissions=True)
		elif decision.action == "update":
			doc.set_from_catalogue(sop)
			doc.save(ignore_permissions=True)
		elif decision.action == "kept_edited":
			print(f"kinerja_sop: {sop.name} was {decision.reason}; the shipped version was not applied.")
		results[sop.name] = decision.action
	return results


def split_requirements(text: str | None) -> tuple[str, ...]:
	return tuple(key.strip() for key in (text or "").split(",") if key.strip())
