"""Test fixtures for acting out the SOPs: an office of one unit with a real user
per position, and a new document created by its SOP's first owner. The walking
itself is production code (kinerja_sop.walk), shared with the demo seed."""

from types import SimpleNamespace

import frappe
from frappe.permissions import add_user_permission
from frappe.tests.utils import FrappeTestCase

from kinerja_sop.domain.catalogue import TEAM_ROLE
from kinerja_sop.domain.workflow_builder import ACTIONS
from kinerja_sop.kinerja.sop_document import get_sop_flow
from kinerja_sop.tests.factories import make_unit, make_user, official
from kinerja_sop.walk import ROLE_KEYS, act, actor, as_user, current_step, satisfy


def make_office(code: str) -> SimpleNamespace:
	"""A kecamatan with one user per position, two team members and a Tim Kinerja outsider."""
	email = lambda who: f"{who}.{code.lower()}@example.com"  # noqa: E731
	roles = {key: (role,) for role, key in ROLE_KEYS.items()} | {"outsider": (TEAM_ROLE,)}
	users = {
		key: make_user(email(key), roles.get(key, ()))
		for key in (*ROLE_KEYS.values(), "tim1", "tim2", "outsider")
	}
	unit = make_unit(
		f"Kecamatan Uji {code}",
		f"UJI.{code}",
		[
			official(role, f"{role} {code}", serial, user=users[key])
			for serial, (role, key) in enumerate(ROLE_KEYS.items(), start=1)
		],
	)
	for key in ("tim1", "tim2", "outsider"):
		add_user_permission("Unit Kerja", unit.name, users[key], ignore_permissions=True)
		# Officials get Indonesian from the unit; staff outside the officials table choose it themselves.
		frappe.db.set_value("User", users[key], "language", "id")
	return SimpleNamespace(unit=unit.name, **users, attachment=make_attachment())


def make_attachment() -> str:
	"""An upload of the office, not attached to a document yet: the first document that names it
	takes it (another unit's file, attached to its documents, would be refused)."""
	file = frappe.get_doc(
		{"doctype": "File", "file_name": "bahan-uji.txt", "content": b"bahan", "is_private": 1}
	)
	return file.insert(ignore_permissions=True).file_url


def create_document(doctype: str, office, **values):
	sop, plan = get_sop_flow(doctype)
	creator_role = plan.states[0].role
	doc = frappe.get_doc({"doctype": doctype, "unit_kerja": office.unit, "tahun": 2027, **values})
	if doc.meta.has_field("periode") and not values.get("periode"):
		doc.periode = "Triwulan I"
	if creator_role == TEAM_ROLE:
		# Data IKU and Laporan start with the team's own step: the team is formed with the document.
		make_user(office.tim1, (TEAM_ROLE,))
		satisfy(doc, ("tim",), office)
	with as_user(actor(office, creator_role, sop.step(1))):
		return doc.insert()


def to_team_step(office) -> str:
	"""A Renja at step 3, the team's draft."""
	doc = create_document("Renja", office)
	for _ in range(2):
		_sop, _plan, step = current_step(doc)
		doc = act(doc, actor(office, step.role, step), ACTIONS["do"], office)
	return doc.name


class IndonesianTestCase(FrappeTestCase):
	"""A test class that runs as the site's users do: messages in Indonesian."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.local.lang = "id"

	@classmethod
	def tearDownClass(cls):
		frappe.local.lang = "en"
		super().tearDownClass()
