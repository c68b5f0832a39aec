"""Officials of two units acting at once over HTTP: latency per kind of request,
errors, and whether every step they took was logged exactly once.

Serve the site with gunicorn as production does (4 workers), from the bench's
sites directory, with this checkout on PYTHONPATH:

    cd ~/frappe-bench/sites
    PYTHONPATH=/path/to/kinerja_sop ../env/bin/gunicorn -w 4 -b 127.0.0.1:8851 \\
        --preload --timeout 120 frappe.app:application

and two RQ workers for the hand-over jobs each step queues (the ToDos of the next
step's owners and the activity line), as a production bench runs them:

    PYTHONPATH=/path/to/kinerja_sop ../env/bin/python -m frappe.utils.bench_helper \\
        frappe worker --queue short,default &     # twice

then, in the same directory (the bench's Python has `frappe` for the set-up
and `requests` for the client):

    PYTHONPATH=/path/to/kinerja_sop ../env/bin/python /path/to/kinerja_sop/benchmarks/load_officials.py \\
        <site> http://127.0.0.1:8851 [seconds] [officials]

Set-up (in-process, committed): two units, each with its ten officials
(Camat, Sekretaris, Kasubag Evapor, Staf, Kasubag Umum, five team members)
and password logins; per unit Renja documents with 50 programme rows waiting
at every step of the SOP (their Kelengkapan already in place, so each step can
be done as it stands), the documents at the last step with their outgoing
letter sent and its receipts still to record, and one 100-row Renja that has
been through the whole SOP. Then 20 officials (10 per unit) log in and, for a
fixed time (arriving at random over its first ten
seconds), each repeats the desk's work with a pause of 0.5-1.5 s between
requests: open the Kinerja workspace every fourth round (the page, sidebar, number
cards, charts and shortcut counts the desk asks for), open the list of documents waiting at
their steps (frappe.desk.reportview.get), open a form (getdoc), do their step
(frappe.model.workflow.apply_workflow) and, in the mail office, record a
receipt (kinerja_sop.persuratan.api.record_receipt). Two team members never
take the same document at once (as in an office, one person picks it up).
Printed: p50/p95 and count per kind of request, errors, steps done, and the
check afterwards that every step done is in the document's log exactly once
and the log is a chain (each row starts where the previous one finished).
Then, once the workers have run every hand-over job of the site: each document's
open ToDos are those of its waiting step's owners and each step started has its
one hand-over line (without a worker this is said, loudly, and not checked).
Then getdoc of the 100-row Renja on an idle server. The data is removed at the end.
"""

import random
import re
import statistics
import sys
import threading
import time
from collections import defaultdict

import frappe
import requests

from kinerja_sop.domain.catalogue import SOP_DOCUMENTS
from kinerja_sop.domain.workflow_builder import FINAL_STATE

PASSWORD = "Kinerja-Bench-2027!"
UNITS = ("LOADA", "LOADB")
PROGRAMME_ROWS = 50
DOCS_PER_STEP = 2
PAUSE = (0.5, 1.5)
# Officials reach their desks over the first seconds, not all in the same instant
# (20 workspaces opened at once on cold workers would measure a thundering herd).
ARRIVAL = 10
# The workspace shows the Kepatuhan SOP charts to the report's roles only.
REPORT_ROLES = {"Camat", "Sekretaris", "Kasubag Evapor"}


# --- set-up (in-process, as Administrator) ------------------------------------


def programme_rows(count: int) -> list[dict]:
	return [
		{
			"program": f"Program {i // 5 + 1} Penyelenggaraan Pemerintahan Kecamatan",
			"kegiatan": f"Kegiatan {i + 1} koordinasi dan pembinaan",
			"sub_kegiatan": f"Sub kegiatan {i + 1}",
			"indikator_kinerja": "Persentase layanan yang diselesaikan tepat waktu",
			"target": 90,
			"satuan": "%",
			"pagu_indikatif": 25_000_000 + 1_000_000 * i,
			"lokasi": "Kecamatan",
		}
		for i in range(count)
	]


def make_officials(code: str):
	from frappe.permissions import add_user_permission
	from frappe.utils.password import update_password

	from kinerja_sop.domain.catalogue import TEAM_ROLE
	from kinerja_sop.tests.factories import make_user
	from kinerja_sop.tests.sop_walk import make_office

	office = make_office(code)
	team = [office.tim1, office.tim2]
	for i in range(3, 6):
		user = make_user(f"tim{i}.{code.lower()}@example.com", (TEAM_ROLE,))
		add_user_permission("Unit Kerja", office.unit, user, ignore_permissions=True)
		team.append(user)
	office.team = team
	for user in (office.camat, office.sekretaris, office.evapor, office.staf, office.umum, *team):
		update_password(user, PASSWORD)
		# Checked in the database, not Frappe's user-permission cache: a killed run leaves it stale.
		grant = {"user": user, "allow": "Unit Kerja", "for_value": office.unit}
		if not frappe.db.exists("User Permission", grant):
			frappe.get_doc({"doctype": "User Permission", **grant}).insert(ignore_permissions=True)
		frappe.cache.hdel("user_permissions", user)
	frappe.cache.delete_value("user_permissions")
	return office


def content(office, rows: int) -> dict:
	"""Everything the Renja's Kelengkapan asks for, so each step can be done as it stands."""
	return {
		"team": [{"user": user, "is_leader": int(i == 0)} for i, user in enumerate(office.team)],
		"program_kegiatan": programme_rows(rows),
		"lampiran_data_sumber": office.attachment,
		"pendahuluan": "<p>Pendahuluan</p>",
		"tujuan_dan_sasaran": "<p>Tujuan dan sasaran</p>",
		"penutup": "<p>Penutup</p>",
		"disposisi": "Gandakan dan distribusikan kepada pihak terkait.",
	}


def walk_to(doc, office, step_no: int):
	"""Take the document forward (never back) to the state of `step_no`."""
	from frappe.model.workflow import apply_workflow

	from kinerja_sop.walk import current_step

	sop, plan, step = current_step(doc)
	while step is not None and step.no < step_no:
		action = next(t.action for t in plan.transitions_from(doc.workflow_state) if not t.is_rejection)
		if step.requires and "bukti_pengiriman" in step.requires:
			from kinerja_sop.walk import deliver_letter

			deliver_letter(doc.surat_keluar)
		# Set-up as the administrator (who may do every step): the load is where officials act.
		doc = apply_workflow(frappe.get_doc(doc.doctype, doc.name), action)
		sop, plan, step = current_step(doc)
	return doc


def send_letter(name: str, recipients: int = 3):
	"""The mail office registers and sends the letter; the receipts are left to the load."""
	from frappe.model.workflow import apply_workflow

	letter = frappe.get_doc("Surat Keluar", name)
	for i in range(recipients):
		letter.append(
			"penerima", {"nama_penerima": f"Penerima {i + 1}", "metode_pengiriman": "Diantar Langsung"}
		)
	letter.save()
	apply_workflow(letter, "Daftarkan")
	apply_workflow(frappe.get_doc("Surat Keluar", name), "Kirim")


def set_up():
	from kinerja_sop.tests.sop_walk import create_document

	offices = []
	for code in UNITS:
		office = make_officials(code)
		office.code = code
		office.docs = []
		for step_no in range(1, 13):
			for _ in range(DOCS_PER_STEP):
				doc = create_document("Renja", office, **content(office, PROGRAMME_ROWS))
				doc = walk_to(doc, office, step_no)
				if step_no == 12:
					send_letter(doc.surat_keluar)
				office.docs.append(doc.name)
		frappe.db.commit()
		offices.append(office)
	big = create_document("Renja", offices[0], **content(offices[0], 100))
	big = walk_to(big, offices[0], 99)
	frappe.db.commit()
	frappe.cache.delete_value("user_permissions")
	return offices, big.name


def log_snapshot(names) -> dict:
	rows = frappe.get_all(
		"Log Langkah SOP",
		filters={"parenttype": "Renja", "parent": ("in", list(names))},
		fields=["parent", "name", "step_no", "step_state", "started_at", "finished_at", "action", "idx"],
		order_by="parent, idx",
	)
	by_doc = defaultdict(list)
	for row in rows:
		by_doc[row.parent].append(row)
	return by_doc


def tear_down():
	frappe.db.rollback()
	frappe.set_user("Administrator")
	for code in UNITS:
		unit = f"Kecamatan Uji {code}"
		for doctype in ("Renja", "Surat Keluar", "Surat Masuk"):
			for name in frappe.get_all(doctype, filters={"unit_kerja": unit}, pluck="name"):
				doc = frappe.get_doc(doctype, name)
				if doc.docstatus == 1:
					doc.db_set("docstatus", 2)
				frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
		frappe.db.delete("Rekap Kepatuhan SOP", {"unit_kerja": unit})
		frappe.db.delete("User Permission", {"for_value": unit})
		if frappe.db.exists("Unit Kerja", unit):
			frappe.delete_doc("Unit Kerja", unit, force=True, ignore_permissions=True)
	frappe.db.commit()
	frappe.cache.delete_value("user_permissions")  # the officials (kept) have no unit now


# --- the officials (HTTP clients) ------------------------------------------------


class Stats:
	def __init__(self):
		self.lock = threading.Lock()
		self.times = defaultdict(list)
		self.errors = defaultdict(list)
		self.applied = defaultdict(list)  # document -> [(from state, action, to state)]
		self.claimed = set()
		self.ready_letters = set()  # letters whose every receipt is in: their Renja may finish


class Official(threading.Thread):
	def __init__(self, base: str, user: str, role: str, office, plan, stats: Stats, until: float, big: str):
		super().__init__(daemon=True)
		self.base, self.user, self.role, self.office = base, user, role, office
		self.plan, self.stats, self.until = plan, stats, until
		self.big, self.big_office = big
		self.http = requests.Session()
		self.http.headers["Host"] = frappe.local.site  # gunicorn serves every site: pick ours
		self.states = [s.name for s in plan.states if s.role == role]
		self.rng = random.Random(user)

	def call(self, kind: str, method: str, data: dict | None = None, post: bool = False):
		url = f"{self.base}/api/method/{method}"
		started = time.perf_counter()
		try:
			if post:
				response = self.http.post(url, json=data or {}, headers=self.headers, timeout=60)
			else:
				response = self.http.get(url, params=data or {}, headers=self.headers, timeout=60)
		except requests.RequestException as e:
			with self.stats.lock:
				self.stats.errors[kind].append(f"{self.user}: {e}")
			return None
		elapsed = (time.perf_counter() - started) * 1000
		with self.stats.lock:
			self.stats.times[kind].append(elapsed)
			if response.status_code != 200:
				self.stats.errors[kind].append(
					f"{self.user}: HTTP {response.status_code} {response.text[:300]}"
				)
				return None
		body = response.json()
		return body.get("message", body)  # getdoc answers with "docs", not "message"

	def log_in(self):
		response = self.http.post(f"{self.base}/api/method/login", json={"usr": self.user, "pwd": PASSWORD})
		response.raise_for_status()
		page = self.http.get(f"{self.base}/app").text  # the desk's boot gives the CSRF token
		token = re.search(r'csrf_token\s*=\s*"([^"]+)"', page)
		self.headers = {"X-Frappe-CSRF-Token": token.group(1)} if token else {}

	def pause(self):
		time.sleep(self.rng.uniform(*PAUSE))
		return time.time() < self.until

	def run(self):
		time.sleep(self.rng.uniform(0, ARRIVAL))
		self.log_in()
		rounds = 0
		while time.time() < self.until:
			if rounds % 4 == 0:  # the workspace is the desk's home: opened now and then, not for each step
				self.open_workspace()
				if not self.pause():
					break
			rounds += 1
			waiting = self.open_list()
			if not self.pause():
				break
			name = self.pick(waiting)
			opened = name or (waiting[0]["name"] if waiting else self.office.docs[0])
			doc = self.call("getdoc", "frappe.desk.form.load.getdoc", {"doctype": "Renja", "name": opened})
			if not self.pause():
				break
			if name and doc:
				self.do_step(doc["docs"][0])
				if not self.pause():
					break
			if self.role in ("Staf", "Kasubag Umum"):
				self.record_receipt()
				if not self.pause():
					break
			if self.role in ("Camat", "Sekretaris") and self.office is self.big_office:
				self.call(
					"getdoc 100-row Renja",
					"frappe.desk.form.load.getdoc",
					{"doctype": "Renja", "name": self.big},
				)
				self.pause()

	def open_workspace(self):
		page = frappe.as_json({"name": "Kinerja", "title": "Kinerja", "public": 1})
		self.call("workspace page", "frappe.desk.desktop.get_desktop_page", {"page": page})
		self.call("workspace sidebar", "frappe.desk.desktop.get_workspace_sidebar_items")
		for method in ("waiting_for_me", "overdue_steps", "documents_in_progress"):
			self.call("number card", f"kinerja_sop.kinerja.dashboard.{method}", {"filters": "{}"})
		for method in ("documents_by_state", "overdue_steps_by_role", "iku_achievement_by_year"):
			self.call("chart (custom source)", f"kinerja_sop.kinerja.dashboard.{method}", {"filters": "{}"})
		for group_by in ("SOP", "Peran", "Langkah") if self.role in REPORT_ROLES else ():
			self.call(
				"chart (Kepatuhan SOP report)",
				"frappe.desk.query_report.run",
				{
					"report_name": "Kepatuhan SOP",
					"filters": frappe.as_json({"group_by": group_by}),
					"ignore_prepared_report": 1,
				},
			)
		for doctype in SOP_DOCUMENTS:
			self.call(
				"shortcut count",
				"frappe.client.get_count",
				{"doctype": doctype, "filters": '{"docstatus": 0}'},
			)

	def open_list(self) -> list[dict]:
		rows = self.call(
			"list",
			"frappe.desk.reportview.get",
			{
				"doctype": "Renja",
				"fields": frappe.as_json(
					[
						"`tabRenja`.`name`",
						"`tabRenja`.`workflow_state`",
						"`tabRenja`.`title`",
						"`tabRenja`.`step_due`",
						"`tabRenja`.`surat_keluar`",
						"`tabRenja`.`modified`",
					]
				),
				"filters": frappe.as_json([["Renja", "workflow_state", "in", self.states]]),
				"order_by": "`tabRenja`.`modified` desc",
				"start": 0,
				"page_length": 20,
				"view": "List",
				"with_comment_count": 1,
			},
			post=True,
		)
		if not rows:
			return []
		return [dict(zip(rows["keys"], values, strict=False)) for values in rows["values"]]

	def pick(self, waiting: list[dict]) -> str | None:
		last_state = self.plan.states[-2].name  # the last step waits for its letter's receipts
		candidates = [
			row["name"]
			for row in waiting
			if row["workflow_state"] != last_state or row.get("surat_keluar") in self.stats.ready_letters
		]
		self.rng.shuffle(candidates)
		with self.stats.lock:
			for name in candidates:
				if name not in self.stats.claimed:
					self.stats.claimed.add(name)
					return name
		return None

	def do_step(self, doc: dict):
		state = doc["workflow_state"]
		if state not in self.states:  # the list was older than the document: someone else did it
			with self.stats.lock:
				self.stats.claimed.discard(doc["name"])
			return
		action = next(t.action for t in self.plan.transitions_from(state) if not t.is_rejection)
		result = self.call(
			"apply_workflow",
			"frappe.model.workflow.apply_workflow",
			{"doc": frappe.as_json(doc), "action": action},
			post=True,
		)
		with self.stats.lock:
			if result:
				self.stats.applied[doc["name"]].append((state, action, result["workflow_state"]))
			self.stats.claimed.discard(doc["name"])

	def record_receipt(self):
		letters = self.call(
			"list",
			"frappe.desk.reportview.get",
			{
				"doctype": "Surat Keluar",
				"fields": frappe.as_json(["`tabSurat Keluar`.`name`"]),
				"filters": frappe.as_json([["Surat Keluar", "workflow_state", "=", "Dikirim"]]),
				"start": 0,
				"page_length": 20,
				"view": "List",
			},
			post=True,
		)
		if not letters or not letters["values"]:
			return
		names = [values[0] for values in letters["values"]]
		self.rng.shuffle(names)
		with self.stats.lock:
			name = next((n for n in names if n not in self.stats.claimed), None)
			if not name:
				return
			self.stats.claimed.add(name)
		try:
			letter = self.call(
				"getdoc", "frappe.desk.form.load.getdoc", {"doctype": "Surat Keluar", "name": name}
			)
			if not letter:
				return
			pending = [row for row in letter["docs"][0]["penerima"] if not row.get("diterima_pada")]
			if not pending:
				return
			result = self.call(
				"record_receipt",
				"kinerja_sop.persuratan.api.record_receipt",
				{
					"surat_keluar": name,
					"recipient": pending[0]["name"],
					"received_by": "Petugas TU",
					"position": "Staf TU",
				},
				post=True,
			)
			if result and len(pending) == 1:
				with self.stats.lock:
					self.stats.ready_letters.add(name)
		finally:
			with self.stats.lock:
				self.stats.claimed.discard(name)


def percentile(values, p):
	ordered = sorted(values)
	return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def verify(before: dict, after: dict, applied: dict) -> list[str]:
	"""Every step done over HTTP is one finished row of the document's log, in the
	order done, no step lost or doubled; each step started one row; the log is a chain."""
	problems = []
	for name, rows in after.items():
		done = applied.get(name, [])
		old = {row.name: row for row in before.get(name, [])}
		finished = [
			row for row in rows if row.finished_at and not (row.name in old and old[row.name].finished_at)
		]
		if [(row.step_state, row.action) for row in finished] != [
			(state, action) for state, action, _to in done
		]:
			problems.append(
				f"{name}: done {[a for _s, a, _t in done]}, logged {[r.action for r in finished]}"
			)
		started = [row for row in rows if row.name not in old]
		if len(started) != sum(1 for _s, _a, to in done if to != FINAL_STATE):
			problems.append(f"{name}: {len(started)} steps started for {len(done)} done")
		if sum(1 for row in rows if not row.finished_at) > 1:
			problems.append(f"{name}: more than one open step")
		if [row.idx for row in rows] != list(range(1, len(rows) + 1)):
			problems.append(f"{name}: rows numbered {[row.idx for row in rows]}")
		for previous, row in zip(rows, rows[1:], strict=False):
			if not previous.finished_at or row.started_at < previous.finished_at:
				problems.append(f"{name}: row {row.idx} starts before row {previous.idx} finished")
	return problems


def wait_for_hand_overs(site: str, timeout: float = 300) -> tuple[int, float, int]:
	"""Wait until no hand-over job of the site is queued or running. Returns the RQ workers
	serving the short queue, the seconds waited after the run and the jobs still left."""
	from frappe.utils.background_jobs import get_jobs, get_queue, get_workers

	workers = len(get_workers(get_queue("short")))
	started = time.perf_counter()
	while (
		workers and get_jobs(site=site, queue="short").get(site) and time.perf_counter() - started < timeout
	):
		time.sleep(0.5)
	return workers, time.perf_counter() - started, len(get_jobs(site=site, queue="short").get(site, []))


def verify_hand_overs(before: dict, after: dict, applied: dict, since) -> list[str]:
	"""After the workers' jobs: each document's open ToDos are those of the owners of the step
	it waits at (none once it has ended), and each step started has one hand-over line."""
	problems = []
	for name in applied:
		doc = frappe.get_doc("Renja", name)
		waiting = doc.step_log[-1] if doc.current_step and not doc.step_log[-1].finished_at else None
		owners = set(doc.get_step_owners(waiting.role)) if waiting else set()
		todos = frappe.get_all(
			"ToDo",
			filters={"reference_type": "Renja", "reference_name": name, "status": "Open"},
			pluck="allocated_to",
		)
		if sorted(todos) != sorted(owners):
			problems.append(f"{name}: open ToDos for {sorted(todos)}, step owners {sorted(owners)}")
		old = {row.name for row in before.get(name, [])}
		started = [row for row in after.get(name, []) if row.name not in old]
		expected = sum(1 for row in started if doc.get_step_owners(row.role))
		lines = frappe.db.count(
			"Comment",
			{
				"reference_doctype": "Renja",
				"reference_name": name,
				"comment_type": "Info",
				"creation": (">=", since),
			},
		)
		if lines != expected:
			problems.append(f"{name}: {lines} hand-over lines for {expected} steps handed over")
	return problems


def main(site: str, base: str, seconds: int = 60, officials: int = 20):
	frappe.init(site=site)
	frappe.connect()
	from kinerja_sop.kinerja.sop_document import get_sop_flow

	_sop, plan = get_sop_flow("Renja")
	started = time.perf_counter()
	tear_down()  # a killed run may have left its data
	offices, big = set_up()
	print(
		f"set-up: {time.perf_counter() - started:.0f} s, {sum(len(o.docs) for o in offices)} Renja of {PROGRAMME_ROWS} rows"
	)
	names = [name for office in offices for name in office.docs]
	before = log_snapshot(names)
	frappe.db.commit()

	# The set-up's own steps queued their hand-overs too: the run starts once the workers have
	# done them, so it neither competes with that backlog nor counts its lines.
	workers, waited, _left = wait_for_hand_overs(site)
	if workers:
		print(f"set-up's hand-over jobs done by {workers} RQ workers in {waited:.0f} s")
	stats = Stats()
	since = frappe.utils.now_datetime()
	until = time.time() + seconds
	threads = []
	for office in offices:
		people = [
			(office.camat, "Camat"), (office.sekretaris, "Sekretaris"), (office.evapor, "Kasubag Evapor"),
			(office.staf, "Staf"), (office.umum, "Kasubag Umum"), *((user, "Tim Kinerja") for user in office.team),
		]  # fmt: skip
		for user, role in people[: officials // len(offices)]:
			threads.append(Official(base, user, role, office, plan, stats, until, (big, offices[0])))
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join(timeout=seconds + 120)

	print(
		f"{len(threads)} officials of {len(offices)} units for {seconds} s, arriving over the first {ARRIVAL} s,"
		f" pause {PAUSE[0]}-{PAUSE[1]} s between requests"
	)
	for kind in sorted(stats.times):
		values = stats.times[kind]
		print(
			f"{kind:30} n {len(values):5}  p50 {percentile(values, 50):7.1f} ms  p95 {percentile(values, 95):7.1f} ms"
			f"  max {max(values):7.1f} ms  errors {len(stats.errors.get(kind, []))}"
		)
	errors = [e for kind in stats.errors for e in stats.errors[kind]]
	print(f"requests: {sum(len(v) for v in stats.times.values())}, errors: {len(errors)}")
	for error in errors[:10]:
		print("  ", error)

	frappe.db.rollback()
	after = log_snapshot(names)
	problems = verify(before, after, stats.applied)
	steps = sum(len(v) for v in stats.applied.values())
	print(f"steps done: {steps} on {len(stats.applied)} documents; lost or doubled steps: {len(problems)}")
	for problem in problems[:10]:
		print("  ", problem)

	workers, waited, left = wait_for_hand_overs(site)
	if not workers:
		print(
			"hand-over jobs: NO RQ WORKER serves the short queue, so the ToDos and hand-over lines were"
			" not made and are not checked (start workers as the docstring says)"
		)
	else:
		frappe.db.rollback()
		wrong = verify_hand_overs(before, log_snapshot(names), stats.applied, since)
		print(
			f"hand-over jobs ({workers} RQ workers): all done {waited:.1f} s after the run, {left} left;"
			f" documents with wrong ToDos or hand-over lines: {len(wrong)}"
		)
		for problem in wrong[:10]:
			print("  ", problem)

	idle = requests.Session()
	idle.headers["Host"] = site
	idle.post(f"{base}/api/method/login", json={"usr": offices[0].camat, "pwd": PASSWORD}).raise_for_status()
	times = []
	for _ in range(30):
		t = time.perf_counter()
		response = idle.get(
			f"{base}/api/method/frappe.desk.form.load.getdoc", params={"doctype": "Renja", "name": big}
		)
		times.append((time.perf_counter() - t) * 1000)
		assert response.status_code == 200, response.text
	rows = len(frappe.get_doc("Renja", big).program_kegiatan)
	print(
		f"getdoc of a {rows}-row Renja with its full log, idle server: p50 {percentile(times, 50):.1f} ms p95 {percentile(times, 95):.1f} ms (n 30, median {statistics.median(times):.1f})"
	)

	if "--keep" not in sys.argv:
		tear_down()
	frappe.destroy()


if __name__ == "__main__":
	args = [a for a in sys.argv[1:] if not a.startswith("--")]
	main(args[0], args[1].rstrip("/"), *(int(a) for a in args[2:4]))
