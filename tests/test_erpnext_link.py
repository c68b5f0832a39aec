"""Static proof of the optional ERPNext link: every Custom Field it creates and every
Employee/Department field it writes matches ERPNext v15's own DocType definitions
(tests/data/erpnext_v15/, excerpts of employee.json and department.json)."""

import ast
import json
import runpy
from datetime import date
from pathlib import Path

from kinerja_sop.domain import erpnext_link
from kinerja_sop.domain.erpnext_link import (
	CUSTOM_FIELDS,
	DEPARTMENT_FIELDS,
	EMPLOYEE_FIELDS,
	EMPLOYEE_STATUSES,
	employee_values,
	official_values,
)

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "kinerja_sop"
ERPNEXT = {
	name: json.loads((Path(__file__).parent / "data" / "erpnext_v15" / f"{name.lower()}.json").read_text())
	for name in ("Employee", "Department")
}
# DocTypes of ERPNext (setup module) our Custom Fields may link to; Company and Designation are
# ERPNext's too (erpnext/setup/doctype/company, …/designation), named by Employee's own links.
ERPNEXT_LINK_TARGETS = {"Employee", "Department", "Company", "Designation"}
OURS = {
	json.loads(p.read_text())["name"]: json.loads(p.read_text())
	for p in APP.glob("*/doctype/*/*.json")
	if p.stem == p.parent.name
}


def fields_of(doctype: str) -> dict:
	return {f["fieldname"]: f for f in ERPNEXT[doctype]["fields"]}


def test_custom_fields_sit_on_our_doctypes_and_link_to_erpnext():
	for doctype, fields in CUSTOM_FIELDS.items():
		ours = {f["fieldname"] for f in OURS[doctype]["fields"]}
		added = {f["fieldname"] for fields in CUSTOM_FIELDS.values() for f in fields}
		for field in fields:
			assert field["fieldname"] not in ours, (doctype, field["fieldname"])
			assert field["insert_after"] in ours | added, (doctype, field["insert_after"])
			assert field["fieldtype"] == "Link" and field["options"] in ERPNEXT_LINK_TARGETS
	# The link targets are the ones ERPNext's Employee itself links to.
	employee = fields_of("Employee")
	assert employee["company"]["options"] == "Company"
	assert employee["department"]["options"] == "Department"
	assert employee["designation"]["options"] == "Designation"
	assert employee["reports_to"]["options"] == "Employee"


def test_employee_fields_we_write_exist_with_their_types():
	employee = fields_of("Employee")
	for fieldname, (fieldtype, options) in EMPLOYEE_FIELDS.items():
		assert fieldname in ERPNEXT["Employee"]["field_order"], fieldname
		assert employee[fieldname]["fieldtype"] == fieldtype, fieldname
		assert employee[fieldname].get("options") == options or fieldtype == "Select", fieldname
	assert set(EMPLOYEE_STATUSES) <= set(employee["status"]["options"].split("\n"))
	# employee_name is computed by ERPNext from the name parts: we read it, never write it.
	assert employee["employee_name"].get("read_only")


def test_employee_values_fill_every_required_field():
	official = {
		"nip": "197008171998031004",
		"full_name": "Drs. H. ASEP SAEPUDIN, M.Si.",
		"position_title": "Camat Cileunyi",
		"user": "asep@example.com",
		"is_active": 1,
	}
	values = employee_values(
		official, company="Pemerintah Kabupaten Bandung", department="Kecamatan Cileunyi"
	)
	required = {f for f, d in fields_of("Employee").items() if d.get("reqd") and f != "naming_series"}
	assert required <= {k for k, v in values.items() if v}
	assert set(values) <= set(EMPLOYEE_FIELDS) - {"employee_name"}
	assert values["employee_number"] == "197008171998031004"
	assert values["gender"] == "Male"
	assert values["date_of_birth"] == date(1970, 8, 17)
	assert values["date_of_joining"] == date(1998, 3, 1)  # CPNS appointment month
	assert values["status"] == "Active"
	inactive = employee_values({**official, "is_active": 0, "nip": "197503122000032002"}, "C", None)
	assert (inactive["status"], inactive["gender"], inactive["department"]) == ("Inactive", "Female", None)


def test_official_values_from_an_employee_keep_a_missing_user():
	employee = {"employee_name": "RINA MARLINA, S.Sos.", "designation": "Sekretaris", "status": "Left"}
	assert official_values(employee) == {
		"full_name": "RINA MARLINA, S.Sos.",
		"position_title": "Sekretaris",
		"is_active": 0,
	}
	assert official_values({**employee, "user_id": "rina@example.com", "status": "Active"})["user"] == (
		"rina@example.com"
	)


def test_department_fields():
	department = fields_of("Department")
	for fieldname, (fieldtype, options) in DEPARTMENT_FIELDS.items():
		assert department[fieldname]["fieldtype"] == fieldtype
		assert department[fieldname].get("options") == options


def test_no_hard_dependency_on_erpnext():
	hooks = runpy.run_path(str(APP / "hooks.py"))
	assert "required_apps" not in hooks
	assert hooks["after_app_install"] and hooks["before_app_uninstall"]
	# No fixture creates Custom Fields (fixtures install whether ERPNext is there or not).
	assert not any(
		(f if isinstance(f, str) else f["dt"]) in ("Custom Field", "Property Setter")
		for f in hooks["fixtures"]
	)
	assert not list((APP / "fixtures").glob("custom_field*.json"))
	# erpnext is imported nowhere at module level: only inside guarded functions, if at all.
	for path in APP.rglob("*.py"):
		for node in ast.parse(path.read_text()).body:
			if isinstance(node, ast.Import | ast.ImportFrom):
				names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
				assert not any(n.split(".")[0] in ("erpnext", "hrms") for n in names), path
	assert erpnext_link.APP == "erpnext"


def test_link_hooks_resolve():
	hooks = runpy.run_path(str(APP / "hooks.py"))
	paths = [
		hooks["after_app_install"],
		hooks["before_app_uninstall"],
		hooks["doc_events"]["Employee"]["on_update"],
	]
	for dotted in paths:
		module, _, function = dotted.rpartition(".")
		tree = ast.parse((ROOT / (module.replace(".", "/") + ".py")).read_text())
		assert any(isinstance(n, ast.FunctionDef) and n.name == function for n in tree.body), dotted
