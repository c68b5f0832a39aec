"""How fast the SOP compliance report (Kepatuhan SOP) answers over a large step log.

Run on a bench, against a site with kinerja_sop installed:

    cd ~/frappe-bench/sites
    ../env/bin/python /path/to/kinerja_sop/benchmarks/compliance_report.py <site> [rows] [units] [years]

Inserts `rows` step-log rows (default 1,000,000) over `units` units (default
10) and the last `years` calendar years (default 1; a kabupaten of 30
kecamatan over ten years: `1000000 30 10`), as a real log has them: each
document of one unit and one of the six types (drawn by how often a kecamatan
runs it: monitoring and measuring quarterly, ...), its steps a working day
apart, each with the role its SOP step names. Then it counts them into the
monthly summary (as the upgrade patch does) and times the report grouped by
step (median of 3 runs): as the administrator across all units, as the
administrator filtering one unit, and as a user of one unit (who sees only
that unit, through the User Permission the report reads), over the last
calendar year (whole months), over 15 Jan - 15 Dec of that year (two partial
months read from the log) and, with several years, over the whole span from
15 Jan of the first year. Each case is run three ways, which must give the
same rows: the report as it runs (whole months from the summary), the same
through `get_data(..., "summary")` without the report's columns and chart, and
the whole period from the step log alone (`get_data(..., "log")`). The rows
are generated inside MariaDB (its sequence engine) and removed at the end
(`--keep` keeps them, `--reuse` then times them again without generating); a
killed run is cleaned up by the next one.
"""

import statistics
import sys
import time
from datetime import datetime

import frappe

from kinerja_sop.domain.catalogue import SOP_DOCUMENTS
from kinerja_sop.kinerja.doctype.rekap_kepatuhan_sop.rekap_kepatuhan_sop import rebuild
from kinerja_sop.kinerja.report.kepatuhan_sop.kepatuhan_sop import (
	GROUPINGS,
	execute,
	get_data,
)

UNIT_USER = "kepatuhan.bench@example.com"
LAST_YEAR = 2026


def units_of(count: int) -> list[str]:
	return [f"BENCH-UNIT-{i}" for i in range(count)]


def remove_rows():
	frappe.db.sql("delete from `tabLog Langkah SOP` where `parent` like 'BENCH-%%'")
	frappe.db.sql("delete from `tabRekap Kepatuhan SOP` where `unit_kerja` like 'BENCH-UNIT-%%'")
	frappe.db.sql("delete from `tabUnit Kerja` where `name` like 'BENCH-UNIT-%%'")
	frappe.db.delete("User Permission", {"user": UNIT_USER})
	frappe.db.delete("Has Role", {"parent": UNIT_USER})
	frappe.db.delete("User", {"name": UNIT_USER})
	frappe.db.commit()


# How many documents of each type a kecamatan runs in a year: monitoring and measuring
# quarterly, the IKU data twice, the plan, the report and the evaluation once.
DOCUMENTS_PER_YEAR = {
	"Renja": 1,
	"Pemantauan Kinerja": 4,
	"Pengukuran Kinerja": 4,
	"Data IKU": 2,
	"Laporan Kinerja": 1,
	"Evaluasi Kinerja": 1,
}
SLOTS = 12  # log rows per generated document: its steps in order, a short SOP's first steps done again


def step_table() -> str:
	"""(type, step, steps of the SOP, role) of every step of the active SOPs, as a derived table."""
	from kinerja_sop.kinerja.sop_document import get_sop_flow

	rows = []
	for index, doctype in enumerate(SOP_DOCUMENTS):
		sop, _plan = get_sop_flow(doctype)
		rows += [
			f"select {index} as dt, {frappe.db.escape(doctype)} as doctype, {step.no} as step_no,"
			f" {len(sop.steps)} as steps, {frappe.db.escape(step.role)} as role"
			for step in sop.steps
		]
	return " union all ".join(rows)


def insert_units(units: list[str]):
	"""The units as records (the report lists every Unit Kerja for the administrator); written
	directly, as bare names: nothing here reads their officials or calendar."""
	for unit in units:
		frappe.db.sql(
			"""insert into `tabUnit Kerja` (name, unit_name, creation, modified, owner, modified_by)
			values (%(unit)s, %(unit)s, now(6), now(6), 'Administrator', 'Administrator')""",
			{"unit": unit},
		)


def insert_rows(count: int, units: list[str], years: int):
	"""Rows of documents as a real log has them, in one statement per 100,000 rows (MariaDB's
	seq_M_to_N tables): each document of one unit and one type (drawn by how often a kecamatan
	runs it), started at a random minute of the period, its steps one working day apart, each
	with the role its SOP step names."""
	first = datetime(LAST_YEAR - years + 1, 1, 1)
	minutes = int((datetime(LAST_YEAR + 1, 1, 1) - first).total_seconds() // 60)
	weights = [i for i, doctype in enumerate(SOP_DOCUMENTS) for _ in range(DOCUMENTS_PER_YEAR[doctype])]
	steps = step_table()
	for offset in range(0, count, 100_000):
		size = min(100_000, count - offset)
		frappe.db.sql(
			f"""insert into `tabLog Langkah SOP`
				(name, creation, modified, owner, modified_by, docstatus, idx, parent, parenttype, parentfield,
				step_no, role, is_late, spent_minutes, started_at, finished_at, unit_kerja)
			select concat('BENCH-', lpad(n, 8, '0')), now(6), now(6), 'Administrator', 'Administrator', 1,
				slot + 1, concat('BENCH-', lpad(doc, 7, '0')), s.doctype, 'step_log', s.step_no, s.role,
				rand() < 0.3, 5 + rand() * 895, started, started + interval floor(6 + rand() * 1794) minute,
				unit
			from (
				select seq as n, seq div {SLOTS} as doc, mod(seq, {SLOTS}) as slot,
					elt(1 + mod(crc32(concat('t', seq div {SLOTS})), {len(weights)}), {", ".join(map(str, weights))})
						as dt,
					elt(1 + mod(crc32(concat('u', seq div {SLOTS})), {len(units)}),
						{", ".join(frappe.db.escape(u) for u in units)}) as unit,
					%(first)s + interval mod(crc32(concat('d', seq div {SLOTS})), {minutes}) minute
						+ interval mod(seq, {SLOTS}) day as started
				from seq_{offset}_to_{offset + size - 1}
			) as generated
			join ({steps}) as s on s.dt = generated.dt and s.step_no = 1 + mod(generated.slot, s.steps)""",
			{"first": first},
		)
	frappe.db.commit()


def make_unit_user(unit: str) -> str:
	"""A Camat of one unit: the report shows this user only that unit."""
	frappe.get_doc(
		{
			"doctype": "User",
			"email": UNIT_USER,
			"first_name": "Kepatuhan",
			"send_welcome_email": 0,
			"roles": [{"role": "Camat"}],
		}
	).insert(ignore_permissions=True)
	frappe.get_doc(
		{"doctype": "User Permission", "user": UNIT_USER, "allow": "Unit Kerja", "for_value": unit}
	).insert(ignore_permissions=True, ignore_links=True)
	frappe.db.commit()
	return UNIT_USER


def timed(run, rounds: int = 3) -> tuple[float, int]:
	times, rows = [], []
	for _ in range(rounds):
		started = time.perf_counter()
		rows = run()
		times.append(time.perf_counter() - started)
	return statistics.median(times), rows


def report(filters: dict, user: str, source: str | None = None):
	"""The report as the user runs it (`source` None: the report chooses), its rows."""

	def run():
		frappe.set_user(user)
		try:
			if source is None:
				return execute(filters)[1]
			return get_data(frappe._dict(filters), GROUPINGS[filters["group_by"]], source)
		finally:
			frappe.set_user("Administrator")

	return run


def main(site: str, count: int = 1_000_000, unit_count: int = 10, years: int = 1):
	frappe.init(site=site)
	frappe.connect()
	units = units_of(unit_count)
	reuse = (
		"--reuse" in sys.argv and frappe.db.count("Log Langkah SOP", {"parent": ("like", "BENCH-%")}) == count
	)
	try:
		if reuse:
			print(f"reusing the {count:,} generated step-log rows and their summary (--reuse)")
		else:
			remove_rows()
			started = time.perf_counter()
			insert_units(units)
			insert_rows(count, units, years)
			print(
				f"inserted {count:,} step-log rows over {unit_count} units and {years} year(s)"
				f" in {time.perf_counter() - started:.0f} s"
			)
			started = time.perf_counter()
			rebuild()
			frappe.db.commit()
			print(f"monthly summary rebuilt from the log in {time.perf_counter() - started:.1f} s")
		print(
			f"step-log rows in the table: {frappe.db.count('Log Langkah SOP'):,};"
			f" monthly summary rows: {frappe.db.count('Rekap Kepatuhan SOP'):,}"
		)
		unit_user = UNIT_USER if frappe.db.exists("User", UNIT_USER) else make_unit_user(units[0])
		periods = {
			"year    ": {"from_date": f"{LAST_YEAR}-01-01", "to_date": f"{LAST_YEAR}-12-31"},
			"15-15   ": {"from_date": f"{LAST_YEAR}-01-15", "to_date": f"{LAST_YEAR}-12-15"},
		}
		if years > 1:
			periods[f"{years} years"] = {
				"from_date": f"{LAST_YEAR - years + 1}-01-15",
				"to_date": f"{LAST_YEAR}-12-15",
			}
		worst = 0.0
		for period_label, period in periods.items():
			for label, filters, user in (
				("admin, one unit", {"unit_kerja": units[0]}, "Administrator"),
				("admin, all units", {}, "Administrator"),
				("unit user", {}, unit_user),
			):
				asked = {**period, **filters, "group_by": "Langkah"}
				report_time, rows = timed(report(asked, user))  # the summary, with the report's columns
				summary_time, from_summary = timed(report(asked, user, "summary"))
				log_time, from_log = timed(report(asked, user, "log"))
				assert rows == from_summary == from_log, f"{period_label} {label}: the two ways disagree"
				worst = max(worst, summary_time / log_time)
				print(
					f"{period_label} {label:16}: report {report_time * 1000:6.0f} ms"
					f" | summary {summary_time * 1000:6.0f} ms"
					f" | log only {log_time * 1000:6.0f} ms | {len(rows)} rows, identical"
				)
		print(f"highest ratio summary / log only: {worst:.2f} (above 1: the log alone was faster)")
	finally:
		frappe.set_user("Administrator")
		if "--keep" not in sys.argv:
			remove_rows()
		frappe.destroy()


if __name__ == "__main__":
	args = [int(a) for a in sys.argv[2:5] if not a.startswith("--")]
	main(sys.argv[1], *args)
