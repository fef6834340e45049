from django.core.management.base import BaseCommand

from budget.selectors import public_editions
from consultations.models import Programme
from consultations.models.programme import PUBLIC_STATES

from ...models import Subject
from ...services import publish_bundle


class Command(BaseCommand):
    help = (
        "Regenerate the BIP bundle of every public programme and edition now (e.g. after "
        "deploying onto existing data); a document gets a new version only if it changed."
    )

    def handle(self, *args, **options):
        subjects = [
            *(
                (Subject.PROGRAMME, pk)
                for pk in Programme.objects.filter(state__in=PUBLIC_STATES).values_list(
                    "pk", flat=True
                )
            ),
            *((Subject.EDITION, pk) for pk in public_editions().values_list("pk", flat=True)),
        ]
        for subject, pk in subjects:
            versions = publish_bundle(subject=subject, subject_id=pk, published_by="system")
            for version in versions:
                self.stdout.write(f"{subject} {pk}: {version.document.code} v{version.number}")
