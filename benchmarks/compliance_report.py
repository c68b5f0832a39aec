"""How fast the SOP compliance report (Kepatuhan SOP) answers over a large step log.

Run on a bench, against a site with kinerja_sop installed:

    cd ~/frappe-bench/sites
    ../env/bin/python /path/to/kinerja_sop/benchmarks/compliance_report.py <site> [rows]

Inserts `rows` step-log rows (default 1,000,000) spread over six document
types, ten units and one year, counts them into the monthly summary (as the
upgrade patch does), then times the report (median and worst of 5 runs) for one
unit and for all units, grouped by step, by SOP and by role, over the calendar
year (whole months: the summary alone) and over 15 Jan - 15 Dec (the two partial
months read from the log). The baseline, measured in the same run, is the same
aggregation read from the step log alone, as the report did before the summary.
The rows are removed at the end; a killed run is cleaned up by the next one.
"""

import random
import statistics
import sys
import time
from datetime import datetime, timedelta

import frappe

from kinerja_sop.domain.catalogue import SOP_DOCUMENTS, SOP_ROLES
from kinerja_sop.kinerja.doctype.rekap_kepatuhan_sop.rekap_kepatuhan_sop import rebuild
from kinerja_sop.kinerja.report.kepatuhan_sop.kepatuhan_sop import GROUPINGS, execute, log_totals

DOCTYPES = SOP_DOCUMENTS
ROLES = SOP_ROLES
UNITS = [f"BENCH-UNIT-{i}" for i in range(10)]
FIELDS = (
	"name", "creation", "modified", "owner", "modified_by", "docstatus", "idx", "parent", "parenttype", "parentfield",
	"step_no", "role", "is_late", "spent_minutes", "started_at", "finished_at", "unit_kerja",
)  # fmt: skip


def remove_rows():
	frappe.db.sql("delete from `tabLog Langkah SOP` where `parent` like 'BENCH-%%'")
	frappe.db.sql("delete from `tabRekap Kepatuhan SOP` where `unit_kerja` like 'BENCH-UNIT-%%'")
	frappe.db.commit()


def insert_rows(count: int):
	rng = random.Random(2027)
	start = datetime(2026, 1, 1)
	now = datetime.now()
	batch = []
	for i in range(count):
		started = start + timedelta(minutes=rng.randrange(365 * 24 * 60))
		batch.append(
			(
				f"BENCH-{i:08d}",
				now,
				now,
				"Administrator",
				"Administrator",
				1,
				i % 12 + 1,
				f"BENCH-{i // 12:07d}",
				rng.choice(DOCTYPES),
				"step_log",
				i % 12 + 1,
				rng.choice(ROLES),
				int(rng.random() < 0.3),
				rng.uniform(5, 900),
				started,
				started + timedelta(hours=rng.uniform(0.1, 30)),
				rng.choice(UNITS),
			)  # fmt: skip
		)
		if len(batch) == 20_000:
			frappe.db.bulk_insert("Log Langkah SOP", FIELDS, batch)
			batch = []
	if batch:
		frappe.db.bulk_insert("Log Langkah SOP", FIELDS, batch)
	frappe.db.commit()


def timed(run, rounds: int = 5) -> tuple[float, float, int]:
	times, rows = [], []
	for _ in range(rounds):
		started = time.perf_counter()
		rows = run()
		times.append(time.perf_counter() - started)
	return statistics.median(times), max(times), len(rows)


def report(filters: dict):
	return lambda: execute(filters)[1]


def log_only(filters: dict, units):
	start = datetime.strptime(filters["from_date"], "%Y-%m-%d")
	end = datetime.strptime(filters["to_date"], "%Y-%m-%d") + timedelta(days=1)
	return lambda: log_totals(GROUPINGS[filters["group_by"]], units, start, end)


def main(site: str, count: int = 1_000_000):
	frappe.init(site=site)
	frappe.connect()
	try:
		remove_rows()
		started = time.perf_counter()
		insert_rows(count)
		print(f"inserted {count:,} step-log rows in {time.perf_counter() - started:.0f} s")
		total = frappe.db.count("Log Langkah SOP")
		print(f"step-log rows in the table: {total:,}")
		started = time.perf_counter()
		summary_rows = rebuild()
		frappe.db.commit()
		print(
			f"monthly summary rebuilt from the log in {time.perf_counter() - started:.1f} s: {summary_rows:,} rows"
		)
		periods = {
			"year  ": {"from_date": "2026-01-01", "to_date": "2026-12-31"},
			"15-15 ": {"from_date": "2026-01-15", "to_date": "2026-12-15"},
		}
		worst_ratio = 0.0
		for period_label, period in periods.items():
			for label, filters, units in (
				("one unit", {"unit_kerja": UNITS[0]}, [UNITS[0]]),
				("all units", {}, UNITS),
			):
				for group_by in ("Langkah", "SOP", "Peran"):
					asked = {**period, **filters, "group_by": group_by}
					median, worst, groups = timed(report(asked))
					base, _worst, _groups = timed(log_only(asked, units), rounds=3)
					worst_ratio = max(worst_ratio, median / base)
					print(
						f"{period_label} {label:9} by {group_by:7}: median {median * 1000:6.0f} ms, worst {worst * 1000:6.0f} ms,"
						f" {groups} rows | log only {base * 1000:6.0f} ms | ratio {median / base:.3f}"
					)
		print(f"slowest ratio (report / log only): {worst_ratio:.3f}")
	finally:
		remove_rows()
		frappe.destroy()


if __name__ == "__main__":
	main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000)
