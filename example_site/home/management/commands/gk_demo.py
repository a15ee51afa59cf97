from django.core.management.base import BaseCommand
from django.db import transaction

from wagtail_gk.demo import DEMO_PASSWORD, demo_loaders

from ...demo import build_base


class Command(BaseCommand):
    help = "Build (idempotently) the demo county site with townships, villages, users and each app's content."

    def handle(self, *args, **options):
        with transaction.atomic():
            context = build_base(stdout=self.stdout)
        for loader in demo_loaders():
            with transaction.atomic():
                loader.load(context)
        self.stdout.write(self.style.SUCCESS("演示数据已就绪 / demo data ready."))
        self.stdout.write("后台 /admin/ 登录（密码均为 %s）：" % DEMO_PASSWORD)
        for key, user in context.users.items():
            self.stdout.write(f"  {user.username:<10} {key}")
