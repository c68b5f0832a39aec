"""Factories for the integration tier: real users, units and requests.

Tests act as real non-Administrator users (Administrator passes every check).
"""

from pathlib import Path

import frappe
from frappe.tests.test_api import make_request
from frappe.utils import get_test_client

# Exports of the government systems (SIPD-RI, SIASN) as the tests use them.
DATA = Path(__file__).resolve().parents[2] / "tests" / "data"


def make_nip(birth: str = "19800101", appointed: str = "200501", gender: int = 1, serial: int = 1) -> str:
	return f"{birth}{appointed}{gender}{serial:03d}"


def make_user(email: str, roles: tuple[str, ...] = (), first_name: str | None = None) -> str:
	if not frappe.db.exists("User", email):
		# Frappe throttles sign-ups at `throttle_user_limit` (60) users an hour; the suites make
		# each office's users at once, well over that on a new site. In this process only.
		frappe.local.conf.throttle_user_limit = max(frappe.local.conf.get("throttle_user_limit") or 60, 10000)
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first_name or email.split("@")[0],
				"send_welcome_email": 0,
				"user_type": "System User",
				"roles": [{"role": role} for role in roles],
			}
		).insert(ignore_permissions=True)
	elif missing := set(roles) - set(frappe.get_roles(email)):
		user = frappe.get_doc("User", email)
		user.flags.ignore_permissions = True
		user.add_roles(*missing)
	return email


def make_unit(
	unit_name: str, unit_code: str, officials: list[dict] | None = None, **values
) -> "frappe.Document":
	unit = frappe.get_doc(
		{
			"doctype": "Unit Kerja",
			"unit_name": unit_name,
			"unit_code": unit_code,
			"regency_city": values.pop("regency_city", "Kabupaten Bandung"),
			"officials": officials or [],
			**values,
		}
	)
	return unit.insert(ignore_permissions=True)


def official(sop_role: str, full_name: str, serial: int, user: str | None = None, **values) -> dict:
	return {
		"sop_role": sop_role,
		"full_name": full_name,
		"nip": make_nip(serial=serial),
		"pangkat_golongan": "Penata (III/c)",
		"position_title": f"{sop_role} Kecamatan",
		"user": user,
		**values,
	}


def issue_api_keys(user: str) -> str:
	"""Give the user an API key pair; returns the Authorization header value."""
	doc = frappe.get_doc("User", user)
	doc.api_key = doc.api_key or frappe.generate_hash(length=15)
	secret = frappe.generate_hash(length=15)
	doc.api_secret = secret
	doc.flags.ignore_permissions = True
	doc.save()
	return f"token {doc.api_key}:{secret}"


def rest_headers(authorization: str) -> dict:
	"""An Indonesian office's REST client. Frappe picks the language of a token-authenticated
	request before it knows the user (frappe.translate.get_language): from Accept-Language,
	else the site's; install leaves the site's language to the administrator."""
	return {"Authorization": authorization, "Accept-Language": "id"}


def api_get(authorization: str, path: str, params: dict | None = None):
	"""GET through Frappe's real WSGI app, on a connection of its own (so data must be committed)."""
	client = get_test_client(use_cookies=False)
	return make_request(
		target=client.get,
		args=(path,),
		kwargs={"query_string": params or {}, "headers": rest_headers(authorization)},
		site=frappe.local.site,
	)


def api_post(authorization: str, path: str, data: dict):
	client = get_test_client(use_cookies=False)
	return make_request(
		target=client.post,
		args=(path,),
		kwargs={"json": data, "headers": rest_headers(authorization)},
		site=frappe.local.site,
	)


def api_request(authorization: str, method: str, path: str, data=None, raw: bytes | None = None):
	"""Any HTTP method; `data` is sent as JSON, `raw` as a body of its own (a client that sends no JSON)."""
	client = get_test_client(use_cookies=False)
	kwargs = {"headers": {"Authorization": authorization}}
	if raw is not None:
		kwargs.update(data=raw, content_type="application/json")
	elif data is not None:
		kwargs["json"] = data
	return make_request(
		target=getattr(client, method.lower()), args=(path,), kwargs=kwargs, site=frappe.local.site
	)


def attach_data_file(filename: str) -> str:
	"""A private File with the content of tests/data/<filename>, owned by the session user."""
	file = frappe.get_doc(
		{"doctype": "File", "file_name": filename, "content": (DATA / filename).read_bytes(), "is_private": 1}
	)
	return file.insert(ignore_permissions=True).file_url


def import_sipd(office, filename: str, jenis: str = "Renja/DPA", periode: str | None = None, tahun=2026):
	"""An Impor SIPD of the unit, previewed and run by its Kasubag Evapor. The job's work is done
	here in the request's place (Impor SIPD.execute): a bench worker must not race the test for it."""
	from kinerja_sop.walk import as_user

	with as_user(office.evapor):
		doc = frappe.get_doc(
			{
				"doctype": "Impor SIPD",
				"jenis": jenis,
				"unit_kerja": office.unit,
				"tahun": tahun,
				"periode": periode,
				"berkas": attach_data_file(filename),
			}
		).insert()
		doc.preview()
		doc.execute()
	doc.reload()
	if doc.status != "Completed":
		raise AssertionError(f"Impor SIPD {filename}: {doc.status} {doc.pesan}")
	return doc
