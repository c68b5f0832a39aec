"""The desk an official opens: their language and time zone, the workspace they land
on, and the queues on its first screen (what waits for them to check, paraf, sign, send)."""

import frappe
from frappe.tests.utils import FrappeTestCase

from kinerja_sop.boot import WORKSPACE, boot_session
from kinerja_sop.domain.workflow_builder import queue_kind
from kinerja_sop.kinerja import dashboard
from kinerja_sop.tests.factories import make_user
from kinerja_sop.tests.sop_walk import create_document, make_office
from kinerja_sop.walk import act, actor, as_user, current_step

QUEUES = {"check": dashboard.to_check, "paraf": dashboard.to_paraf, "sign": dashboard.to_sign}


def queue_counts(user: str) -> dict[str, int]:
	with as_user(user):
		return {kind: card()["value"] for kind, card in QUEUES.items()}


class TestOfficialsDesk(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.office = make_office("DESK")

	def test_officials_read_indonesian_in_their_units_time_zone(self):
		user = frappe.db.get_value("User", self.office.camat, ["language", "time_zone"], as_dict=True)
		self.assertEqual((user.language, user.time_zone), ("id", "Asia/Jakarta"))

	def test_an_officials_own_choice_of_language_is_kept(self):
		frappe.db.set_value("User", self.office.sekretaris, "language", "en")
		frappe.get_doc("Unit Kerja", self.office.unit).save(ignore_permissions=True)
		self.assertEqual(frappe.db.get_value("User", self.office.sekretaris, "language"), "en")

	def test_app_users_land_on_the_kinerja_workspace(self):
		for user in (self.office.staf, self.office.outsider):  # an official, a Tim Kinerja member
			with as_user(user):
				bootinfo = frappe._dict(user=frappe._dict(default_workspace=None))
				boot_session(bootinfo)
			self.assertEqual(bootinfo.user.default_workspace["name"], WORKSPACE)
		outsider = make_user("no-app-role@example.com")
		with as_user(outsider):
			bootinfo = frappe._dict(user=frappe._dict(default_workspace=None))
			boot_session(bootinfo)
		self.assertIsNone(bootinfo.user.default_workspace)

	def test_queues_follow_the_document_to_the_check_paraf_and_sign_steps(self):
		doc = create_document("Renja", self.office)
		seen = {}
		for _guard in range(12):
			_sop, plan, step = current_step(doc)
			kind = queue_kind(step)
			if kind in QUEUES and kind not in seen:
				owner = actor(self.office, step.role, step)
				seen[kind] = queue_counts(owner)
				self.assertEqual(seen[kind][kind], 1, (kind, owner))
				self.assertEqual(sum(seen[kind].values()), 1, seen[kind])
			if kind == "sign":
				break
			action = plan.transitions_from(doc.workflow_state)[0].action
			doc = act(doc, actor(self.office, step.role, step), action, self.office)
		self.assertEqual(set(seen), set(QUEUES))
