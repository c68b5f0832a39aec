# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt
"""Buku Agenda Surat Keluar: the outgoing-letter register of a unit, as the
office keeps it, with where each copy went and whether it was received."""

import frappe
from frappe import _


@frappe.read_only()  # from the read replica when the site has one
def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(filters)


def get_columns() -> list[dict]:
	return [
		{"fieldname": "tanggal", "label": _("Letter Date"), "fieldtype": "Date", "width": 100},
		{"fieldname": "nomor_surat", "label": _("Letter Number"), "fieldtype": "Data", "width": 200},
		{
			"fieldname": "klasifikasi",
			"label": _("Classification (Klasifikasi Arsip)"),
			"fieldtype": "Link",
			"options": "Klasifikasi Arsip",
			"width": 110,
		},
		{"fieldname": "perihal", "label": _("Subject (Perihal)"), "fieldtype": "Data", "width": 240},
		{"fieldname": "sifat", "label": _("Nature (Sifat)"), "fieldtype": "Data", "width": 90},
		{"fieldname": "penerima", "label": _("Recipients"), "fieldtype": "Data", "width": 220},
		{"fieldname": "diterima", "label": _("Receipts"), "fieldtype": "Data", "width": 80},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 110},
		{
			"fieldname": "name",
			"label": _("Surat Keluar"),
			"fieldtype": "Link",
			"options": "Surat Keluar",
			"width": 140,
		},
		{
			"fieldname": "unit_kerja",
			"label": _("Unit Kerja"),
			"fieldtype": "Link",
			"options": "Unit Kerja",
			"width": 160,
		},
	]


def get_data(filters) -> list[dict]:
	conditions = {"docstatus": ("in", (1, 2))}  # registered letters: numbered, cancelled ones keep theirs
	for field in ("unit_kerja", "klasifikasi", "status"):
		if filters.get(field):
			conditions[field] = filters[field]
	if filters.get("from_date") and filters.get("to_date"):
		conditions["tanggal"] = ("between", (filters.from_date, filters.to_date))
	letters = frappe.get_list(  # the user's own units only (permission hooks)
		"Surat Keluar",
		filters=conditions,
		fields=["name", "tanggal", "nomor_surat", "klasifikasi", "perihal", "sifat", "status", "unit_kerja"],
		order_by="unit_kerja asc, tahun_nomor asc, nomor_urut asc",
	)
	recipients = {}
	for row in frappe.get_all(
		"Penerima Surat Keluar",
		filters={"parenttype": "Surat Keluar", "parent": ("in", [letter.name for letter in letters] or [""])},
		fields=["parent", "nama_penerima", "diterima_pada"],
		order_by="idx asc",
	):
		recipients.setdefault(row.parent, []).append(row)
	for letter in letters:
		rows = recipients.get(letter.name, [])
		letter.penerima = ", ".join(row.nama_penerima for row in rows)
		letter.diterima = f"{sum(1 for row in rows if row.diterima_pada)}/{len(rows)}"
		letter.status = _(letter.status)
		letter.sifat = _(letter.sifat)
	return letters
