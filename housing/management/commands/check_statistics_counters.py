"""Recount the statistics' monthly counters from the history and report any difference (docs/decisions/0036);
``--fix`` rewrites them from the history."""

from django.core.management.base import BaseCommand

from housing.statistics.counters_check import differences, payment_differences, recount, recount_payments


class Command(BaseCommand):
    help = "Recount the statistics' monthly counters from the history; report differences (--fix rewrites them)."

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="rewrite the counters from the history")

    def handle(self, *args, fix: bool = False, **options):
        found = differences() + payment_differences()
        for table, key, kept, counted in found[:50]:
            self.stdout.write(f"{table} {key}: kept {kept}, history {counted}")
        if len(found) > 50:
            self.stdout.write(f"... and {len(found) - 50} more")
        if fix:
            entries, stays = recount()
            payments = recount_payments()
            self.stdout.write(f"rewritten from the history: {entries} month counts, {stays} stay counts; "
                              f"from the payments: {payments} subsidy month counts")
        elif found:
            self.stderr.write(f"{len(found)} counters differ from the history")
            raise SystemExit(1)
        else:
            self.stdout.write("the counters match the history")
