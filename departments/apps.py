from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DepartmentsConfig(AppConfig):
    name = "departments"
    verbose_name = _("Departments and staff")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from departments.middleware import start_idle_clock

        # The idle clock starts with the sign-in, which writes the session anyway (departments.middleware).
        user_logged_in.connect(start_idle_clock, dispatch_uid="departments.start_idle_clock")
