"""The collector: the headless process that polls, analyses, stores and alerts for every wall on its
store (``newsroom collector``), and the wall's management of it as a child process."""
