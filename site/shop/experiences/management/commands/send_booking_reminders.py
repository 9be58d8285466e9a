"""Reminds tourists of tomorrow's bookings; run it hourly (cron, systemd timer)."""

from django.core.management.base import BaseCommand

from shop.experiences.notifications import send_reminders


class Command(BaseCommand):
    help = "E-mail a reminder for each booking that starts within 36 hours (once)."

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"{sent} reminder(s) sent.")
