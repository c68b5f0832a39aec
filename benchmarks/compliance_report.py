"""How fast the SOP compliance report (Kepatuhan SOP) answers over a large step log.

Run on a bench, against a site with kinerja_sop installed:

    cd ~/frappe-bench/sites
    ../env/bin/python /path/to/kinerja_sop/benchmarks/compliance_report.py <site> [rows] [units] [years]

Inserts `rows` step-log rows (default 1,000,000) spread over six document
types, `units` units (default 10) and the last `years` calendar years
(default 1; a kabupaten of 30 kecamatan over ten years: `1000000 30 10`),
counts them into the monthly summary (as the upgrade patch does), then times
the report (median and worst of 5 runs) grouped by step, by SOP and by role:
as the administrator across all units, as the administrator filtering one
unit, and as a user of one unit (who sees only that unit, through the
User Permission the report reads), over the last calendar year (whole months:
the summary alone), over 15 Jan - 15 Dec of that year (two partial months read
from the log) and, with several years, over the whole span from 15 Jan of the
first year (every year at once). The baseline, measured in the same run, is
the same aggregation read from the step log alone, as the report did before
the summary. The rows are generated inside MariaDB (its sequence engine) and
removed at the end; a killed run is cleaned up by the next one.
"""

import statistics
import sys
import time
from datetime import datetime, timedelta

import frappe

from kinerja_sop.domain.catalogue import SOP_DOCUMENTS, SOP_ROLES
from kinerja_sop.kinerja.doctype.rekap_kepatuhan_sop.rekap_kepatuhan_sop import rebuild
from kinerja_sop.kinerja.report.kepatuhan_sop.kepatuhan_sop import GROUPINGS, execute, log_totals

UNIT_USER = "kepatuhan.bench@example.com"
LAST_YEAR = 2026


def units_of(count: int) -> list[str]:
	return [f"BENCH-UNIT-{i}" for i in range(count)]


def remove_rows():
	frappe.db.sql("delete from `tabLog Langkah SOP` where `parent` like 'BENCH-%%'")
	frappe.db.sql("delete from `tabRekap Kepatuhan SOP` where `unit_kerja` like 'BENCH-UNIT-%%'")
	frappe.db.delete("User Permission", {"user": UNIT_USER})
	frappe.db.delete("Has Role", {"parent": UNIT_USER})
	frappe.db.delete("User", {"name": UNIT_USER})
	frappe.db.commit()


def insert_rows(count: int, units: list[str], years: int):
	"""Rows of 12-step documents, started at random minutes of the period, in one statement
	per 100,000 rows (MariaDB's seq_M_to_N tables), as a real log: unit, type and role per row."""
	first = datetime(LAST_YEAR - years + 1, 1, 1)
	minutes = int((datetime(LAST_YEAR + 1, 1, 1) - first).total_seconds() // 60)
	pick = lambda values: "elt(1 + floor(rand() * {}), {})".format(  # noqa: E731
		len(values), ", ".join(frappe.db.escape(v) for v in values)
	)
	for offset in range(0, count, 100_000):
		size = min(100_000, count - offset)
		frappe.db.sql(
			f"""insert into `tabLog Langkah SOP`
				(name, creation, modified, owner, modified_by, docstatus, idx, parent, parenttype, parentfield,
				step_no, role, is_late, spent_minutes, started_at, finished_at, unit_kerja)
			select concat('BENCH-', lpad(n, 8, '0')), now(6), now(6), 'Administrator', 'Administrator', 1,
				mod(n, 12) + 1, concat('BENCH-', lpad(n div 12, 7, '0')), {pick(SOP_DOCUMENTS)}, 'step_log',
				mod(n, 12) + 1, {pick(SOP_ROLES)}, rand() < 0.3, 5 + rand() * 895,
				started, started + interval floor(6 + rand() * 1794) minute, {pick(units)}
			from (
				select seq as n, %(first)s + interval mod(crc32(seq), {minutes}) minute as started
				from seq_{offset}_to_{offset + size - 1}
			) as generated""",
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


def timed(run, rounds: int = 5) -> tuple[float, float, int]:
	times, rows = [], []
	for _ in range(rounds):
		started = time.perf_counter()
		rows = run()
		times.append(time.perf_counter() - started)
	return statistics.median(times), max(times), len(rows)


def report(filters: dict, user: str):
	def run():
		frappe.set_user(user)
		try:
			return execute(filters)[1]
		finally:
			frappe.set_user("Administrator")

	return run


def log_only(filters: dict, units):
	start = datetime.strptime(filters["from_date"], "%Y-%m-%d")
	end = datetime.strptime(filters["to_date"], "%Y-%m-%d") + timedelta(days=1)
	return lambda: log_totals(GROUPINGS[filters["group_by"]], units, start, end)


def main(site: str, count: int = 1_000_000, unit_count: int = 10, years: int = 1):
	frappe.init(site=site)
	frappe.connect()
	units = units_of(unit_count)
	try:
		remove_rows()
		started = time.perf_counter()
		insert_rows(count, units, years)
		print(
			f"inserted {count:,} step-log rows over {unit_count} units and {years} year(s)"
			f" in {time.perf_counter() - started:.0f} s"
		)
		total = frappe.db.count("Log Langkah SOP")
		print(f"step-log rows in the table: {total:,}")
		started = time.perf_counter()
		summary_rows = rebuild()
		frappe.db.commit()
		print(
			f"monthly summary rebuilt from the log in {time.perf_counter() - started:.1f} s: {summary_rows:,} rows"
		)
		unit_user = make_unit_user(units[0])
		periods = {
			"year    ": {"from_date": f"{LAST_YEAR}-01-01", "to_date": f"{LAST_YEAR}-12-31"},
			"15-15   ": {"from_date": f"{LAST_YEAR}-01-15", "to_date": f"{LAST_YEAR}-12-15"},
		}
		if years > 1:
			periods[f"{years} years"] = {
				"from_date": f"{LAST_YEAR - years + 1}-01-15",
				"to_date": f"{LAST_YEAR}-12-15",
			}
		worst_ratio = 0.0
		for period_label, period in periods.items():
			for label, filters, user, seen in (
				("admin, one unit", {"unit_kerja": units[0]}, "Administrator", [units[0]]),
				("admin, all units", {}, "Administrator", units),
				("unit user", {}, unit_user, [units[0]]),
			):
				for group_by in ("Langkah", "SOP", "Peran"):
					asked = {**period, **filters, "group_by": group_by}
					median, worst, groups = timed(report(asked, user))
					base, _worst, _groups = timed(log_only(asked, seen), rounds=3)
					worst_ratio = max(worst_ratio, median / base)
					print(
						f"{period_label} {label:16} by {group_by:7}: median {median * 1000:6.0f} ms,"
						f" worst {worst * 1000:6.0f} ms, {groups} rows | log only {base * 1000:6.0f} ms"
						f" | ratio {median / base:.3f}"
					)
		print(f"slowest ratio (report / log only): {worst_ratio:.3f}")
	finally:
		frappe.set_user("Administrator")
		remove_rows()
		frappe.destroy()


if __name__ == "__main__":
	args = [int(a) for a in sys.argv[2:5]]
	main(sys.argv[1], *args)
