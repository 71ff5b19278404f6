"""A TCP link on loopback to a real server that a test can cut and restore, like a network fault."""

import socket
import threading
from typing import List, Tuple


class TcpSwitch:
    """Forwards 127.0.0.1:port to upstream while on; while off, connections are dropped at once."""

    def __init__(self, upstream: Tuple[str, int]) -> None:
        self.upstream = upstream
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.on = False
        self.open: List[socket.socket] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def turn_on(self) -> None:
        self.on = True

    def turn_off(self) -> None:
        """Refuses new connections and breaks the ones open, as a database outage would."""
        self.on = False
        with self.lock:
            for connection in self.open:
                try:
                    connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                connection.close()
            self.open.clear()

    def close(self) -> None:
        self.turn_off()
        self.listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.on:
                client.close()
                continue
            try:
                server = socket.create_connection(self.upstream)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.open += [client, server]
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, target):
                try:
                    end.close()
                except OSError:
                    pass
