"""Frappe's read paths that skip the permission check, taken through it (hooks.py:
override_whitelisted_methods).

In Frappe 15.44:
- `frappe.client.get_count` counts with `frappe.db.count`, no permission at all;
- `search_link` / `search_widget` with `ignore_user_permissions=1` list with
  `ignore_permissions`, which drops every query condition of the DocType;
- the list sidebar's "Assigned To" counts (`get_group_by_count`) filter the
  records with a bare query;
- `dashboard_chart.get` draws a heatmap with `frappe.get_all` and serves every
  user the first caller's figures from a cache keyed on the chart's name;
- `get_submitted_linked_docs` asks for permission on the document and ignores
  the answer, then lists every submitted document linked to it;
- the print preview renders a document sent by the client, so its links must
  be checked as a saved document's are, and a named record must be readable;
- `run_doc_method` answers a malformed document, an unknown DocType or action
  with a server error (our actions themselves act on the stored document:
  integrity.on_stored_document).

And the desk's write paths that name a document without asking whether the user
may read it (later Frappe versions add the check to some of them):
- `toggle_like` likes any document (its `_liked_by` and a "Like" line on its
  timeline);
- `follow_document` / `unfollow_document` subscribe any user to the email digest
  of any document's changes, or take them off it;
- `add_tag`, `add_tags`, `remove_tag` tag or untag any document (and fail with a
  server error on one the user may not read).

Each wrapper scopes the request through `frappe.get_list` (query conditions and
User Permissions) and otherwise hands over to Frappe's own function.
"""

import inspect
import json

import frappe
from frappe import _
from frappe.desk import like as frappe_like
from frappe.desk import search as frappe_search
from frappe.desk.doctype.dashboard_chart import dashboard_chart as frappe_dashboard_chart
from frappe.desk.doctype.tag import tag as frappe_tag
from frappe.desk.form import document_follow as frappe_document_follow
from frappe.desk.form import linked_with as frappe_linked_with
from frappe.desk.listview import get_group_by_count as frappe_get_group_by_count
from frappe.handler import run_doc_method as frappe_run_doc_method
from frappe.model.base_document import get_controller
from frappe.utils import cint, get_safe_filters
from frappe.www import printview as frappe_printview

from kinerja_sop.domain.catalogue import UNIT_CHILD_DOCUMENTS
from kinerja_sop.integrity import InvalidInputError, checked_arguments, document_of_request
from kinerja_sop.permissions import UNIT_SCOPED, validate_unit_links

UNIT_RECORDS = frozenset((*UNIT_SCOPED, *UNIT_CHILD_DOCUMENTS))


class UnitScopedChartError(frappe.ValidationError):
	pass


@frappe.whitelist()
def get_count(doctype: str, filters=None, debug=False, cache=False, parent: str | None = None) -> int:
	"""Count what the user may list, and nothing else (a child table needs its `parent` DocType)."""
	filters = get_safe_filters(filters)
	if isinstance(filters, str):
		filters = {"name": filters}
	rows = frappe.get_list(
		doctype, filters=filters, fields=["count(*) as total"], parent_doctype=parent, order_by=None
	)
	return cint(rows[0].total) if rows else 0


@frappe.whitelist()
def search_link(
	doctype: str,
	txt: str,
	query: str | None = None,
	filters: str | dict | list | None = None,
	page_length: int = 10,
	searchfield: str | None = None,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	return frappe_search.search_link(
		doctype,
		txt,
		query=query,
		filters=filters,
		page_length=page_length,
		searchfield=searchfield,
		reference_doctype=reference_doctype,
		ignore_user_permissions=keep_permissions(doctype, ignore_user_permissions),
	)


@frappe.whitelist()
def search_widget(
	doctype: str,
	txt: str,
	query: str | None = None,
	searchfield: str | None = None,
	start: int = 0,
	page_length: int = 10,
	filters: str | None | dict | list = None,
	filter_fields=None,
	as_dict: bool = False,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	return frappe_search.search_widget(
		doctype,
		txt,
		query=query,
		searchfield=searchfield,
		start=start,
		page_length=page_length,
		filters=filters,
		filter_fields=filter_fields,
		as_dict=as_dict,
		reference_doctype=reference_doctype,
		ignore_user_permissions=keep_permissions(doctype, ignore_user_permissions),
	)


def keep_permissions(doctype: str, ignore_user_permissions) -> bool:
	"""Frappe turns `ignore_user_permissions` into ignoring every permission: never for a unit's records."""
	return False if doctype in UNIT_RECORDS else ignore_user_permissions


@frappe.whitelist()
@checked_arguments(current_filters="JSON filters", field="Data")
def get_group_by_count(doctype: str, current_filters: str, field: str) -> list[dict]:
	if field != "assigned_to":
		# checked_arguments parsed the filters; Frappe's own function takes them as JSON text
		return frappe_get_group_by_count(doctype, json.dumps(current_filters), field)
	# The records the user may list, as a subquery (query conditions included).
	permitted = frappe.get_list(doctype, filters=frappe.parse_json(current_filters), run=False, order_by=None)
	permitted = permitted.replace("%", "%%")  # it goes inside a query with parameters
	return frappe.db.sql(
		f"""select `tabToDo`.`allocated_to` as name, count(*) as count
		from `tabToDo` join `tabUser` on `tabUser`.`name` = `tabToDo`.`allocated_to`
		where `tabToDo`.`status` != 'Cancelled' and `tabUser`.`user_type` = 'System User'
			and `tabToDo`.`reference_type` = %(doctype)s and `tabToDo`.`reference_name` in ({permitted})
		group by `tabToDo`.`allocated_to` order by count desc limit 50""",
		{"doctype": doctype},
		as_dict=True,
	)


@frappe.whitelist()
@checked_arguments(heatmap_year="Int", from_date="Date", to_date="Date")
def get_dashboard_chart(
	chart_name=None,
	chart=None,
	no_cache=None,
	filters=None,
	from_date=None,
	to_date=None,
	timespan=None,
	time_interval=None,
	heatmap_year=None,
	refresh=None,
):
	args = {
		"chart_name": chart_name,
		"chart": chart,
		"no_cache": no_cache,
		"filters": filters,
		"from_date": from_date,
		"to_date": to_date,
		"timespan": timespan,
		"time_interval": time_interval,
		"heatmap_year": heatmap_year,
		"refresh": refresh,
	}
	definition = (
		frappe.get_doc("Dashboard Chart", chart_name)
		if chart_name
		else frappe._dict(frappe.parse_json(chart))
	)
	if definition.get("document_type") not in UNIT_RECORDS:
		return frappe_dashboard_chart.get(**args)
	frappe.has_permission(
		definition.document_type, "read", parent_doctype=definition.get("parent_document_type"), throw=True
	)
	if definition.get("type") == "Heatmap" and definition.get("chart_type") != "Group By":
		frappe.throw(
			_("A heatmap of {0} would count other units' records; use a line or bar chart.").format(
				_(definition.document_type)
			),
			exc=UnitScopedChartError,
		)
	# Each user's own figures: the shared cache of Frappe's cache_source is left out.
	return inspect.unwrap(frappe_dashboard_chart.get)(**args)


@frappe.whitelist()
def get_submitted_linked_docs(doctype: str, name: str) -> dict:
	frappe.has_permission(doctype, "read", doc=name, throw=True)
	linked = frappe_linked_with.get_submitted_linked_docs(doctype, name)
	docs = [d for d in linked["docs"] if frappe.has_permission(d["doctype"], "read", doc=d["name"])]
	return {"docs": docs, "count": len(docs)}


@frappe.whitelist()
def get_html_and_style(
	doc: str,
	name: str | None = None,
	print_format: str | None = None,
	no_letterhead: bool | None = None,
	letterhead: str | None = None,
	trigger_print: bool = False,
	style: str | None = None,
	settings: str | None = None,
):
	check_printed_document(doc, name)
	return frappe_printview.get_html_and_style(
		doc,
		name=name,
		print_format=print_format,
		no_letterhead=no_letterhead,
		letterhead=letterhead,
		trigger_print=trigger_print,
		style=style,
		settings=settings,
	)


@frappe.whitelist()
def get_rendered_raw_commands(doc: str, name: str | None = None, print_format: str | None = None):
	check_printed_document(doc, name)
	return frappe_printview.get_rendered_raw_commands(doc, name=name, print_format=print_format)


def check_printed_document(doc, name) -> None:
	"""A document sent by the client to be printed (the desk's print preview sends the form)
	is checked as a saved one: a record it names must be readable, its links must stay in its unit."""
	if isinstance(name, str):
		if not (isinstance(doc, str) and frappe.db.exists("DocType", doc)):
			frappe.throw(
				_("{0} is not a document type.").format(frappe.bold(str(doc)[:140])), frappe.DoesNotExistError
			)
		return  # Frappe loads the saved record and checks it
	try:
		values = json.loads(doc) if isinstance(doc, str) else doc
	except ValueError:
		frappe.throw(_("The document to print is not a JSON object."), frappe.ValidationError)
	if not isinstance(values, dict) or values.get("doctype") not in UNIT_RECORDS:
		return
	if values.get("name") and frappe.db.exists(values["doctype"], values["name"]):
		frappe.has_permission(values["doctype"], "read", doc=values["name"], throw=True)
	document = frappe.get_doc(values)
	document.check_permission("read")
	validate_unit_links(document, check_all=True)


@frappe.whitelist()
def run_doc_method(method, docs=None, dt=None, dn=None, arg=None, args=None):
	"""frappe.handler.run_doc_method, its arguments checked first: a document that is not a JSON
	object, an unknown DocType or an action the document does not have are the client's mistake
	(a translated 417), not a server error; an action is a whitelisted method of the controller.
	Frappe then runs the action as it always does."""
	doctype, _name = document_of_request(docs, dt, dn)
	action = getattr(get_controller(doctype), method, None) if isinstance(method, str) else None
	if getattr(action, "__func__", action) not in frappe.whitelisted:
		frappe.throw(
			_("{0} has no action {1}.").format(_(doctype), frappe.as_unicode(method)[:140]),
			exc=InvalidInputError,
			title=_("Invalid Value"),
		)
	return frappe_run_doc_method(method, docs=docs, dt=dt, dn=dn, arg=arg, args=args)


# --- write paths that name a document: only a document the user may read ----------------


def check_readable(doctype: str, names: list[str], user: str | None = None) -> None:
	"""`user` (the session's) may read each named document (the arguments were checked as text);
	else the one refusal Frappe gives for a document that is not the user's."""
	for name in names:
		if not frappe.has_permission(doctype, "read", doc=name, user=user):
			frappe.throw(
				_("You are not permitted to access this resource."),
				frappe.PermissionError,
				title=_("Not Permitted"),
			)


@frappe.whitelist(methods=["POST"])
@checked_arguments(doctype="Data", name="Data", add="Data")
def toggle_like(doctype, name, add=False):
	check_readable(doctype, [name])
	return frappe_like.toggle_like(doctype, name, add)


@frappe.whitelist(methods=["POST"])
@checked_arguments(doctype="Data", doc_name="Data", user="Data")
def follow_document(doctype, doc_name, user):
	check_readable(doctype, [doc_name])
	check_readable(doctype, [doc_name], user=user)  # whoever receives the digest
	return frappe_document_follow.follow_document(doctype, doc_name, user)


@frappe.whitelist(methods=["POST"])
@checked_arguments(doctype="Data", doc_name="Data", user="Data")
def unfollow_document(doctype, doc_name, user):
	check_readable(doctype, [doc_name])
	return frappe_document_follow.unfollow_document(doctype, doc_name, user)


@frappe.whitelist(methods=["POST"])
@checked_arguments(tag="Data", dt="Data", dn="Data", color="Data")
def add_tag(tag, dt, dn, color=None):
	check_readable(dt, [dn])
	return frappe_tag.add_tag(tag, dt, dn, color)


@frappe.whitelist(methods=["POST"])
@checked_arguments(tags="JSON names", dt="Data", docs="JSON names", color="Data")
def add_tags(tags, dt, docs, color=None):
	check_readable(dt, docs)
	return frappe_tag.add_tags(tags, dt, docs, color)


@frappe.whitelist(methods=["POST"])
@checked_arguments(tag="Data", dt="Data", dn="Data")
def remove_tag(tag, dt, dn):
	check_readable(dt, [dn])
	return frappe_tag.remove_tag(tag, dt, dn)
