"""The distribution's own namespace.

The base both sides build on: `newsrag.settings` (the one settings object) and `newsrag.errors`
(the errors a user can fix). It imports neither `index` (the write side) nor `rag` (the read side),
and `index` never imports `rag`: dependencies point one way, base <- index <- rag <- ui.

`newsrag.index`, `newsrag.ui` and `newsrag.evals` are the top-level folders `index/`, `ui/` and
`evals/` (linked here), so that installing adds no generic top-level names to site-packages.
"""
