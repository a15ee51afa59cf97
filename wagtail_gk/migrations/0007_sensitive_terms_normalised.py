"""Store sensitive-word terms normalised (docs/gate.md, "A term library that
refuses nonsense"): variants of one term (ABC赌, ＡＢＣ赌) become one row.

Rows that fold to the same term are merged into the oldest: it keeps the
strictest severity ("block" over "warn"), is active if any was, and gets the
exemption phrases of all of them; the others are deleted.
"""

from django.db import migrations

SEVERITY_RANK = {"warn": 0, "block": 1}


def normalise_terms(apps, schema_editor):
    from wagtail_gk.gate.normalise import normalise_term

    SensitiveTerm = apps.get_model("wagtail_gk", "SensitiveTerm")
    groups: dict[str, list] = {}
    for term in SensitiveTerm.objects.order_by("created_at", "pk").iterator(chunk_size=2000):
        groups.setdefault(normalise_term(term.term), []).append(term)
    changed = False
    for folded, terms in groups.items():
        keep, *others = terms
        phrases = []
        for term in terms:
            for line in term.exemptions.splitlines():
                phrase = normalise_term(line)
                if phrase and phrase not in phrases:
                    phrases.append(phrase)
        severity = max((term.severity for term in terms), key=lambda value: SEVERITY_RANK.get(value, 1))
        active = any(term.active for term in terms)
        exemptions = "\n".join(phrases)
        if others:
            SensitiveTerm.objects.filter(pk__in=[term.pk for term in others]).delete()
        if (keep.term, keep.severity, keep.active, keep.exemptions) != (folded, severity, active, exemptions):
            SensitiveTerm.objects.filter(pk=keep.pk).update(term=folded, severity=severity, active=active, exemptions=exemptions)
            changed = True
        changed = changed or bool(others)
    if changed:
        State = apps.get_model("wagtail_gk", "SensitiveLibraryState")
        state, _created = State.objects.get_or_create(pk=1)
        State.objects.filter(pk=1).update(version=state.version + 1)


class Migration(migrations.Migration):
    dependencies = [("wagtail_gk", "0006_ledger_keyed_chains")]

    operations = [migrations.RunPython(normalise_terms, migrations.RunPython.noop)]
