"""The test run's own scheduling: tests that share an expensive fixture run on one worker."""
import pytest


@pytest.mark.xdist_group("grouping-probe")
def test_grouped_tests_are_sent_to_one_worker(request):
    """Under `--dist loadgroup` (the Makefile's), pytest-xdist keeps an xdist_group on one worker by
    suffixing the group to each test's ID. When that stops (pytest-dev/pytest-xdist#1386), every bad
    example is validated on both workers and the export and R fixtures are built twice, silently."""
    if not request.config.getoption("loadgroup", False):  # set on each worker by pytest-xdist
        pytest.skip("only a run spread over workers with --dist loadgroup groups tests")
    assert request.node.nodeid.endswith("@grouping-probe"), (
        f"pytest-xdist did not group {request.node.nodeid}: check the pytest pin in pyproject.toml")
