"""Benchmarks (`make bench`): each module measures one feature on a demo database and
returns JSON-ready figures. Never run by `make test`; never fails a build."""
