"""The pipeline: poll, store, analyse, build snapshots. Runs on the worker thread."""
