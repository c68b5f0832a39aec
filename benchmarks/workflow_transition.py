"""How much an SOP step costs over a plain Frappe workflow transition, at the
first, a middle and the last step of a realistic document.

Run on a bench, against a site with kinerja_sop installed:

    cd ~/frappe-bench/sites
    ../env/bin/python /path/to/kinerja_sop/benchmarks/workflow_transition.py <site> [rounds]

Each round creates a Renja with 50 programme rows and a team of five and walks
it through its whole SOP as the owner of each step (the Kelengkapan supplied
and saved before each step, untimed), the document sent back once at each
check step as offices do, so the step log holds every step done so far. Beside
it, a plain document walks the same path: a DocType of the same shape (Renja's
fields and child tables, submittable, tracked), without our controller, with
a plain Frappe Workflow copied from Renja's (the same states, doc statuses,
roles and actions, so Frappe creates the same Workflow Actions and submits at
the same step), holding the same content (50 programme rows, the same team)
and no step log. The same user applies the same action to both, one right
after the other (A/B: which goes first alternates by step and by round, so a
burst of load on a shared machine falls on both alike), each as a fresh
request would (per-request caches emptied, the forms opened first, untimed),
in one process on one site; only `apply_workflow` is timed. The team also
works on a second open Renja, so it keeps the Tim Kinerja role between rounds. Printed: step 1, the middle step and the last step,
each with p50 and p95 of ours and of the plain transition and their ratios, in
wall-clock time and in this process's CPU time, and the SQL statements each
side sent (the database server's share of the work).
The ToDo hand-over runs after the commit in a background job; its cost is
printed on its own line. Everything is rolled back at the end.
"""

import statistics
import sys
import time

import frappe
from frappe.model import no_value_fields, table_fields
from frappe.model.workflow import apply_workflow

PLAIN = "Bench Plain Dokumen"
TEAM_SIZE = 5
PROGRAMME_ROWS = 50
# What the plain document does not copy from the Renja it walks beside.
NOT_COPIED = {"name", "owner", "creation", "modified", "modified_by", "docstatus", "idx", "amended_from"}


def make_plain_doctype_and_workflow():
	"""A DocType shaped like Renja, with none of our code, and a copy of Renja's Workflow."""
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
	permissions = [
		{k: perm.get(k) for k in ("role", "read", "write", "create", "submit", "cancel", "amend")}
		for perm in frappe.get_meta("Renja").permissions
	]
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
			"permissions": permissions,
		}
	).insert(ignore_permissions=True)
	renja_flow = frappe.get_doc("Workflow", frappe.db.get_value("Workflow", {"document_type": "Renja"}))
	flow = frappe.copy_doc(renja_flow)
	flow.workflow_name = f"Alur {PLAIN}"
	flow.document_type = PLAIN
	flow.insert(ignore_permissions=True)
	frappe.db.commit()  # DocType creation commits implicitly anyway (DDL)


def remove_plain_doctype_and_workflow():
	frappe.delete_doc("Workflow", f"Alur {PLAIN}", force=True, ignore_missing=True)
	frappe.delete_doc("DocType", PLAIN, force=True, ignore_missing=True)
	frappe.db.commit()


def timed(fn) -> float:
	started = time.perf_counter()
	fn()
	return (time.perf_counter() - started) * 1000


def measured(fn) -> tuple[float, float, int]:
	"""Wall-clock ms, this process's CPU ms and the SQL statements sent. CPU time is the steadier
	figure on a shared machine (it leaves out the database server's time, which the query counts
	show); every statement is counted through frappe.db.sql, which the query builder uses too."""
	sent = [0]
	sql = frappe.db.sql

	def counting(*args, **kwargs):
		sent[0] += 1
		return sql(*args, **kwargs)

	frappe.db.sql = counting
	try:
		cpu = time.process_time()
		wall = timed(fn)
		cpu = (time.process_time() - cpu) * 1000
	finally:
		del frappe.db.sql  # back to the method
	return wall, cpu, sent[0]


def as_request(user: str, fn):
	"""Each step as its own request does it: the per-request caches (roles, user permissions,
	new-document templates, documents) start empty, for ours and for the plain side alike."""

	def run():
		frappe.set_user(user)
		fn()

	return run


def percentile(values, p):
	ordered = sorted(values)
	return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def opened(*documents):
	"""What the desk asks for when a form opens: the document and the actions the user may take."""
	from frappe.model.workflow import get_transitions

	for doctype, name in documents:
		doc = frappe.get_doc(doctype, name)
		doc.check_permission("read")
		get_transitions(doc)


def ratio(ours, plain, p) -> float:
	return percentile(ours, p) / percentile(plain, p)


def make_team(office) -> list[dict]:
	from frappe.permissions import add_user_permission

	from kinerja_sop.domain.catalogue import TEAM_ROLE
	from kinerja_sop.tests.factories import make_user

	members = [office.tim1, office.tim2]
	for i in range(3, TEAM_SIZE + 1):
		user = make_user(f"tim{i}.bench@example.com", (TEAM_ROLE,))
		if not frappe.db.exists("User Permission", {"user": user, "for_value": office.unit}):
			add_user_permission("Unit Kerja", office.unit, user, ignore_permissions=True)
		members.append(user)
	return [{"user": user, "is_leader": int(i == 0)} for i, user in enumerate(members)]


def programme_rows() -> list[dict]:
	return [
		{
			"program": f"Program {i // 5 + 1} Penyelenggaraan Pemerintahan Kecamatan",
			"kegiatan": f"Kegiatan {i + 1} koordinasi dan pembinaan",
			"sub_kegiatan": f"Sub kegiatan {i + 1}",
			"indikator_kinerja": "Persentase layanan yang diselesaikan tepat waktu",
			"target": 90 + i % 10,
			"satuan": "%",
			"pagu_indikatif": 25_000_000 + 1_000_000 * i,
			"lokasi": "Kecamatan",
		}
		for i in range(PROGRAMME_ROWS)
	]


def mirror(plain_name: str, renja_name: str):
	"""The plain document takes the Renja's content as it stands (untimed): its own fields, and
	its own rows holding the values of the Renja's rows (the entered flags included), so that
	the two documents never share a row."""
	renja = frappe.get_doc("Renja", renja_name)
	plain = frappe.get_doc(PLAIN, plain_name)
	for df in renja.meta.fields:
		if df.fieldname in NOT_COPIED:
			continue
		if df.fieldtype not in table_fields:
			if df.fieldtype not in no_value_fields:
				plain.set(df.fieldname, renja.get(df.fieldname))
			continue
		rows, own = renja.get(df.fieldname), plain.get(df.fieldname)
		if len(rows) != len(own):
			plain.set(df.fieldname, [{} for _row in rows])
			own = plain.get(df.fieldname)
		for source, target in zip(rows, own, strict=True):
			for child_df in source.meta.fields:
				if child_df.fieldtype not in no_value_fields:
					target.set(child_df.fieldname, source.get(child_df.fieldname))
	plain.flags.ignore_permissions = True
	plain.flags.ignore_validate_update_after_submit = True
	plain.save()


def walk_round(office, team, positions, samples, hand_overs, round_no: int = 0):
	"""One Renja and one plain document through the whole SOP; times the steps in `positions`."""
	from kinerja_sop.domain.workflow_builder import ACTIONS
	from kinerja_sop.kinerja.sop_document import hand_over
	from kinerja_sop.tests.sop_walk import create_document
	from kinerja_sop.walk import actor, as_user, current_step, satisfy

	content = {"unit_kerja": office.unit, "tahun": 2027, "team": team, "program_kegiatan": programme_rows()}
	renja = create_document("Renja", office, **content)
	with as_user(office.camat):
		plain = frappe.get_doc({"doctype": PLAIN, **content}).insert()
	sop, plan, step = current_step(renja)
	rejected, done = set(), 0
	while step is not None:
		user = actor(office, step.role, step)
		done += 1
		with as_user(user):
			doc = frappe.get_doc("Renja", renja.name)
			if step.is_check and step.no not in rejected:
				rejected.add(step.no)
				action = ACTIONS["disagree"]
				doc.return_reason = f"Perbaiki langkah {step.on_disagree}"
			else:
				action = plan.transitions_from(doc.workflow_state)[0].action
				satisfy(doc, step.requires, office)
			doc.save()
		mirror(plain.name, renja.name)
		with as_user(user):
			step_ours = as_request(
				user, lambda n=renja.name, a=action: apply_workflow(frappe.get_doc("Renja", n), a)
			)
			step_plain = as_request(
				user, lambda n=plain.name, a=action: apply_workflow(frappe.get_doc(PLAIN, n), a)
			)
			# The official opens both forms before acting, as in the desk (untimed): whatever a
			# change of roles in the setup emptied from the shared cache is not charged to one side.
			as_request(user, lambda r=renja.name, p=plain.name: opened(("Renja", r), (PLAIN, p)))()
			# A/B: which side goes first alternates from step to step and from round to round,
			# so a burst of load on the shared machine falls on either side alike.
			if (done + round_no) % 2:
				t_ours, t_plain = measured(step_ours), measured(step_plain)
			else:
				t_plain, t_ours = measured(step_plain), measured(step_ours)
		position = positions.get(step.no)
		if position and action != ACTIONS["disagree"] and samples is not None:
			samples[position][0].append(t_ours)
			samples[position][1].append(t_plain)
			if position == "first":
				started = frappe.get_doc("Renja", renja.name).step_log[-1].name  # the step now open
				hand_overs.append(timed(lambda n=renja.name, r=started: hand_over("Renja", n, r)))
		renja = frappe.get_doc("Renja", renja.name)
		assert frappe.db.get_value(PLAIN, plain.name, "workflow_state") == renja.workflow_state
		sop, plan, step = current_step(renja)
	return renja


def main(site: str, rounds: int):
	frappe.init(site=site)
	frappe.connect()
	from kinerja_sop.kinerja.sop_document import get_sop_flow
	from kinerja_sop.tests.sop_walk import make_office

	remove_plain_doctype_and_workflow()  # a run that was killed may have left it
	make_plain_doctype_and_workflow()
	sop, plan = get_sop_flow("Renja")
	last, middle = sop.steps[-1].no, sop.steps[len(sop.steps) // 2 - 1].no
	positions = {1: "first", middle: "middle", last: "last"}
	samples = {p: ([], []) for p in ("first", "middle", "last")}
	hand_overs, log_rows = [], 0
	try:
		office = make_office("BENCH")
		team = make_team(office)
		# The team also works on another document that stays open, as staff do through the year:
		# they keep the Tim Kinerja role between rounds instead of losing it at each round's last
		# step and getting it back (a save of each User) when the next round's Renja is created.
		from kinerja_sop.tests.sop_walk import create_document

		create_document("Renja", office, unit_kerja=office.unit, tahun=2026, team=team)
		walk_round(office, team, positions, None, hand_overs)  # warm-up, not counted
		for round_no in range(rounds):
			log_rows = len(walk_round(office, team, positions, samples, hand_overs, round_no).step_log)
	finally:
		frappe.db.rollback()
		frappe.cache.delete_value("user_permissions")  # cached while the rolled-back grants existed
		remove_plain_doctype_and_workflow()
		frappe.destroy()

	print(
		f"rounds: {rounds} (after 1 warm-up); Renja with {PROGRAMME_ROWS} programme rows, a team of {TEAM_SIZE},"
		f" {log_rows} step-log rows at the end"
	)
	labels = {"first": "step 1", "middle": f"step {middle}", "last": f"step {last}"}
	for position, (ours, plain) in samples.items():
		(wall_ours, cpu_ours, sql_ours), (wall_plain, cpu_plain, sql_plain) = (
			zip(*ours, strict=True),
			zip(*plain, strict=True),
		)
		print(
			f"{position:6} ({labels[position]:7}): wall ours p50 {percentile(wall_ours, 50):6.1f}"
			f" p95 {percentile(wall_ours, 95):6.1f} ms | plain p50 {percentile(wall_plain, 50):6.1f}"
			f" p95 {percentile(wall_plain, 95):6.1f} ms | ratio p50 {ratio(wall_ours, wall_plain, 50):.2f}"
			f" p95 {ratio(wall_ours, wall_plain, 95):.2f}"
		)
		print(
			f"{'':17} CPU  ours p50 {percentile(cpu_ours, 50):6.1f} p95 {percentile(cpu_ours, 95):6.1f} ms"
			f" | plain p50 {percentile(cpu_plain, 50):6.1f} p95 {percentile(cpu_plain, 95):6.1f} ms"
			f" | ratio p50 {ratio(cpu_ours, cpu_plain, 50):.2f} p95 {ratio(cpu_ours, cpu_plain, 95):.2f}"
			f" | SQL statements ours {statistics.median(sql_ours):.0f} plain {statistics.median(sql_plain):.0f}"
		)
	print(f"ToDo hand-over (background job after commit): p50 {percentile(hand_overs, 50):.1f} ms")


if __name__ == "__main__":
	main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 20)
