"""One wall per data folder: a lock file in the folder, and a local socket that brings the wall forward.

The first start takes ``wall.lock`` in the data folder (QLockFile: a lock left by a killed or crashed
wall is stale and taken over) and listens on a local socket named after the folder. A second start
finds the lock taken, asks the running wall over the socket to come to the front, and ends.
"""

from __future__ import annotations

import hashlib
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Qt, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

if TYPE_CHECKING:
    from typing import Any

    from newsroom.ui.thread_worker import ThreadWorker

log = logging.getLogger("newsroom.ui.single_instance")

LOCK_FILE = "wall.lock"
_ACTIVATE = b"activate\n"
_OK = b"ok\n"


def server_name(data_dir: Path) -> str:
    """The local socket's name for a data folder: a hash of its absolute path (short and safe)."""
    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:20]
    return f"newsroom-wall-{digest}"


class SingleInstance(QObject):
    """The instance lock of one data folder; emits ``activate_requested`` when a second start asks."""

    activate_requested = Signal()
    #: ``retry_acquire`` took the lock (the data folder became writable)
    lock_taken = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir.resolve()
        self.name = server_name(self.data_dir)
        self.lock_path = self.data_dir / LOCK_FILE
        self._lock = QLockFile(str(self.lock_path))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        self._server: QLocalServer | None = None
        self._pending: dict[int, bytes] = {}

    @property
    def held(self) -> bool:
        """True while this process holds the lock."""
        return self._server is not None

    def acquire(self) -> bool:
        """Become the wall of this folder: True when the lock is ours and the socket listens."""
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            log.warning("cannot create the data folder %s: %s", self.data_dir, exc)
            return False
        if not self._lock.tryLock(0) and not self._take_over():
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(self.name)  # the socket file of a killed wall (we hold the lock)
        if not server.listen(self.name):
            log.warning("a second start cannot reach this wall (%s): %s", self.name, server.errorString())
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    def cannot_write(self) -> bool:
        """True when the last ``acquire`` failed because the lock file cannot be written (an unwritable
        data folder), not because another wall holds it."""
        return not self.data_dir.is_dir() or self._lock.error() == QLockFile.LockError.PermissionError

    @Slot(object)
    def retry_acquire(self, _reason: object = None) -> None:
        """Try again to take the lock (after the data folder could not be written); no-op when held."""
        if not self.held and self.acquire():
            log.info("the instance lock %s is taken now", self.lock_path)
            self.lock_taken.emit()

    def retry_with(self, worker: ThreadWorker[Any]) -> None:
        """While the data folder cannot be written, a pipeline start that fails tries the lock again
        (queued to this thread); once the lock is taken, the worker tries to start again at once."""
        worker.start_failed.connect(self.retry_acquire, Qt.ConnectionType.QueuedConnection)
        self.lock_taken.connect(worker.retry_now)

    def _take_over(self) -> bool:
        """Take a lock no live process holds (Qt already takes one whose process is gone or from an
        earlier boot; this covers a process id since reused by another program). A running wall keeps
        its lock file open and locked, so Qt refuses to remove it then."""
        if not self._lock.removeStaleLockFile():
            return False
        log.info("took over %s: no running wall held it", self.lock_path)
        return bool(self._lock.tryLock(0))

    def holder_pid(self) -> int:
        """The process id written in the lock file (0 when unknown)."""
        info = self._lock.getLockInfo()
        return int(info[0]) if info else 0

    def ask_to_activate(self, timeout_s: float = 5.0) -> bool:
        """Ask the running wall to come forward; True when it answered (it may still be starting)."""
        deadline = time.monotonic() + timeout_s
        while True:
            socket = QLocalSocket()
            socket.connectToServer(self.name)
            if socket.waitForConnected(500):
                socket.write(_ACTIVATE)
                socket.waitForBytesWritten(1000)
                answered = socket.waitForReadyRead(int(max(0.5, deadline - time.monotonic()) * 1000))
                reply = bytes(socket.readAll().data()) if answered else b""
                socket.disconnectFromServer()
                if reply.startswith(_OK):
                    return True
            socket.abort()
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.2)

    def release(self) -> None:
        """Stop listening and free the lock (at shutdown)."""
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    @Slot()
    def _accept(self) -> None:
        server = self._server
        while server is not None and server.hasPendingConnections():
            connection = server.nextPendingConnection()
            key = id(connection)
            connection.readyRead.connect(lambda c=connection: self._read(c))
            connection.disconnected.connect(lambda k=key: self._pending.pop(k, None))
            connection.disconnected.connect(connection.deleteLater)
            if connection.bytesAvailable():
                self._read(connection)

    def _read(self, connection: QLocalSocket) -> None:
        key = id(connection)
        request = self._pending.pop(key, b"") + bytes(connection.readAll().data())
        if b"\n" not in request and len(request) < len(_ACTIVATE):
            self._pending[key] = request  # the rest is on its way
            return
        if request == _ACTIVATE:  # the only request; anything else is ignored
            log.info("a second start asked the wall to come forward")
            self.activate_requested.emit()
            connection.write(_OK)
            connection.flush()
        connection.disconnectFromServer()
