"""``{{ row|acted_by }}``: who took a step or an action, as people name them (housing.cases.actors)."""

from django import template

from housing.cases.actors import actor_label
from housing.events import label_of

register = template.Library()


@register.filter
def acted_by(row) -> str:
    """A history row or a staff action: the staff member's name (陈晓燕), or 系统定时任务 / Scheduled job."""
    return actor_label(row.actor_name, row.actor)


@register.filter
def event_label(name: str) -> str:
    """A stored event or action name (let_home) → its label (房源已按备案合同出租 / Home let under a filed contract)."""
    return label_of(name)
