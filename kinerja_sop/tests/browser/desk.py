"""One official at the Frappe desk in headless Chromium: log in through /login, open
forms, fill what a step asks for, click the workflow actions, read what the page shows.

Debian's chromium is driven by Playwright for Python (never a downloaded browser).
"""

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
	"--headless",
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 860}
TIMEOUT_MS = 30_000


class DeskError(AssertionError):
	"""What the desk showed instead of doing what was clicked."""


def launch(playwright):
	"""Chromium from Debian with an empty profile of its own (removed with the context)."""
	profile = tempfile.mkdtemp(prefix="kinerja-browser-")
	return playwright.chromium.launch_persistent_context(
		profile,
		executable_path=CHROMIUM,
		args=CHROMIUM_ARGS,
		headless=True,
		viewport=VIEWPORT,
		locale="id-ID",
		timezone_id="Asia/Jakarta",
	)


# `bench serve` has no realtime server: the desk's socket.io polling gets 404s that a
# production site (with the node realtime service) does not. Only these are not counted.
NO_REALTIME_SERVER = "/socket.io/"


@dataclass
class ConsoleLog:
	"""Severe messages of every page: console errors and uncaught exceptions."""

	severe: list = field(default_factory=list)
	realtime_misses: int = 0

	def watch(self, page, who: str):
		page.on("console", lambda msg: self.on_console(msg, who, page))
		page.on("pageerror", lambda error: self.severe.append(f"{who} {page.url}: uncaught {error}"))

	def on_console(self, msg, who, page):
		if msg.type != "error":
			return
		where = (msg.location or {}).get("url") or ""
		if NO_REALTIME_SERVER in where:
			self.realtime_misses += 1
			return
		self.severe.append(f"{who} {page.url}: {msg.text} {where}".strip())


class Desk:
	"""A browser of its own (cookies are per browser) for one user."""

	def __init__(self, playwright, base_url: str, user: str, password: str, console: ConsoleLog):
		self.base_url = base_url.rstrip("/")
		self.user = user
		self.password = password
		self.context = launch(playwright)
		self.context.set_default_timeout(TIMEOUT_MS)
		self.page = self.context.pages[0] if self.context.pages else self.context.new_page()
		console.watch(self.page, user)
		self.landing_url = None

	def close(self):
		self.context.close()

	# --- logging in ----------------------------------------------------------------

	def login(self):
		page = self.page
		page.goto(f"{self.base_url}/login")
		page.fill("#login_email", self.user)
		page.fill("#login_password", self.password)
		page.click(".btn-login")
		page.wait_for_url(re.compile(r"/app(/|$)"))
		self.wait_for_desk()
		self.landing_url = page.url
		return page.url

	def wait_for_desk(self):
		self.page.wait_for_function(
			"() => window.frappe && frappe.boot && frappe.router && frappe.get_route()"
		)
		self.settle()

	def settle(self):
		"""No request in flight and nothing frozen."""
		self.page.wait_for_function(
			"() => !(frappe.request && frappe.request.ajax_count) && !document.querySelector('#freeze.in')"
		)
		self.page.wait_for_timeout(300)

	def boot(self, expression: str):
		return self.page.evaluate(f"() => {expression}")

	# --- pages -------------------------------------------------------------------------

	def goto(self, route: str):
		self.page.goto(f"{self.base_url}/app/{route}")
		self.wait_for_desk()

	def open_form(self, doctype: str, name: str):
		self.goto(f"{slug(doctype)}/{name}")
		self.page.wait_for_function(
			"([dt, dn]) => window.cur_frm && cur_frm.doctype === dt && cur_frm.docname === dn && cur_frm.doc",
			arg=[doctype, name],
		)
		self.settle()

	def new_form(self, doctype: str, values: dict) -> str:
		"""Open the new form, type its first fields, save with Ctrl+S; returns the name."""
		self.goto(f"{slug(doctype)}/new")
		self.page.wait_for_function("(dt) => window.cur_frm && cur_frm.doctype === dt", arg=doctype)
		self.settle()
		for fieldname, value in values.items():
			self.type_into(fieldname, value)
		self.save()
		return self.doc("name")

	def type_into(self, fieldname: str, value):
		"""Type as a person does, into the visible input of a Data, Int or Link field, or pick a Select's option."""
		control = self.page.locator(f".frappe-control[data-fieldname='{fieldname}']").first
		if control.locator("select").count():
			control.locator("select").select_option(str(value))
			self.page.wait_for_function("([f, v]) => cur_frm.doc[f] === v", arg=[fieldname, value])
			return
		field_input = control.locator("input:visible").first
		field_input.click()
		field_input.fill(str(value))
		if self.page.locator(".awesomplete ul:visible li").count():
			self.page.wait_for_timeout(300)
			self.page.keyboard.press("Enter")  # pick the highlighted link suggestion
		field_input.press("Tab")
		self.page.wait_for_function(
			"([f, v]) => String(cur_frm.doc[f] ?? '') === String(v)", arg=[fieldname, value]
		)

	def doc(self, fieldname: str):
		return self.page.evaluate("(f) => cur_frm.doc[f]", fieldname)

	def set_values(self, values: dict):
		"""What the step's owner writes (text, tables, attachments), through the form's own setter."""
		self.page.evaluate(
			"""async (values) => {
				for (const [fieldname, value] of Object.entries(values)) {
					if (Array.isArray(value)) {
						cur_frm.clear_table(fieldname);
						for (const row of value) cur_frm.add_child(fieldname, row);
						cur_frm.refresh_field(fieldname);
						cur_frm.dirty();
					} else {
						await cur_frm.set_value(fieldname, value);
					}
				}
			}""",
			values,
		)

	def upload(self, file_name: str, content: str) -> str:
		"""A private file uploaded as the desk's attach control does; returns its URL."""
		return self.page.evaluate(
			"""async ([name, content]) => {
				const form = new FormData();
				form.append("file", new Blob([content], {type: "text/plain"}), name);
				form.append("is_private", "1");
				const r = await fetch("/api/method/upload_file", {
					method: "POST", body: form, headers: {"X-Frappe-CSRF-Token": frappe.csrf_token},
				});
				return (await r.json()).message.file_url;
			}""",
			[file_name, content],
		)

	def save(self):
		self.page.keyboard.press("Control+s")
		self.page.wait_for_function("() => cur_frm && !cur_frm.is_dirty() && !cur_frm.is_new()")
		self.settle()
		self.raise_message()

	# --- workflow actions -------------------------------------------------------------

	def actions(self) -> list[str]:
		"""The workflow actions the Tindakan menu offers this user."""
		self.settle()
		return self.page.evaluate(
			"""() => [...document.querySelectorAll('.page-head .actions-btn-group .dropdown-menu .menu-item-label')]
				.map((e) => e.textContent.trim())"""
		)

	def open_actions_menu(self):
		button = self.page.locator(".page-head .actions-btn-group > button:visible")
		button.click()
		return self.page.locator(".page-head .actions-btn-group .dropdown-menu:visible")

	def click_action(self, label: str) -> str:
		"""Tindakan -> label; returns the state reached."""
		before = self.doc("modified")
		menu = self.open_actions_menu()
		menu.locator(".menu-item-label", has_text=re.compile(f"^{re.escape(label)}$")).click()
		self.wait_for_action(before)
		return self.doc("workflow_state")

	def wait_for_action(self, before: str):
		self.page.wait_for_function(
			"""(before) => (cur_frm.doc.modified !== before && !document.querySelector('#freeze.in'))
				|| document.querySelector('.modal.show .msgprint')""",
			arg=before,
		)
		self.settle()
		self.raise_message()

	def send_back(self, reason: str, screenshot: Path | None = None) -> str:
		"""Tindakan -> Tidak Setuju, the reason typed into its dialog and sent by clicking."""
		before = self.doc("modified")
		menu = self.open_actions_menu()
		menu.locator(".menu-item-label", has_text=re.compile("^Tidak Setuju$")).click()
		dialog = self.page.locator(".modal.show .modal-dialog").last
		box = dialog.locator("textarea[data-fieldname='reason']")
		box.click()  # a freeze overlay above the dialog would take this click
		box.type(reason)
		if screenshot:
			self.page.screenshot(path=str(screenshot))
		dialog.locator(".modal-footer .btn-primary").click()
		self.wait_for_action(before)
		return self.doc("workflow_state")

	def raise_message(self):
		"""A message dialog (a refusal, a permission error) fails the step, with its text."""
		message = self.page.locator(".modal.show .msgprint")
		if message.count() and message.first.is_visible():
			text = message.first.inner_text().strip()
			self.page.keyboard.press("Escape")
			raise DeskError(f"{self.user} at {self.page.url}: the desk said: {text}")

	def visible_messages(self) -> list[str]:
		return self.page.evaluate(
			"() => [...document.querySelectorAll('.modal.show .msgprint')].map((e) => e.innerText.trim())"
		)

	# --- reading the page --------------------------------------------------------------

	def texts(self) -> list[str]:
		"""Every visible text of the page, and the placeholders of its inputs."""
		return self.page.evaluate(
			"""() => {
				const found = new Set();
				const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
				while (walker.nextNode()) {
					const node = walker.currentNode;
					const text = node.textContent.replace(/\\s+/g, ' ').trim();
					const el = node.parentElement;
					if (!text || !el || el.closest('script, style, noscript, .ql-editor, svg')) continue;
					if (!el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
					found.add(text);
				}
				for (const input of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
					if (input.getClientRects().length && input.placeholder.trim()) found.add(input.placeholder.trim());
				}
				return [...found];
			}"""
		)

	def screenshot(self, path: Path, full_page: bool = False, selector: str | None = None):
		path.parent.mkdir(parents=True, exist_ok=True)
		if selector:
			self.page.locator(selector).first.screenshot(path=str(path))
		else:
			self.page.screenshot(path=str(path), full_page=full_page)


def slug(doctype: str) -> str:
	return doctype.lower().replace(" ", "-")
