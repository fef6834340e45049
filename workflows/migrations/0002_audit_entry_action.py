# The audit log holds more than transitions (assessments, refused duplicates, overrides):
# the model and its field say so. Renames only: rows, and so their hashes, are unchanged.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("workflows", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel(old_name="TransitionLog", new_name="AuditEntry"),
        migrations.RenameField(model_name="auditentry", old_name="transition", new_name="action"),
        migrations.RenameIndex(
            model_name="auditentry",
            new_name="workflows_a_content_b665b2_idx",
            old_name="workflows_t_content_65c86a_idx",
        ),
    ]
