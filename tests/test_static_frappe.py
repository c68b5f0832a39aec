"""Static tier: the app's DocType, fixture and hook files as Frappe would read them."""

import ast
import json
import re
import runpy
from pathlib import Path

import pytest
from frappe_rules import (
	DATA_OPTIONS,
	FIELD_TYPES,
	FRAPPE_DOCTYPES,
	FRAPPE_ROLES,
	NO_VALUE_TYPES,
	RESERVED_FIELDNAMES,
)

from kinerja_sop.domain.catalogue import (
	ADMIN_ROLE,
	APP_ROLES,
	SOP_DOCUMENTS,
	UNIT_BUDGET_RECORDS,
	UNIT_CHILD_DOCUMENTS,
	UNIT_DOCUMENTS,
	load_catalogue,
)
from kinerja_sop.domain.workflow_builder import build_workflow

APP = Path(__file__).resolve().parent.parent / "kinerja_sop"
MODULES = (APP / "modules.txt").read_text().split()
DOCTYPE_FILES = sorted(APP.glob("*/doctype/*/*.json"))
DOCTYPES = {path: json.loads(path.read_text()) for path in DOCTYPE_FILES if path.stem == path.parent.name}
BY_NAME = {doc["name"]: doc for doc in DOCTYPES.values()}
FIXTURE_ROLES = {role["name"] for role in json.loads((APP / "fixtures" / "role.json").read_text())}


def scrub(name: str) -> str:
	return name.replace(" ", "_").replace("-", "_").lower()


def ids(path):
	return path.parent.name


def test_app_layout():
	for required in ("hooks.py", "modules.txt", "patches.txt", "__init__.py", "fixtures", "workflow"):
		assert (APP / required).exists(), required
	for module in MODULES:
		assert (APP / scrub(module) / "__init__.py").exists(), module
	assert DOCTYPES, "no DocTypes found"


@pytest.mark.parametrize("path", list(DOCTYPES), ids=ids)
def test_doctype_file_is_where_frappe_looks(path):
	doc = DOCTYPES[path]
	assert doc["doctype"] == "DocType"
	assert path.parent.name == scrub(doc["name"]) == path.stem
	assert doc["module"] in MODULES and path.parent.parent.parent.name == scrub(doc["module"])
	assert (path.parent / "__init__.py").exists()
	controller = (path.parent / f"{path.stem}.py").read_text()
	class_name = doc["name"].replace(" ", "").replace("-", "")
	assert f"class {class_name}(" in controller


@pytest.mark.parametrize("path", list(DOCTYPES), ids=ids)
def test_fields_are_valid(path):
	doc = DOCTYPES[path]
	names = [field["fieldname"] for field in doc["fields"]]
	assert len(names) == len(set(names)), "duplicate fieldnames"
	assert doc.get("field_order", names) == names
	for field in doc["fields"]:
		name, fieldtype = field["fieldname"], field["fieldtype"]
		assert re.fullmatch(r"[a-z][a-z0-9_]{0,63}", name), name
		assert name not in RESERVED_FIELDNAMES, name
		assert fieldtype in FIELD_TYPES, (name, fieldtype)
		if fieldtype in ("Link", "Table", "Table MultiSelect"):
			target = field.get("options")
			assert target in BY_NAME or target in FRAPPE_DOCTYPES, (name, target)
			if fieldtype == "Table":
				assert BY_NAME[target].get("istable"), (name, target)
		if fieldtype == "Select":
			assert field.get("options", "").strip(), name
			if field.get("default"):
				assert field["default"] in field["options"].split("\n"), name
		if fieldtype == "Data":
			assert field.get("options", "") in DATA_OPTIONS, name
		if fieldtype in NO_VALUE_TYPES:
			assert not field.get("reqd") or fieldtype == "Table", name
		if field.get("unique"):
			assert fieldtype not in NO_VALUE_TYPES, name


@pytest.mark.parametrize("path", list(DOCTYPES), ids=ids)
def test_naming_and_permissions(path):
	doc = DOCTYPES[path]
	fields = {f["fieldname"]: f for f in doc["fields"]}
	autoname = doc.get("autoname") or ""
	assert not autoname.startswith("format:"), "format: autoname shares one counter across DocTypes"
	if autoname.startswith("field:"):
		assert fields[autoname[6:]].get("unique") and fields[autoname[6:]].get("reqd")
	if doc.get("istable"):
		assert not doc.get("permissions") and not doc.get("default_print_format")
		return
	assert not doc.get("default_print_format"), (
		"Frappe refuses it on a standard DocType (use a Property Setter)"
	)
	assert doc["permissions"], "a DocType nobody may read"
	for perm in doc["permissions"]:
		assert perm["role"] in FIXTURE_ROLES | FRAPPE_ROLES, perm["role"]
	for key in ("title_field", "image_field"):
		if doc.get(key):
			assert doc[key] in fields, key
	for name in (doc.get("search_fields") or "").split(","):
		assert not name or name.strip() in fields, name


def test_role_fixture_is_the_apps_roles():
	assert FIXTURE_ROLES == set(APP_ROLES)


def test_every_catalogue_step_role_is_shipped():
	for sop in load_catalogue():
		for step in sop.steps:
			assert step.role in FIXTURE_ROLES, (sop.name, step.no)


HOOKS = runpy.run_path(str(APP / "hooks.py"))
SOP_DOCTYPES = {sop.document_type: build_workflow(sop) for sop in load_catalogue()}


def _definition(dotted: str):
	"""The top-level statement of the app that defines `dotted`, or None."""
	module, _, attr = dotted.rpartition(".")
	path = APP.parent / (module.replace(".", "/") + ".py")
	if not path.exists():
		return None
	return next(
		(node for node in ast.parse(path.read_text()).body if getattr(node, "name", None) == attr), None
	)


def _resolves(dotted: str) -> bool:
	return _definition(dotted) is not None


def test_hook_paths_resolve():
	dotted = [HOOKS[k] for k in ("after_install", "after_migrate", "before_uninstall", "extend_bootinfo")]
	for key in ("permission_query_conditions", "has_permission"):
		for doctype, path in HOOKS[key].items():
			assert doctype in BY_NAME or doctype in FRAPPE_DOCTYPES, doctype
			dotted.append(path)
	dotted += [path for paths in HOOKS.get("scheduler_events", {}).values() for path in paths]
	dotted += HOOKS["jinja"]["methods"]
	for path in dotted:
		assert _resolves(path), path
	for key in ("doctype_js", "doctype_list_js"):
		for doctype, paths in HOOKS[key].items():
			for path in [paths] if isinstance(paths, str) else paths:
				assert doctype in BY_NAME and (APP / path).exists(), (key, doctype, path)


def test_every_child_table_of_a_unit_is_scoped_through_its_parent():
	"""The children of Unit Kerja and of the unit documents are exactly the hooks' child list,
	and each has its query conditions and permission check."""
	parents = ("Unit Kerja", *UNIT_DOCUMENTS, *UNIT_BUDGET_RECORDS)
	children = {
		field["options"]
		for parent in parents
		for field in BY_NAME[parent]["fields"]
		if field["fieldtype"] in ("Table", "Table MultiSelect")
	}
	assert children == set(UNIT_CHILD_DOCUMENTS)
	for child in children:
		assert BY_NAME[child].get("istable"), child
		assert HOOKS["permission_query_conditions"][child].endswith("unit_child_query_conditions")
		assert HOOKS["has_permission"][child].endswith("has_unit_child_permission")


def test_unit_links_and_read_overrides_resolve():
	for doctype in (*UNIT_DOCUMENTS, *UNIT_BUDGET_RECORDS):
		events = HOOKS["doc_events"][doctype]
		assert events["before_validate"] == "kinerja_sop.permissions.validate_unit_links", doctype
		assert events["before_update_after_submit"] == events["before_validate"], doctype
	for events in HOOKS["doc_events"].values():
		for path in events.values():
			assert _resolves(path), path
	for original, path in HOOKS["override_whitelisted_methods"].items():
		# Frappe's own methods, by dotted path or by the bare names frappe.handler answers to.
		frappe_method = original.startswith("frappe.") or original in ("run_doc_method", "runserverobj")
		assert frappe_method and _resolves(path), (original, path)
	assert "frappe.client.get_count" in HOOKS["override_whitelisted_methods"]


def test_every_sop_document_is_scoped_to_its_unit():
	for doctype in SOP_DOCTYPES:
		assert doctype in HOOKS["permission_query_conditions"], doctype
		assert doctype in HOOKS["has_permission"], doctype


@pytest.mark.parametrize("doctype", sorted(SOP_DOCTYPES))
def test_sop_document_is_ready_for_its_workflow(doctype):
	doc = BY_NAME[doctype]
	fields = {f["fieldname"]: f for f in doc["fields"]}
	assert doc.get("is_submittable")
	state = fields["workflow_state"]
	assert (state["fieldtype"], state["options"]) == ("Link", "Workflow State")
	assert state.get("hidden") and state.get("allow_on_submit") and state.get("no_copy")
	assert fields["unit_kerja"]["options"] == "Unit Kerja" and fields["unit_kerja"].get("reqd")
	assert fields["amended_from"]["options"] == doctype
	# What the SOP steps after signing change on the submitted document.
	for name in ("current_step", "step_due", "step_log", "disposisi", "paraf_by", "signed_by"):
		assert fields[name].get("allow_on_submit"), name
	for child in ("Log Langkah SOP",):
		for field in BY_NAME[child]["fields"]:
			if field["fieldtype"] not in ("Column Break", "Section Break"):
				assert field.get("allow_on_submit"), (child, field["fieldname"])


@pytest.mark.parametrize("doctype", sorted(SOP_DOCTYPES))
def test_permissions_follow_the_sop(doctype):
	plan = SOP_DOCTYPES[doctype]
	perms = {p["role"]: p for p in BY_NAME[doctype]["permissions"]}
	status = {s.name: s.doc_status for s in plan.states}
	submitters = {t.role for t in plan.transitions if status[t.state] == 0 and status[t.next_state] == 1}
	creators = {role for role, p in perms.items() if p.get("create")}
	assert creators - {"System Manager", ADMIN_ROLE} == {plan.states[0].role}
	for role in {s.role for s in plan.states if s.role}:
		assert perms[role].get("read") and perms[role].get("write"), role
	# Frappe asks for Submit to change a submitted document: the steps after signing need it.
	after_signing = {s.role for s in plan.states if s.doc_status == 1 and s.role}
	with_submit = {r for r, p in perms.items() if p.get("submit")} - {"System Manager", ADMIN_ROLE}
	assert with_submit == submitters | after_signing
	assert {r for r, p in perms.items() if p.get("cancel")} - {"System Manager", ADMIN_ROLE} == submitters


def test_pure_core_never_imports_frappe():
	for path in (APP / "domain").rglob("*.py"):
		tree = ast.parse(path.read_text())
		for node in ast.walk(tree):
			names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
			if isinstance(node, ast.ImportFrom):
				names = [node.module or ""]
			assert not any(n == "frappe" or n.startswith("frappe.") for n in names), path


def test_workspace_links_point_at_our_doctypes():
	for path in APP.glob("*/workspace/*/*.json"):
		workspace = json.loads(path.read_text())
		assert workspace["module"] in MODULES
		targets = [
			link["link_to"]
			for link in workspace["links"]
			if link["type"] == "Link" and link.get("link_type") == "DocType"
		]
		reports = [link["link_to"] for link in workspace["links"] if link.get("link_type") == "Report"]
		for report in reports:
			assert list(APP.glob(f"*/report/{scrub(report)}/{scrub(report)}.json")), report
		targets += [shortcut["link_to"] for shortcut in workspace["shortcuts"]]
		assert targets
		for target in targets:
			assert target in BY_NAME, (path.name, target)


def test_print_formats_are_standard_and_point_at_our_doctypes():
	formats = list(APP.glob("*/print_format/*/*.json"))
	assert formats
	for path in formats:
		print_format = json.loads(path.read_text())
		assert print_format["standard"] == "Yes" and print_format["module"] in MODULES
		assert print_format["doc_type"] in BY_NAME
		assert path.parent.name == scrub(print_format["name"])


def test_reports_point_at_our_doctypes():
	for path in APP.glob("*/report/*/*.json"):
		report = json.loads(path.read_text())
		assert report["ref_doctype"] in BY_NAME and report["module"] in MODULES
		assert (path.parent / f"{path.stem}.py").exists()
		assert {r["role"] for r in report["roles"]} <= FIXTURE_ROLES | FRAPPE_ROLES


def _whitelisted(dotted: str) -> bool:
	"""The function exists in the app and carries @frappe.whitelist()."""
	node = _definition(dotted)
	return isinstance(node, ast.FunctionDef) and any(
		"whitelist" in ast.unparse(d) for d in node.decorator_list
	)


def _records(kind: str) -> dict:
	records = {}
	for path in APP.glob(f"*/{kind}/*/*.json"):
		record = json.loads(path.read_text())
		assert path.parent.name == path.stem == scrub(record["name"]), path
		assert record["module"] in MODULES and record.get("is_standard", 1), path
		records[record["name"]] = record
	return records


def test_dashboard_records_are_standard_and_resolve():
	sources = _records("dashboard_chart_source")
	charts = _records("dashboard_chart")
	cards = _records("number_card")
	for name in sources:
		js = (APP / "kinerja" / "dashboard_chart_source" / scrub(name) / f"{scrub(name)}.js").read_text()
		assert f'chart_sources["{name}"]' in js
		method = re.search(r'method: "([\w.]+)"', js).group(1)
		assert _whitelisted(method), method
	for name, chart in charts.items():
		if chart["chart_type"] == "Custom":
			assert chart["source"] in sources, name
		else:
			assert chart["chart_type"] == "Report"
			assert list(APP.glob(f"*/report/{scrub(chart['report_name'])}/*.json")), name
		# Custom charts have no DocType to check read access against: the roles decide.
		assert {row["role"] for row in chart["roles"]} and {
			row["role"] for row in chart["roles"]
		} <= FIXTURE_ROLES
	for name, card in cards.items():
		assert card["type"] == "Custom" and _whitelisted(card["method"]), name
	for path in APP.glob("*/workspace/*/*.json"):
		workspace = json.loads(path.read_text())
		content = json.loads(workspace["content"])
		placed_charts = [block["data"]["chart_name"] for block in content if block["type"] == "chart"]
		placed_cards = [
			block["data"]["number_card_name"] for block in content if block["type"] == "number_card"
		]
		assert sorted(placed_charts) == sorted(row["chart_name"] for row in workspace["charts"])
		assert sorted(placed_cards) == sorted(row["number_card_name"] for row in workspace["number_cards"])
		assert set(placed_charts) <= set(charts) and set(placed_cards) <= set(cards)


# The SOP machinery's fields (kinerja/sop_document.py), in the order every SOP
# document's form shows them; each document adds its content fields around them.
SOP_BLOCK = (
	"title",
	"unit_kerja",
	"tahun",
	"column_break_step",
	"current_step",
	"current_role",
	"step_started_at",
	"step_due",
	"section_mutu_baku",
	"current_activity",
	"current_inputs",
	"column_break_mutu_baku",
	"current_time_standard",
	"current_output",
	"return_reason",
	"tab_content",
	"tab_team",
	"team",
	"tab_approval",
	"lampiran_data_sumber",
	"lampiran_draft",
	"lampiran_konsep",
	"column_break_approval",
	"paraf_by",
	"paraf_at",
	"signed_by",
	"signed_at",
	"disposisi",
	"tab_step_log",
	"step_log",
	"workflow_state",
	"amended_from",
)


def _sop_block(doctype: str) -> list[dict]:
	fields = {df["fieldname"]: df for df in BY_NAME[doctype]["fields"]}
	block = [dict(fields[name]) for name in SOP_BLOCK if name in fields]
	for df in block:
		if df["fieldname"] == "amended_from":
			assert df["options"] == doctype, doctype  # Frappe's amendment link points at the document itself
			df.pop("options")
	return block


def test_sop_block_is_identical_in_the_six_documents():
	reference_doctype, *others = SOP_DOCUMENTS
	reference = _sop_block(reference_doctype)
	assert [df["fieldname"] for df in reference] == list(SOP_BLOCK)
	for doctype in others:
		block = _sop_block(doctype)
		assert [df["fieldname"] for df in block] == list(SOP_BLOCK), doctype
		for mine, theirs in zip(block, reference, strict=True):
			assert mine == theirs, (doctype, mine["fieldname"])
		order = [df["fieldname"] for df in BY_NAME[doctype]["fields"] if df["fieldname"] in SOP_BLOCK]
		assert order == list(SOP_BLOCK), doctype


def test_no_other_field_is_shared_by_all_six_documents():
	"""A field every SOP document has belongs to the SOP block, where the test above keeps it identical."""
	shared = set.intersection(*({df["fieldname"] for df in BY_NAME[d]["fields"]} for d in SOP_DOCUMENTS))
	assert shared == set(SOP_BLOCK)


def test_sop_documents_come_from_the_catalogue():
	assert SOP_DOCUMENTS == tuple(sop.document_type for sop in load_catalogue())
	assert all(doctype in BY_NAME for doctype in UNIT_DOCUMENTS)
	assert set(HOOKS["doctype_js"]) == set(UNIT_DOCUMENTS)
	assert {d for d, scripts in HOOKS["doctype_js"].items() if "public/js/sop_document.js" in scripts} == set(
		SOP_DOCUMENTS
	)


def test_hooks_module_holds_only_hooks():
	"""Frappe reads every public module-level name of hooks.py as a hook."""
	tree = ast.parse((APP / "hooks.py").read_text())
	for node in tree.body:
		if isinstance(node, ast.ImportFrom):
			# a module object is skipped by Frappe's hook loader; any other imported name would be a hook
			for alias in node.names:
				assert (APP.parent / node.module.replace(".", "/") / f"{alias.name}.py").exists(), alias.name
		for target in getattr(node, "targets", []):
			assert isinstance(target, ast.Name) and not target.id.isupper(), ast.dump(target)


def test_production_code_never_imports_test_code():
	for path in APP.rglob("*.py"):
		if "tests" in path.relative_to(APP).parts or path.name.startswith("test_"):
			continue
		for node in ast.walk(ast.parse(path.read_text())):
			names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
			if isinstance(node, ast.ImportFrom):
				names = [node.module or ""]
			assert not any(".tests" in n or n.startswith("frappe.tests") for n in names), path


def _top_level_names(module: str) -> set[str] | None:
	path = APP.parent / (module.replace(".", "/") + ".py")
	if not path.exists():
		package = APP.parent / module.replace(".", "/") / "__init__.py"
		if not package.exists():
			return None
		path = package
	names = set()
	for node in ast.parse(path.read_text()).body:
		if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
			names.add(node.name)
		elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
			targets = node.targets if isinstance(node, ast.Assign) else [node.target]
			for target in targets:
				names |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
		elif isinstance(node, ast.Import | ast.ImportFrom):
			names |= {(a.asname or a.name).split(".")[0] for a in node.names}
	return names


def test_every_import_from_the_app_names_something_that_exists():
	"""Modules that import frappe cannot be imported here; their imports from the app are checked by name."""
	for path in [*APP.rglob("*.py"), *(APP.parent / "benchmarks").glob("*.py")]:
		for node in ast.walk(ast.parse(path.read_text())):
			if not isinstance(node, ast.ImportFrom) or not (node.module or "").startswith("kinerja_sop"):
				continue
			defined = _top_level_names(node.module)
			if defined is None:  # a package: the names are its modules
				package = APP.parent / node.module.replace(".", "/")
				assert package.is_dir(), (path, node.module)
				for alias in node.names:
					assert (package / f"{alias.name}.py").exists() or (package / alias.name).is_dir(), (
						path,
						node.module,
						alias.name,
					)
				continue
			package = APP.parent / node.module.replace(".", "/")
			for alias in node.names:
				submodule = (package / f"{alias.name}.py").exists() or (package / alias.name).is_dir()
				assert alias.name in defined or submodule, (str(path), node.module, alias.name)
