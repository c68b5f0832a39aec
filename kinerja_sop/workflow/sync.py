"""Writing each SOP's Workflow into Frappe, from the SOP record (one source of truth).

The plan comes from kinerja_sop.domain.workflow_builder; this module only
turns it into Workflow, Workflow State and Workflow Action Master records.
"""

import frappe
from frappe import _

from kinerja_sop.domain.catalogue import ADMIN_ROLE
from kinerja_sop.domain.mail_register import surat_keluar_workflow
from kinerja_sop.domain.workflow_builder import WorkflowPlan, build_workflow, plan_problems

WORKFLOW_STATE_FIELD = "workflow_state"


class InvalidWorkflowPlanError(frappe.ValidationError):
	pass


def sync_all_workflows() -> dict[str, str]:
	synced = {
		name: sync_workflow(frappe.get_doc("SOP Kinerja", name))
		for name in frappe.get_all("SOP Kinerja", pluck="name")
	}
	synced["Surat Keluar"] = write_workflow(surat_keluar_workflow())
	return synced


def sync_workflow(sop_doc) -> str | None:
	"""Create or update the Workflow of the SOP's document; None when its DocType is not installed."""
	if (
		not sop_doc.is_active
		or not sop_doc.document_type
		or not frappe.db.exists("DocType", sop_doc.document_type)
	):
		return None
	plan = build_workflow(sop_doc.as_sop())
	problems = plan_problems(plan)
	if problems:
		frappe.throw(
			_("The workflow built from {0} is not usable: {1}").format(sop_doc.name, "; ".join(problems)),
			exc=InvalidWorkflowPlanError,
		)
	return write_workflow(plan)


def write_workflow(plan: WorkflowPlan) -> str:
	ensure_states_and_actions(plan)
	workflow = (
		frappe.get_doc("Workflow", plan.name)
		if frappe.db.exists("Workflow", plan.name)
		else frappe.new_doc("Workflow")
	)
	workflow.update(
		{
			"workflow_name": plan.name,
			"document_type": plan.document_type,
			"is_active": 1,
			"workflow_state_field": WORKFLOW_STATE_FIELD,
			"override_status": 0,
			"send_email_alert": 0,
		}
	)
	workflow.set(
		"states",
		[
			{"state": state.name, "doc_status": str(state.doc_status), "allow_edit": state.role or ADMIN_ROLE}
			for state in plan.states
		],
	)
	workflow.set(
		"transitions",
		[
			{
				"state": t.state,
				"action": t.action,
				"next_state": t.next_state,
				"allowed": t.role,
				"allow_self_approval": int(t.allow_self_approval),
			}
			for t in plan.transitions
		],
	)
	workflow.flags.ignore_permissions = True
	workflow.save()
	return workflow.name


def ensure_states_and_actions(plan: WorkflowPlan):
	for state in plan.states:
		if not frappe.db.exists("Workflow State", state.name):
			frappe.get_doc(
				{"doctype": "Workflow State", "workflow_state_name": state.name, "style": state.style}
			).insert(ignore_permissions=True)
	for action in {t.action for t in plan.transitions}:
		if not frappe.db.exists("Workflow Action Master", action):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert(
				ignore_permissions=True
			)


def delete_app_workflows(document_types: list[str]):
	"""Remove our Workflows, and the states and actions no other Workflow uses."""
	workflows = frappe.get_all("Workflow", filters={"document_type": ("in", document_types)}, pluck="name")
	states = set(
		frappe.get_all("Workflow Document State", filters={"parent": ("in", workflows)}, pluck="state")
	)
	actions = set(
		frappe.get_all("Workflow Transition", filters={"parent": ("in", workflows)}, pluck="action")
	)
	for name in workflows:
		frappe.delete_doc("Workflow", name, force=True, ignore_permissions=True)
	still_used_states = set(frappe.get_all("Workflow Document State", pluck="state"))
	still_used_actions = set(frappe.get_all("Workflow Transition", pluck="action"))
	for state in states - still_used_states:
		frappe.delete_doc("Workflow State", state, force=True, ignore_permissions=True, ignore_missing=True)
	for action in actions - still_used_actions:
		frappe.delete_doc(
			"Workflow Action Master", action, force=True, ignore_permissions=True, ignore_missing=True
		)
