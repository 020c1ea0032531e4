from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DepartmentsConfig(AppConfig):
    name = "departments"
    verbose_name = _("Departments and staff")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from departments.middleware import start_idle_clock
        from departments.sign_ins import on_signed_in, on_signed_out, update_last_login_quietly

        # The idle clock starts with the sign-in, which writes the session anyway (departments.middleware).
        user_logged_in.connect(start_idle_clock, dispatch_uid="departments.start_idle_clock")
        # sign-ins and sign-outs are recorded for discipline inspection (docs/decisions/0042).
        user_logged_in.connect(on_signed_in, dispatch_uid="departments.record_sign_in")
        user_logged_out.connect(on_signed_out, dispatch_uid="departments.record_sign_out")
        # The time of the last sign-in is in the sign-in records: it is not a change to the account's history.
        user_logged_in.disconnect(dispatch_uid="update_last_login")
        user_logged_in.connect(update_last_login_quietly, dispatch_uid="update_last_login")
