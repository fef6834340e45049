"""The process diagram on an object's page is a picture with a description, not source text."""


def test_object_page_draws_the_process_and_marks_the_current_state(client, petition, staff):
    client.force_login(staff)
    body = client.get(f"/proces/petition/{petition.pk}/").content.decode()
    assert '<svg class="process-diagram"' in body
    assert "stateDiagram" not in body and "-->" not in body
    assert body.count("node--current") == 1
    # Every step is also written in words, with the action's name people read.
    assert ">Złóż</td>" in body.split('id="diagram-h"')[1]


def test_counting_rules_are_named_in_words():
    from budget.models.editions import TALLY_RULES
    from budget.results.templatetags.results_format import RULES, rule_label

    assert set(TALLY_RULES) == set(RULES)
    assert "zachłanna" in rule_label("greedy")
