"""The browser tier: officials of the demo office at the desk of a served site, in
headless Chromium, logged in through /login.

	python -m kinerja_sop.tests.browser.run --url http://127.0.0.1:8841 --frappe <bench>/apps/frappe/frappe

Needs the demo seed on the site (kinerja_sop.demo.seed). It checks each role's landing
page, walks a new Renja through its twelve steps by clicking Tindakan, sending it back
once at the check step with a reason typed into the dialog, takes one step of each of
the other five documents and the outgoing letters' register, crawls the workspace,
lists, forms and reports for English, and counts severe console messages. Screenshots
go to docs/screenshots/. The last line is the summary: 'browser: N passed, N failed'.
"""

import argparse
import ast
import re
import sys
import traceback
from collections import Counter
from pathlib import Path

from playwright.sync_api import sync_playwright

from kinerja_sop.domain.catalogue import SOP_DOCUMENTS
from kinerja_sop.tests.browser.desk import ConsoleLog, Desk, DeskError
from kinerja_sop.tests.browser.english import REPO, EnglishFinder

DEMO = REPO / "kinerja_sop" / "demo.py"
SCREENSHOTS = REPO / "docs" / "screenshots"
RETURN_ACTION = "Tidak Setuju"
ROLE_KEYS = {"Camat": "camat", "Sekretaris": "sekretaris", "Kasubag Evapor": "evapor", "Staf": "staf"}
ROLE_KEYS |= {"Kasubag Umum": "umum"}
DOCUMENTS = SOP_DOCUMENTS
REPORTS = ("Kepatuhan SOP", "Buku Agenda Surat Keluar")
HAND_OVER = re.compile(r"(menyerahkan Langkah|mengembalikan dokumen ke Langkah) \d+")


def demo_office() -> tuple[dict, str, str, int]:
	"""Users by office key, the password, the unit and the demo year, read from demo.py
	without importing Frappe (this runs outside the bench)."""
	values = {}
	for node in ast.parse(DEMO.read_text()).body:
		if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
			name = node.targets[0].id
			if name in ("OFFICIALS", "TEAM", "DEMO_PASSWORD", "UNIT", "YEAR"):
				values[name] = ast.literal_eval(node.value)
	users = {row[0]: row[2] for row in values["OFFICIALS"]} | {row[0]: row[1] for row in values["TEAM"]}
	return users, values["DEMO_PASSWORD"], values["UNIT"], values["YEAR"]


class Tier:
	def __init__(self, playwright, url: str, english: EnglishFinder):
		self.playwright, self.url, self.english = playwright, url, english
		self.users, self.password, self.unit, self.year = demo_office()
		self.console = ConsoleLog()
		self.desks: dict[str, Desk] = {}
		self.actions = Counter()  # document type -> actions clicked
		self.english_found: dict[str, set] = {}
		self.passed, self.failed = [], []

	# --- bookkeeping -------------------------------------------------------------------

	def check(self, name: str, run):
		try:
			run()
		except Exception as error:  # every check reports; the summary fails the run
			self.failed.append(name)
			print(f"FAIL {name}: {error}")
			traceback.print_exc(limit=3)
		else:
			self.passed.append(name)
			print(f"ok   {name}")

	def desk(self, key: str) -> Desk:
		if key not in self.desks:
			desk = Desk(self.playwright, self.url, self.users[key], self.password, self.console)
			desk.login()
			self.desks[key] = desk
		return self.desks[key]

	def owner(self, role: str, check: bool = False) -> Desk:
		"""Who takes a step: the team leader drafts, the other member checks."""
		if role == "Tim Kinerja":
			return self.desk("tim2" if check else "tim1")
		return self.desk(ROLE_KEYS[role])

	def act(self, desk: Desk, doctype: str, name: str, action: str | None = None, values=None) -> str:
		"""As the step's owner: write what the step asks for, save, click the action."""
		desk.open_form(doctype, name)
		if values:
			desk.set_values(values)
			desk.save()
		offered = [label for label in desk.actions() if label != RETURN_ACTION]
		if not offered:
			raise DeskError(f"{desk.user} is offered no action on {doctype} {name}")
		state = desk.click_action(action or offered[0])
		self.actions[doctype] += 1
		return state

	# --- 1. landing ---------------------------------------------------------------------

	def landing(self):
		for key in ("camat", "sekretaris", "evapor", "umum", "staf", "tim1", "tim2"):
			self.check(f"landing {key}", lambda key=key: self.land(key))

	def land(self, key: str):
		desk = self.desk(key)
		if not desk.landing_url.rstrip("/").endswith("/app/kinerja"):
			raise DeskError(f"{desk.user} landed on {desk.landing_url}, not the Kinerja workspace")
		desk.goto("kinerja")
		desk.page.wait_for_selector(".number-widget-box .widget-content .number", state="attached")
		desk.settle()
		if desk.visible_messages():
			raise DeskError(f"{desk.user} sees {desk.visible_messages()}")
		if desk.boot("frappe.boot.lang") != "id":
			raise DeskError(f"{desk.user} reads the desk in {desk.boot('frappe.boot.lang')}")
		queues = desk.page.evaluate(
			"""() => [...document.querySelectorAll('.number-widget-box')].map((box) =>
				box.querySelector('.widget-title').textContent.trim())"""
		)
		for label in ("Untuk Diperiksa", "Untuk Diparaf", "Untuk Ditandatangani", "Untuk Dikirim"):
			if label not in queues:
				raise DeskError(f"{desk.user}'s first screen has no {label} queue: {queues}")
		self.look_for_english(desk, "workspace")
		desk.screenshot(SCREENSHOTS / f"workspace-{key}.png")

	# --- 2. a Renja from the Camat's order to its delivery --------------------------------

	def renja_walk(self):
		camat = self.desk("camat")
		name = camat.new_form("Renja", {"unit_kerja": self.unit, "tahun": self.year + 2})
		self.renja = name
		attachment = self.desk("tim1")
		sent_back = False
		for _guard in range(20):
			camat.open_form("Renja", name)
			step, role = camat.doc("current_step"), camat.doc("current_role")
			if not step:
				break
			check = step in (6, 7)
			desk = self.owner(role, check)
			if step == 6 and not sent_back:
				desk.open_form("Renja", name)
				state = desk.send_back(
					"Satuan indikator pada Bab IV belum seragam; mohon diketik ulang.",
					screenshot=SCREENSHOTS / "kirim-kembali.png",
				)
				self.actions["Renja"] += 1
				sent_back = True
				if desk.doc("current_step") != 5:
					raise DeskError(f"sent back from step 6, the Renja is at {state}")
				continue
			values = renja_step_values(step, self.users, attachment)
			if step == 12:
				self.deliver_letter(desk, camat.doc("surat_keluar"))
			self.act(desk, "Renja", name, values=values)
		else:
			raise DeskError("the Renja walk does not end")
		if camat.doc("workflow_state") != "Selesai" or not sent_back:
			raise DeskError(f"the Renja ended at {camat.doc('workflow_state')}")
		log = camat.page.evaluate("() => cur_frm.doc.step_log.map((r) => [r.step_no, r.reason || ''])")
		if not any("Satuan indikator" in reason for _no, reason in log):
			raise DeskError(f"the Log Langkah keeps no return reason: {log}")
		camat.page.evaluate("() => cur_frm.scroll_to_field('step_log')")  # opens its tab
		camat.page.wait_for_timeout(500)
		camat.screenshot(
			SCREENSHOTS / "log-langkah.png", selector=".frappe-control[data-fieldname='step_log']"
		)
		camat.goto(f"print/Renja/{name}")
		# The desk's print view draws the print format inside an iframe.
		frame = camat.page.frame_locator("iframe.print-format-container")
		frame.locator(".kinerja-print").first.wait_for(state="visible")
		camat.settle()
		camat.page.wait_for_timeout(1500)  # the iframe is sized to its content after it loads
		camat.screenshot(SCREENSHOTS / "print-renja.png")

	def renja_activity(self):
		"""The walked Renja's timeline, as its Camat reads it: none of Frappe's per-ToDo
		assignment lines, at most one hand-over line per step, each shown on the timeline,
		no "null", and no English label of a table field (Frappe's line for a changed row
		names the field untranslated). The lines are written by the worker: on a bench whose
		queue is shared with other sites it can be behind, so a missing line is reported,
		not failed (the integration tier, test_hand_over, counts them exactly)."""
		if not getattr(self, "renja", None):
			raise DeskError("no Renja was walked")
		camat = self.desk("camat")
		for _attempt in range(30):  # the worker hands each step over after its commit
			camat.open_form("Renja", self.renja)
			seen = camat.page.evaluate(
				"""() => {
					const docinfo = cur_frm.get_docinfo();
					const tables = cur_frm.meta.fields.filter((df) => df.fieldtype === "Table");
					const labels = tables.flatMap((df) => frappe.get_meta(df.options).fields)
						.map((df) => df.label).filter((label) => label && __(label) !== label);
					return {
						steps: cur_frm.doc.step_log.length,
						lines: docinfo.info_logs.map((c) => c.content),
						assignment_lines: docinfo.assignment_logs.length,
						timeline: [...document.querySelectorAll(".new-timeline .timeline-item")]
							.map((item) => item.innerText.replace(/\\s+/g, " ").trim()),
						english_labels: [...new Set(labels)],
					};
				}"""
			)
			hand_overs = [line for line in seen["lines"] if HAND_OVER.match(line)]
			if len(hand_overs) >= seen["steps"]:
				break
			camat.page.wait_for_timeout(2000)
		if seen["assignment_lines"]:
			raise DeskError(f"{seen['assignment_lines']} assignment lines of Frappe's own on the Renja")
		if len(hand_overs) > seen["steps"]:
			raise DeskError(f"{len(hand_overs)} hand-over lines for {seen['steps']} steps: {hand_overs}")
		shown = [item for item in seen["timeline"] if HAND_OVER.search(item)]
		if len(shown) != len(hand_overs):
			raise DeskError(f"{len(hand_overs)} hand-over lines, {len(shown)} on the timeline: {shown}")
		if len(hand_overs) < seen["steps"]:
			print(
				f"note: {len(hand_overs)} of {seen['steps']} hand-over lines written (the worker is behind)"
			)
		noisy = [
			item
			for item in seen["timeline"]
			if re.search(r"\bnull\b", item)
			or any(re.search(rf"\b{re.escape(label)}\b", item) for label in seen["english_labels"])
		]
		if noisy:
			raise DeskError(f"the timeline shows null or an English label: {noisy[:5]}")

	def deliver_letter(self, desk: Desk, letter: str):
		"""SOP Pengiriman by clicking: recipients, Daftarkan, Kirim, each receipt in its dialog."""
		desk.open_form("Surat Keluar", letter)
		if desk.doc("workflow_state") == "Konsep":
			desk.set_values(
				{
					"penerima": [
						{
							"nama_penerima": "Kepala Bappeda Kabupaten Bandung",
							"metode_pengiriman": "Diantar Langsung",
						},
						{
							"nama_penerima": "Inspektur Kabupaten Bandung",
							"metode_pengiriman": "Diantar Langsung",
						},
					]
				}
			)
			desk.save()
		for action in ("Daftarkan", "Kirim"):
			if action in desk.actions():
				desk.click_action(action)
				self.actions["Surat Keluar"] += 1
		self.record_receipts(desk, letter)

	def record_receipts(self, desk: Desk, letter: str, screenshot: bool = False):
		for _guard in range(5):
			desk.open_form("Surat Keluar", letter)
			button = desk.page.locator(".page-head button:visible", has_text="Catat Tanda Terima")
			if not button.count():
				break
			button.first.click()
			dialog = desk.page.locator(".modal.show .modal-dialog").last
			dialog.locator("select[data-fieldname='recipient']").wait_for()
			if not dialog.locator("select[data-fieldname='recipient']").input_value():
				raise DeskError("the receipt dialog opens with no recipient chosen")
			box = dialog.locator("input[data-fieldname='received_by']")
			box.click()
			box.fill("Wawan Hermawan")
			if screenshot:
				desk.screenshot(SCREENSHOTS / "tanda-terima-dialog.png")
				screenshot = False
			before = desk.doc("modified")
			dialog.locator(".modal-footer .btn-primary").click()
			desk.wait_for_action(before)
			self.actions["Surat Keluar"] += 1
		desk.open_form("Surat Keluar", letter)
		if desk.doc("workflow_state") != "Diterima Semua":
			raise DeskError(f"letter {letter} is {desk.doc('workflow_state')} after its receipts")

	# --- 3. one step of each other document ------------------------------------------------

	def other_documents(self):
		self.check("Pemantauan Kinerja: step 4 by the Kasubag Evapor", self.pemantauan)
		self.check("Pengukuran Kinerja: created and ordered by the Camat", self.pengukuran)
		self.check("Data IKU: step 3 typed by the Staf", self.data_iku)
		self.check("Laporan Kinerja: last receipt, then delivered by the Kasubag Umum", self.laporan)
		self.check("Evaluasi Kinerja: step 5 typed by the Staf", self.evaluasi)

	def demo_document(self, doctype: str, periode: str | None = None) -> str:
		desk = self.desk("camat")
		filters = [["unit_kerja", "=", self.unit], ["tahun", "=", self.year], ["docstatus", "<", 2]]
		if periode:
			filters.append(["periode", "=", periode])
		return desk.page.evaluate(
			"""async ([dt, filters]) => (await frappe.db.get_list(dt, {filters, limit: 1}))[0].name""",
			[doctype, filters],
		)

	def step_at(self, doctype: str, name: str) -> int:
		desk = self.desk("camat")
		desk.open_form(doctype, name)
		return desk.doc("current_step")

	def pemantauan(self):
		name = self.demo_document("Pemantauan Kinerja", "Triwulan III")
		temuan = [{"kegiatan": "Pembinaan siskamling", "target": 24, "realisasi": 21, "satuan": "Kelompok"}]
		self.act(self.desk("evapor"), "Pemantauan Kinerja", name, values={"temuan": temuan})
		if self.step_at("Pemantauan Kinerja", name) != 5:
			raise DeskError("the Pemantauan did not move to step 5")

	def pengukuran(self):
		camat = self.desk("camat")
		name = camat.new_form(
			"Pengukuran Kinerja", {"unit_kerja": self.unit, "tahun": self.year, "periode": "Triwulan IV"}
		)
		self.act(camat, "Pengukuran Kinerja", name)
		if self.step_at("Pengukuran Kinerja", name) != 2:
			raise DeskError("the Pengukuran did not move to step 2")

	def data_iku(self):
		name = self.demo_document("Data IKU", "Triwulan III")
		self.act(self.desk("staf"), "Data IKU", name)
		if self.step_at("Data IKU", name) != 4:
			raise DeskError("the Data IKU did not move to step 4")

	def laporan(self):
		name = self.demo_document("Laporan Kinerja")
		umum = self.desk("umum")
		umum.open_form("Laporan Kinerja", name)
		self.record_receipts(umum, umum.doc("surat_keluar"), screenshot=True)
		self.act(umum, "Laporan Kinerja", name)
		umum.open_form("Laporan Kinerja", name)
		if umum.doc("workflow_state") != "Selesai":
			raise DeskError(f"the Laporan is {umum.doc('workflow_state')}")

	def evaluasi(self):
		name = self.demo_document("Evaluasi Kinerja")
		values = {
			"temuan": "<p>Realisasi fisik 76% dari target tahunan.</p>",
			"rekomendasi": [{"rekomendasi": "Percepat pembinaan ulang pos ronda di dua desa."}],
		}
		self.act(self.desk("staf"), "Evaluasi Kinerja", name, values=values)
		if self.step_at("Evaluasi Kinerja", name) != 6:
			raise DeskError("the Evaluasi did not move to step 6")

	# --- 4. English where an Indonesian official reads ------------------------------------

	def crawl(self):
		desk = self.desk("sekretaris")
		pages = ["kinerja", "todo", "surat-keluar", "surat-masuk", "unit-kerja"]
		pages += [f"{doctype.lower().replace(' ', '-')}" for doctype in DOCUMENTS]
		pages += [f"query-report/{report}" for report in REPORTS]
		for route in pages:
			desk.goto(route)
			self.look_for_english(desk, route)
		for doctype in DOCUMENTS:
			name = desk.page.evaluate(
				"async (dt) => (await frappe.db.get_list(dt, {limit: 1, order_by: 'modified desc'}))[0]?.name",
				doctype,
			)
			if name:
				desk.open_form(doctype, name)
				self.look_for_english(desk, f"{doctype} {name}")
		desk.page.locator(".navbar .dropdown-navbar-user > button").first.click()
		self.look_for_english(desk, "user menu")
		desk.page.keyboard.press("Escape")
		if any(self.english_found.values()):
			raise DeskError(f"{sum(map(len, self.english_found.values()))} English strings")

	def look_for_english(self, desk: Desk, where: str):
		found = self.english.find(desk.texts())
		if found:
			self.english_found.setdefault(where, set()).update(found)

	# --- the run -----------------------------------------------------------------------------

	def run(self):
		SCREENSHOTS.mkdir(parents=True, exist_ok=True)
		self.landing()
		self.check("Renja: twelve steps by clicking, one send-back with its reason", self.renja_walk)
		self.check("Renja: one activity line per step handed over, no null, no English", self.renja_activity)
		self.other_documents()
		self.check("no English for an Indonesian official", self.crawl)
		self.check("no severe console message", self.no_severe_console)
		for desk in self.desks.values():
			desk.close()

	def no_severe_console(self):
		if self.console.severe:
			raise DeskError("\n".join(self.console.severe[:20]))

	def report(self) -> int:
		english = sorted({text for found in self.english_found.values() for text in found})
		for where, found in sorted(self.english_found.items()):
			print(f"English on {where}: {sorted(found)}")
		for message in self.console.severe:
			print(f"console: {message}")
		per_document = ", ".join(f"{doctype} {n}" for doctype, n in sorted(self.actions.items()))
		print(
			f"browser tier: actions clicked {sum(self.actions.values())} ({per_document}); "
			f"English strings found {len(english)}; severe console messages {len(self.console.severe)} "
			f"(not counted: {self.console.realtime_misses} socket.io polls, no realtime server under bench serve)"
		)
		print(f"browser: {len(self.passed)} passed, {len(self.failed)} failed")
		return 1 if self.failed else 0


def renja_step_values(step: int, users: dict, uploader: Desk) -> dict | None:
	"""What each step's owner writes into the Renja (the Kelengkapan of the step)."""
	programme = {
		"program": "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
		"kegiatan": "Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan",
		"indikator_kinerja": "Partisipasi penduduk dalam Musrenbang",
		"target": 2.5,
		"satuan": "%",
		"pagu_indikatif": 42_500_000,
	}
	if step == 2:
		return {"team": [{"user": users["tim1"], "is_leader": 1}, {"user": users["tim2"]}]}
	if step == 3:
		url = uploader.upload("rekap-usulan-musrenbang.txt", "Rekapitulasi usulan Musrenbang: 87 usulan.")
		return {"lampiran_data_sumber": url, "program_kegiatan": [programme]}
	if step == 5:
		return {
			"pendahuluan": "<p>Renja menjabarkan Renstra Kecamatan.</p>",
			"tujuan_dan_sasaran": "<p>Meningkatnya kualitas pelayanan publik.</p>",
			"penutup": "<p>Renja menjadi pedoman pelaksanaan program.</p>",
		}
	if step == 10:
		return {"disposisi": "Kasubag Umum: gandakan dan distribusikan kepada Bappeda dan Inspektorat."}
	return None


def main(argv=None) -> int:
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--url", required=True, help="the served site, e.g. http://127.0.0.1:8799")
	parser.add_argument(
		"--frappe", required=True, type=Path, help="the frappe package: <bench>/apps/frappe/frappe"
	)
	args = parser.parse_args(argv)
	english = EnglishFinder(args.frappe)
	with sync_playwright() as playwright:
		tier = Tier(playwright, args.url, english)
		tier.run()
		return tier.report()


if __name__ == "__main__":
	sys.exit(main())
