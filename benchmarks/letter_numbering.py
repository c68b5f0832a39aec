"""How fast letter numbers are drawn under concurrency, against Frappe's naming series.

Run on a bench, against a site with kinerja_sop installed:

    cd ~/frappe-bench/sites
    ../env/bin/python /path/to/kinerja_sop/benchmarks/letter_numbering.py kinerja.test [draws_per_worker]

Ours is `kinerja_sop.persuratan.numbering.draw_number(key)`; the baseline is
Frappe's `frappe.model.naming.getseries(key, digits)`, measured in the same
run on the same `tabSeries`. Each side is raced by 1, 8 and 32 worker
processes, each with its own database connection, all drawing from one
counter; every draw is its own transaction (draw, then commit), timed as
draw + commit. Both sides of one worker count run back to back, the first
side alternating between worker counts, so load on the machine hits both
alike. Prints per race the draws, throughput (draws / wall time), p50/p95
latency, failed draws, duplicate numbers and gaps, and per worker count the
throughput ratio ours / getseries.

Goal: ours >= 0.80 of getseries' throughput at every worker count, and no
duplicate, no gap and no failed draw anywhere. Exits non-zero on any
duplicate, gap or failed draw.

The counters are created (current = 0) before each race, for both sides.
getseries reads first (SELECT ... FOR UPDATE) and INSERTs when the row is
missing: workers racing to create the same new counter deadlock there, which
would measure the deadlock, not the increment. So both sides measure
steady-state increments. One extra race, ours only, has 8 workers create a
brand-new counter at once, to show the upsert neither deadlocks nor skips.

The worker processes are started and connected (and warmed up on counters of
their own) before any timing. Counter keys are fresh per run (`SK:BENCHNUM...`,
with a ':' as our real keys have, and `BENCHNUMGS...-`, a naming-series
prefix); they are deleted at the start (a killed run may have left some) and
at the end.
"""

import multiprocessing
import os
import queue
import secrets
import sys
import time

import frappe
from frappe.model.naming import getseries

from kinerja_sop.persuratan.numbering import draw_number

WORKER_COUNTS = (1, 8, 32)
NEW_COUNTER_WORKERS = 8
SIDES = ("ours", "getseries")
OURS_PREFIX = "SK:BENCHNUM"
GETSERIES_PREFIX = "BENCHNUMGS"
WARM_UP_DRAWS = 5
RACE_TIMEOUT = 300  # seconds; innodb_lock_wait_timeout (50 s) fails a stuck draw well before

DRAW = {
	"ours": draw_number,
	"getseries": lambda key: int(getseries(key, 5)),
}


def counter_key(side: str, run: str, label: str) -> str:
	if side == "ours":
		return f"{OURS_PREFIX}{run}{label}:2099"
	return f"{GETSERIES_PREFIX}{run}{label}-"


def draw_many(side: str, key: str, draws: int):
	"""Draw `draws` numbers, each in its own transaction; a failed draw is rolled back and counted."""
	draw = DRAW[side]
	latencies, numbers, errors = [], [], []
	first = time.monotonic()  # system-wide clock, comparable between the workers
	for _ in range(draws):
		started = time.perf_counter()
		try:
			number = draw(key)
			frappe.db.commit()
		except Exception as e:
			frappe.db.rollback()
			errors.append(repr(e))
			continue
		latencies.append((time.perf_counter() - started) * 1000)
		numbers.append(number)
	return latencies, numbers, errors, first, time.monotonic()


def worker(site: str, sites_path: str, run: str, index: int, tasks, results):
	"""One OS process with its own connection; runs the races it is handed until told to stop."""
	frappe.init(site=site, sites_path=sites_path)
	frappe.connect()
	try:
		# Warm-up on counters of its own (no race) so first-call costs are not timed.
		for side in SIDES:
			draw_many(side, counter_key(side, run, f"WARM{index}"), WARM_UP_DRAWS)
		results.put("ready")
		while (task := tasks.get()) is not None:
			side, key, draws, start_at = task
			time.sleep(max(0.0, start_at - time.monotonic()))
			results.put(draw_many(side, key, draws))
	finally:
		frappe.destroy()


def delete_bench_counters():
	frappe.db.sql(
		"delete from `tabSeries` where `name` like %s or `name` like %s",
		(f"{OURS_PREFIX}%", f"{GETSERIES_PREFIX}%"),
	)
	frappe.db.commit()


def create_counter(key: str):
	frappe.db.sql("insert into `tabSeries` (`name`, `current`) values (%s, 0)", (key,))
	frappe.db.commit()


def race(pool, results, workers: int, side: str, key: str, draws: int) -> dict:
	# A common start time a moment ahead, so all workers begin together.
	start_at = time.monotonic() + 0.3
	for tasks, _ in pool[:workers]:
		tasks.put((side, key, draws, start_at))
	outcomes = collect(pool, results, workers)
	latencies = [ms for o in outcomes for ms in o[0]]
	numbers = [n for o in outcomes for n in o[1]]
	errors = [e for o in outcomes for e in o[2]]
	wall = max(o[4] for o in outcomes) - min(o[3] for o in outcomes)
	return {
		"workers": workers,
		"side": side,
		"draws": len(numbers),
		"throughput": len(numbers) / wall,
		"p50": percentile(latencies, 50),
		"p95": percentile(latencies, 95),
		"errors": errors,
		"duplicates": len(numbers) - len(set(numbers)),
		"gaps": len(set(range(1, max(numbers, default=0) + 1)) - set(numbers)),
	}


def percentile(values, p):
	if not values:
		return float("nan")
	ordered = sorted(values)
	return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def print_row(r: dict):
	print(
		f"{r['workers']:>7}  {r['side']:<18} {r['draws']:>6} {r['throughput']:>12.0f} "
		f"{r['p50']:>7.2f} {r['p95']:>7.2f} {len(r['errors']):>6} {r['duplicates']:>10} {r['gaps']:>5}",
		flush=True,
	)


def start_pool(site: str, sites_path: str, run: str, size: int):
	"""`size` connected, warmed-up worker processes, each with its own task queue."""
	context = multiprocessing.get_context("spawn")
	results = context.Queue()
	pool = []
	for index in range(size):
		tasks = context.Queue()
		process = context.Process(
			target=worker, args=(site, sites_path, run, index, tasks, results), daemon=True
		)
		process.start()
		pool.append((tasks, process))
	collect(pool, results, size)
	return pool, results


def collect(pool, results, count: int) -> list:
	"""`count` messages from the workers; fails instead of hanging if a worker died."""
	messages = []
	deadline = time.monotonic() + RACE_TIMEOUT
	while len(messages) < count:
		try:
			messages.append(results.get(timeout=1))
		except queue.Empty:
			dead = [p.exitcode for _, p in pool if not p.is_alive()]
			if dead or time.monotonic() > deadline:
				raise RuntimeError(f"workers stopped answering (exit codes of dead ones: {dead})") from None
	return messages


def stop_pool(pool):
	for tasks, _ in pool:
		tasks.put(None)
	for _, process in pool:
		process.join(timeout=30)
		if process.is_alive():
			process.terminate()


def main(site: str, draws: int) -> int:
	sites_path = os.getcwd()
	frappe.init(site=site, sites_path=sites_path)
	frappe.connect()
	run = secrets.token_hex(3).upper()
	delete_bench_counters()
	pool = []
	rows = []
	try:
		pool, results = start_pool(site, sites_path, run, max(WORKER_COUNTS))
		print(f"{draws} draws per worker, each draw + commit its own transaction (run {run})")
		print(
			f"{'workers':>7}  {'side':<18} {'draws':>6} {'throughput/s':>12} {'p50 ms':>7} {'p95 ms':>7} {'failed':>6} {'duplicates':>10} {'gaps':>5}"
		)
		for i, workers in enumerate(WORKER_COUNTS):
			by_side = {}
			for side in SIDES if i % 2 == 0 else SIDES[::-1]:
				key = counter_key(side, run, f"W{workers}")
				create_counter(key)
				by_side[side] = race(pool, results, workers, side, key, draws)
				print_row(by_side[side])
				rows.append(by_side[side])
			ratio = by_side["ours"]["throughput"] / by_side["getseries"]["throughput"]
			print(f"{'':>7}  throughput ours / getseries: {ratio:.2f}", flush=True)
		# No row created beforehand: the workers race to create the counter.
		new = race(pool, results, NEW_COUNTER_WORKERS, "ours", counter_key("ours", run, "NEW"), draws)
		new["side"] = "ours, new counter"
		print_row(new)
		rows.append(new)
	finally:
		stop_pool(pool)
		frappe.db.rollback()
		delete_bench_counters()
		left = frappe.db.sql(
			"select count(*) from `tabSeries` where `name` like %s or `name` like %s",
			(f"{OURS_PREFIX}%", f"{GETSERIES_PREFIX}%"),
		)[0][0]
		frappe.destroy()
	print(f"bench counters left in tabSeries: {left}")

	failed = [r for r in rows if r["errors"] or r["duplicates"] or r["gaps"]]
	for r in failed:
		first_error = f", first error: {r['errors'][0]}" if r["errors"] else ""
		print(
			f"FAIL {r['workers']} workers, {r['side']}: {len(r['errors'])} failed, {r['duplicates']} duplicates, {r['gaps']} gaps{first_error}"
		)
	return 1 if failed else 0


if __name__ == "__main__":
	sys.exit(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 200))
