"""How much one SOP step costs over a plain Frappe workflow transition.

Run on a bench, against a site with kinerja_sop installed:

    cd ~/frappe-bench/sites
    ../env/bin/python /path/to/kinerja_sop/benchmarks/workflow_transition.py kinerja.test [rounds]

The baseline is a plain DocType of the same shape as Renja (the same fields
and child tables, submittable, tracked), without our controller, with a plain
Workflow whose first transition is the same move by the same role. Like the
SOP, the plain workflow goes on from the state it reaches, so Frappe creates
the Workflow Action for the next approver on both sides (a dead-end state would
skip that and make the baseline cheaper than any real workflow). Both sides
run in one process on one site, interleaved, as the same Camat: a Renja moved
from step 1 to step 2 (Kelengkapan, step log, due time from the unit's
calendar) against the plain document moved from its first state to its
second. Prints p50/p95 of each and the ratio of the medians. The ToDo
hand-over runs after the commit in a background job; its cost is printed on
its own line. Everything is removed at the end.
"""

import statistics
import sys
import time

import frappe
from frappe.model.workflow import apply_workflow

PLAIN = "Bench Plain Dokumen"
STATES = ("Bench 1", "Bench 2", "Bench 3")


def make_plain_doctype_and_workflow():
	"""A DocType shaped like Renja, with none of our code, and a plain two-state Workflow."""
	fields = []
	for df in frappe.get_meta("Renja").fields:
		field = {
			k: df.get(k)
			for k in (
				"fieldname",
				"fieldtype",
				"label",
				"options",
				"reqd",
				"hidden",
				"read_only",
				"allow_on_submit",
				"no_copy",
			)
		}
		if field["options"] == "Renja":
			field["options"] = PLAIN
		fields.append(field)
	frappe.get_doc(
		{
			"doctype": "DocType",
			"name": PLAIN,
			"module": "Kinerja",
			"custom": 1,
			"is_submittable": 1,
			"track_changes": 1,
			"autoname": "hash",
			"fields": fields,
			"permissions": [{"role": "Camat", "read": 1, "write": 1, "create": 1, "submit": 1}],
		}
	).insert(ignore_permissions=True)
	for state in STATES:
		if not frappe.db.exists("Workflow State", state):
			frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": state}).insert(
				ignore_permissions=True
			)
	frappe.get_doc(
		{
			"doctype": "Workflow",
			"workflow_name": f"Alur {PLAIN}",
			"document_type": PLAIN,
			"is_active": 1,
			"workflow_state_field": "workflow_state",
			"states": [{"state": state, "doc_status": "0", "allow_edit": "Camat"} for state in STATES],
			"transitions": [
				{
					"state": "Bench 1",
					"action": "Teruskan",
					"next_state": "Bench 2",
					"allowed": "Camat",
					"allow_self_approval": 1,
				},
				{
					"state": "Bench 2",
					"action": "Teruskan",
					"next_state": "Bench 3",
					"allowed": "Sekretaris",
					"allow_self_approval": 1,
				},
			],
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()  # DocType creation commits implicitly anyway (DDL)


def remove_plain_doctype_and_workflow():
	frappe.delete_doc("Workflow", f"Alur {PLAIN}", force=True, ignore_missing=True)
	for state in STATES:
		frappe.delete_doc("Workflow State", state, force=True, ignore_missing=True)
	frappe.delete_doc("DocType", PLAIN, force=True, ignore_missing=True)
	frappe.db.commit()


def timed(fn) -> float:
	started = time.perf_counter()
	fn()
	return (time.perf_counter() - started) * 1000


def percentile(values, p):
	ordered = sorted(values)
	return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main(site: str, rounds: int):
	frappe.init(site=site)
	frappe.connect()
	from kinerja_sop.kinerja.sop_document import hand_over
	from kinerja_sop.tests.sop_walk import create_document, make_office
	from kinerja_sop.walk import as_user

	remove_plain_doctype_and_workflow()  # a run that was killed may have left it
	make_plain_doctype_and_workflow()
	try:
		office = make_office("BENCH")
		ours, plain, hand_overs = [], [], []
		for i in range(rounds + 3):
			renja = create_document("Renja", office)
			with as_user(office.camat):
				other = frappe.get_doc({"doctype": PLAIN, "unit_kerja": office.unit, "tahun": 2027}).insert()
				# Interleaved, first one then the other, so drift and warm caches favour neither.
				step_ours = lambda name=renja.name: apply_workflow(frappe.get_doc("Renja", name), "Teruskan")  # noqa: E731
				step_plain = lambda name=other.name: apply_workflow(frappe.get_doc(PLAIN, name), "Teruskan")  # noqa: E731
				if i % 2:
					t_ours, t_plain = timed(step_ours), timed(step_plain)
				else:
					t_plain, t_ours = timed(step_plain), timed(step_ours)
				t_hand_over = timed(lambda name=renja.name: hand_over("Renja", name))
			if i >= 3:  # warm-up rounds are not counted
				ours.append(t_ours)
				plain.append(t_plain)
				hand_overs.append(t_hand_over)
	finally:
		frappe.db.rollback()
		remove_plain_doctype_and_workflow()
		frappe.destroy()

	print(f"rounds: {rounds} (after 3 warm-up)")
	print(
		f"plain workflow transition : p50 {percentile(plain, 50):7.1f} ms   p95 {percentile(plain, 95):7.1f} ms"
	)
	print(
		f"kinerja_sop SOP step      : p50 {percentile(ours, 50):7.1f} ms   p95 {percentile(ours, 95):7.1f} ms"
	)
	print(f"ratio of medians (ours / plain): {statistics.median(ours) / statistics.median(plain):.2f}")
	print(f"ToDo hand-over (background job after commit): p50 {percentile(hand_overs, 50):.1f} ms")


if __name__ == "__main__":
	main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 30)
