"""Write probes: a user of unit B takes unit A's documents through every write path of
Frappe's desk and REST API that names a document: save, set a value, submit, cancel,
delete, rename, assign, share, tag, like, follow, comment and attach.

Each probe is sent by B's official of the same position as A's official who owns the
document's step, and must leave A's document exactly as it was (its fields, its
timeline, its assignments, shares, tags, likes, followers and files). Beside each
probe its positive control: the same request by A's official changes the document
(where an official may do it at all: nobody deletes, renames, submits or cancels a
document outside its SOP, so those probes have none and must be refused as a
permission error). The requests go over HTTP to the served site (host_name), so this
class commits its data and removes it afterwards.
"""

import base64
import json
from dataclasses import dataclass

import frappe
from frappe.tests.utils import FrappeTestCase

from kinerja_sop.domain.catalogue import SOP_DOCUMENTS
from kinerja_sop.domain.workflow_builder import ACTIONS
from kinerja_sop.tests.factories import issue_api_keys
from kinerja_sop.tests.sop_walk import create_document, make_office
from kinerja_sop.tests.test_leak_probes import served
from kinerja_sop.walk import act, actor, as_user, current_step, satisfy

CODE_A, CODE_B = "TULISA", "TULISB"
# What a document's footprint counts besides its own row: everything a write path may add.
ATTACHED = {
	"Comment": "reference_name",
	"DocShare": "share_name",
	"File": "attached_to_name",
	"ToDo": "reference_name",
	"Document Follow": "ref_docname",
	"Version": "docname",
	"Tag Link": "document_name",
	"Communication": "reference_name",
}


@dataclass
class WriteProbe:
	label: str
	path: str
	params: object  # (probe case) -> dict, built when sent: the document as it is then
	control: bool = True  # A's official may do it
	method: str = "POST"
	signed: bool = False  # on the signed document (else the draft at step 2)
	# Refused with an error (403/417). Frappe's list-view bulk actions answer 200 and report
	# each document they could not act on in their messages.
	refused_with_error: bool = True


def footprint(doctype: str, name: str) -> dict:
	"""The document's row and everything attached to it, as stored."""
	row = frappe.db.get_value(doctype, name, "*", as_dict=True)
	if not row:
		return {"exists": False}
	stored = {k: v for k, v in row.items() if k not in ("_seen",)}  # reading a form marks it seen
	for attached, field in ATTACHED.items():
		filters = {field: name}
		if attached == "Version":
			filters["ref_doctype"] = doctype
		stored[f"count {attached}"] = frappe.db.count(attached, filters)
	return stored


def as_client_json(doctype: str, name: str, **changes) -> dict:
	return json.loads(frappe.as_json({**frappe.get_doc(doctype, name).as_dict(), **changes}))


class TestWriteProbes(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		remove_fixtures()
		cls.a, cls.b = make_office(CODE_A), make_office(CODE_B)
		cls.draft = cls.advance(create_document("Renja", cls.a), until=lambda d: current_step(d)[2].no == 2)
		_sop, _plan, step = current_step(cls.draft)
		with as_user(actor(cls.a, step.role, step)):  # what step 2 asks for is there: its action can be done
			satisfy(cls.draft, step.requires, cls.a)
			cls.draft.save()
		cls.signed = cls.advance(create_document("Renja", cls.a), until=lambda d: d.docstatus == 1)
		cls.owner = {
			name: cls.step_owner(doc)
			for name, doc in ((cls.draft.name, cls.draft), (cls.signed.name, cls.signed))
		}
		users = {
			getattr(office, key)
			for office in (cls.a, cls.b)
			for key in ("sekretaris", "camat", "staf", "umum")
		}
		for user in users:  # the desk's setting that lets a user follow documents
			frappe.db.set_value("User", user, "document_follow_notify", 1)
		cls.auth = {user: issue_api_keys(user) for user in users}
		frappe.db.commit()  # nosemgrep: the requests go to the served site
		cls.addClassCleanup(remove_fixtures)

	@classmethod
	def advance(cls, doc, until):
		while not until(doc):
			_sop, plan, step = current_step(doc)
			action = plan.transitions_from(doc.workflow_state)[0].action
			doc = act(doc, actor(cls.a, step.role, step), action, cls.a)
		return doc

	@classmethod
	def step_owner(cls, doc) -> str:
		"""The key of the office's position that owns the document's current step."""
		_sop, _plan, step = current_step(doc)
		user = actor(cls.a, step.role, step)
		return next(key for key in ("sekretaris", "camat", "staf", "umum") if getattr(cls.a, key) == user)

	def probes(self) -> list[WriteProbe]:
		draft, signed = self.draft.name, self.signed.name
		text = "<p>Ditulis oleh unit lain</p>"
		return [
			WriteProbe(
				"form save (savedocs)",
				"/api/method/frappe.desk.form.save.savedocs",
				lambda c: {"doc": as_client_json("Renja", draft, pendahuluan=text), "action": "Save"},
			),
			WriteProbe(
				"frappe.client.save",
				"/api/method/frappe.client.save",
				lambda c: {"doc": as_client_json("Renja", draft, pendahuluan=text)},
			),
			WriteProbe(
				"frappe.client.set_value",
				"/api/method/frappe.client.set_value",
				lambda c: {"doctype": "Renja", "name": draft, "fieldname": "pendahuluan", "value": text},
			),
			WriteProbe(
				"frappe.client.bulk_update",
				"/api/method/frappe.client.bulk_update",
				lambda c: {"docs": [{"doctype": "Renja", "docname": draft, "pendahuluan": text}]},
				refused_with_error=False,
			),
			WriteProbe(
				"PUT /api/resource",
				f"/api/resource/Renja/{draft}",
				lambda c: {"data": {"pendahuluan": text}},
				method="PUT",
			),
			WriteProbe(
				"assign (assign_to.add)",
				"/api/method/frappe.desk.form.assign_to.add",
				lambda c: {"doctype": "Renja", "name": draft, "assign_to": [c["colleague"]]},
			),
			WriteProbe(
				"share",
				"/api/method/frappe.share.add",
				lambda c: {"doctype": "Renja", "name": draft, "user": c["user"], "read": 1},
				control=False,  # sharing is not a unit position's permission
			),
			WriteProbe(
				"tag",
				"/api/method/frappe.desk.doctype.tag.tag.add_tag",
				lambda c: {"tag": f"tanda-{c['side']}", "dt": "Renja", "dn": draft},
			),
			WriteProbe(
				"tags (add_tags)",
				"/api/method/frappe.desk.doctype.tag.tag.add_tags",
				lambda c: {"tags": [f"tanda-banyak-{c['side']}"], "dt": "Renja", "docs": [draft]},
			),
			WriteProbe(
				"untag (the tag A's official put)",
				"/api/method/frappe.desk.doctype.tag.tag.remove_tag",
				lambda c: {"tag": "tanda-a", "dt": "Renja", "dn": draft},
			),
			WriteProbe(
				"like",
				"/api/method/frappe.desk.like.toggle_like",
				lambda c: {"doctype": "Renja", "name": draft, "add": "Yes"},
			),
			WriteProbe(
				"follow",
				"/api/method/frappe.desk.form.document_follow.follow_document",
				lambda c: {"doctype": "Renja", "doc_name": draft, "user": c["user"]},
			),
			WriteProbe(
				"comment (form timeline)",
				"/api/method/frappe.desk.form.utils.add_comment",
				lambda c: {
					"reference_doctype": "Renja",
					"reference_name": draft,
					"content": "Catatan",
					"comment_email": c["user"],
					"comment_by": c["user"],
				},
			),
			WriteProbe(
				"attach a file",
				"/api/method/frappe.client.attach_file",
				lambda c: {
					"filename": f"lampiran-{c['side']}.txt",
					"filedata": base64.b64encode(b"lampiran").decode(),
					"doctype": "Renja",
					"docname": draft,
					"is_private": 1,
				},
			),
			WriteProbe(
				"submit (frappe.client.submit)",
				"/api/method/frappe.client.submit",
				lambda c: {"doc": as_client_json("Renja", draft)},
				control=False,
			),
			WriteProbe(
				"submit (savedocs)",
				"/api/method/frappe.desk.form.save.savedocs",
				lambda c: {"doc": as_client_json("Renja", draft), "action": "Submit"},
				control=False,
			),
			WriteProbe(
				"delete (frappe.client.delete)",
				"/api/method/frappe.client.delete",
				lambda c: {"doctype": "Renja", "name": draft},
				control=False,
			),
			WriteProbe(
				"delete (list view)",
				"/api/method/frappe.desk.reportview.delete_items",
				lambda c: {"items": [draft], "doctype": "Renja"},
				control=False,
				refused_with_error=False,
			),
			WriteProbe(
				"DELETE /api/resource",
				f"/api/resource/Renja/{draft}",
				lambda c: {},
				control=False,
				method="DELETE",
			),
			WriteProbe(
				"rename (frappe.client.rename_doc)",
				"/api/method/frappe.client.rename_doc",
				lambda c: {"doctype": "Renja", "old_name": draft, "new_name": f"{draft}-X"},
				control=False,
			),
			WriteProbe(
				"rename (form title)",
				"/api/method/frappe.model.rename_doc.update_document_title",
				lambda c: {"doctype": "Renja", "docname": draft, "name": f"{draft}-X", "title": "Judul lain"},
				control=False,
			),
			WriteProbe(
				"cancel (frappe.client.cancel)",
				"/api/method/frappe.client.cancel",
				lambda c: {"doctype": "Renja", "name": signed},
				control=False,
				signed=True,
			),
			WriteProbe(
				"cancel (form)",
				"/api/method/frappe.desk.form.save.cancel",
				lambda c: {"doctype": "Renja", "name": signed},
				control=False,
				signed=True,
			),
			WriteProbe(
				"cancel (savedocs)",
				"/api/method/frappe.desk.form.save.savedocs",
				lambda c: {"doc": as_client_json("Renja", signed), "action": "Cancel"},
				control=False,
				signed=True,
			),
			WriteProbe(
				"cancel (list view bulk action)",
				"/api/method/frappe.desk.doctype.bulk_update.bulk_update.submit_cancel_or_update_docs",
				lambda c: {"doctype": "Renja", "docnames": [signed], "action": "cancel"},
				control=False,
				refused_with_error=False,
				signed=True,
			),
			WriteProbe(
				"attach from the form (upload_file, by URL)",
				"/api/method/upload_file",
				lambda c: {
					"file_url": f"https://example.com/lampiran-{c['side']}.pdf",
					"doctype": "Renja",
					"docname": draft,
				},
			),
			WriteProbe(
				"a ToDo on the document (REST)",
				"/api/resource/ToDo",
				lambda c: {
					"data": {
						"allocated_to": c["user"],
						"description": "Tugas",
						"reference_type": "Renja",
						"reference_name": draft,
					}
				},
			),
			WriteProbe(
				"a file on the document (REST)",
				"/api/resource/File",
				lambda c: {
					"data": {
						"file_name": f"berkas-{c['side']}.txt",
						"content": "berkas",
						"attached_to_doctype": "Renja",
						"attached_to_name": draft,
						"is_private": 1,
					}
				},
			),
			WriteProbe(
				"a tag link on the document (REST)",
				"/api/resource/Tag Link",
				lambda c: {"data": {"document_type": "Renja", "document_name": draft, "tag": "tanda-a"}},
			),
			WriteProbe(
				"a follow of the document (REST)",
				"/api/resource/Document Follow",
				lambda c: {"data": {"ref_doctype": "Renja", "ref_docname": draft, "user": c["user"]}},
				control=False,  # Frappe's own: only a System Manager writes them
			),
			WriteProbe(
				"a comment on the document (REST)",
				"/api/resource/Comment",
				lambda c: {
					"data": {
						"comment_type": "Comment",
						"reference_doctype": "Renja",
						"reference_name": draft,
						"content": "Catatan",
					}
				},
				control=False,  # Frappe's own: only a System Manager writes them
			),
			WriteProbe(
				"an email about the document (form)",
				"/api/method/frappe.core.doctype.communication.email.make",
				lambda c: {
					"doctype": "Renja",
					"name": draft,
					"subject": "Renja",
					"content": "Isi",
					"recipients": c["user"],
					"send_email": 0,
				},
				control=False,  # e-mail is not a unit position's permission
			),
			WriteProbe(
				"a communication on the document (REST)",
				"/api/resource/Communication",
				lambda c: {
					"data": {
						"communication_type": "Communication",
						"communication_medium": "Other",
						"subject": "Renja",
						"content": "Isi",
						"reference_doctype": "Renja",
						"reference_name": draft,
					}
				},
				control=False,  # Frappe's own: only a System Manager or an Inbox User writes them
			),
			WriteProbe(
				"fill the programmes from SIPD (the form's button)",
				"/api/method/kinerja_sop.anggaran.renja.fill_renja",
				lambda c: {"name": draft},
				control=False,  # the unit has no SIPD import here: there is nothing to fill it with
			),
			WriteProbe(
				"the step's action (apply_workflow)",
				"/api/method/frappe.model.workflow.apply_workflow",
				lambda c: {"doc": as_client_json("Renja", draft), "action": ACTIONS["do"]},
			),
		]

	def test_unit_b_writes_nothing_of_unit_a(self):
		leaks, controls_failed, not_permission = [], [], []
		probes = self.probes()
		for probe in probes:
			name = self.signed.name if probe.signed else self.draft.name
			key = self.owner[name]
			for side, office in (("b", self.b), ("a", self.a)):
				if side == "a" and not probe.control:
					continue
				user = getattr(office, key)
				before = footprint("Renja", name)
				response = served(
					self.auth[user],
					probe.path,
					probe.params({"user": user, "side": side, "colleague": office.staf}),
					method=probe.method,
				)
				frappe.db.rollback()  # read what the served site committed
				changed = footprint("Renja", name) != before
				if side == "b" and changed:
					leaks.append(f"{probe.label}: {response.status_code} {response.text[:300]}")
				if side == "b" and probe.refused_with_error and response.status_code not in (403, 417):
					not_permission.append(f"{probe.label}: {response.status_code} {response.text[:300]}")
				if side == "a" and not (response.ok and changed):
					controls_failed.append(f"{probe.label}: {response.status_code} {response.text[:300]}")
		print(
			f"\nwrite probes: {len(probes)} write paths tried by another unit's official, "
			f"{len(probes) - len(leaks)} left the document as it was, {len(leaks)} leaks; "
			f"{sum(p.control for p in probes)} positive controls, "
			f"{sum(p.control for p in probes) - len(controls_failed)} changed the document"
		)
		for line in leaks:
			print(f"LEAK: {line}")
		for line in controls_failed:
			print(f"control did not change the document: {line}")
		for line in not_permission:
			print(f"not refused with an error: {line}")
		self.assertEqual((leaks, controls_failed, not_permission), ([], [], []))


def remove_fixtures():
	frappe.set_user("Administrator")
	units = [f"Kecamatan Uji {code}" for code in (CODE_A, CODE_B)]
	for code in (CODE_A, CODE_B):
		frappe.db.sql("delete from `tabSeries` where `name` like %s", (f"S_:UJI.{code}:%",))
	for doctype in SOP_DOCUMENTS:
		for name in frappe.get_all(doctype, filters={"unit_kerja": ("in", units)}, pluck="name"):
			frappe.db.set_value(doctype, name, "docstatus", 2, update_modified=False)  # a signed one too
			for attached, field in ATTACHED.items():
				frappe.db.delete(attached, {field: name})
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
	for unit in units:
		if frappe.db.exists("Unit Kerja", unit):
			frappe.delete_doc("Unit Kerja", unit, force=True, ignore_permissions=True)
	for user in frappe.get_all("User", filters={"name": ("like", "%.tulis_@example.com")}, pluck="name"):
		frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	frappe.db.commit()  # nosemgrep: undo what setUpClass committed
